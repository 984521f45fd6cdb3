import { Permission } from '../../auth/roles.ts';
import type { RecordedEvent } from '../../eventstore/port.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { ErrorCode } from '../errors.ts';
import { HitlRequest } from './hitl-request.ts';
import { Run } from './run.ts';
import { RunEvent } from './run-event.ts';
import { RunStep } from './run-step.ts';
import { RunThoughtDelta } from './run-thought-delta.ts';

/** graphql-ws close code for a subscriber that fell too far behind (it resumes with its cursor). */
export const SLOW_CONSUMER_CLOSE_CODE = 4429;

const onOverflow = (context: ApiContext) => (error: Error) =>
  context.closeConnection?.(
    SLOW_CONSUMER_CLOSE_CODE,
    `${ErrorCode.SlowConsumer}: ${error.message}`.slice(0, 120),
  );

/** Every subscription maps a stream of the read side (server/read); none reads the log itself. */
builder.subscriptionFields((t) => ({
  runEvents: t.field({
    type: RunEvent,
    description:
      'Every event of a run after `after` (a position): the history, then live. No gap, no duplicate.',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id({ required: true }), after: t.arg.string() },
    subscribe: (_root, args, context) =>
      context.services.read.runEventStream(args.runId, args.after ?? null, {
        onOverflow: onOverflow(context),
      }),
    resolve: (event: RecordedEvent) => event,
  }),
  hitlRequested: t.field({
    type: HitlRequest,
    description: 'New approval requests, live (for alerts).',
    authScopes: { permission: Permission.Read },
    subscribe: (_root, _args, context) =>
      context.services.read.hitlRequested({ onOverflow: onOverflow(context) }),
    resolve: (approval) => approval,
  }),
  hitlUpdated: t.field({
    type: HitlRequest,
    description:
      'Every approval as it is requested, decided, expires or is escalated (so open consoles update a decided card at once).',
    authScopes: { permission: Permission.Read },
    subscribe: (_root, _args, context) =>
      context.services.read.hitlUpdated({ onOverflow: onOverflow(context) }),
    resolve: (approval) => approval,
  }),
  runUpdated: t.field({
    type: Run,
    description:
      'With runId: the run (status and totals) now, then after each of its events. Without: every run after each of its events (dashboards).',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id() },
    subscribe: (_root, args, context) =>
      context.services.read.runUpdated(args.runId ?? null, { onOverflow: onOverflow(context) }),
    resolve: (run) => run,
  }),
  runStepUpdated: t.field({
    type: RunStep,
    description:
      "Every change of one of the run's steps, live, folded from the log (not the read model): first the steps the read model may not show yet, then each change.",
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id({ required: true }) },
    subscribe: (_root, args, context) =>
      context.services.read.runStepUpdated(args.runId, { onOverflow: onOverflow(context) }),
    resolve: (row) => row,
  }),
  runThoughtDelta: t.field({
    type: RunThoughtDelta,
    description:
      'The model’s thought as it is generated, for the step being reasoned now: the text so far, then each piece. Not stored and not resumable (the step’s ReasoningCompleted is the record). Only runs driven by the process serving the subscription stream here.',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id({ required: true }) },
    subscribe: (_root, args, context) => context.services.read.runThoughtDeltas(args.runId),
    resolve: (delta) => delta,
  }),
}));
