import { HitlStatus as Status } from '../../../projections/approvals/hitl-status.ts';
import type { ApprovalView } from '../../../projections/approvals/queries.ts';
import { idFromStream, type RunEventDataByType } from '../../../schema/events/index.ts';
import { Permission } from '../../auth/roles.ts';
import type { RecordedEvent } from '../../eventstore/port.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { ErrorCode } from '../errors.ts';
import { runEventStream } from '../live/run-event-stream.ts';
import { runUpdates } from '../live/run-updates.ts';
import { viewStream } from '../live/view-stream.ts';
import { HitlRequest } from './hitl-request.ts';
import { Run } from './run.ts';
import { RunEvent } from './run-event.ts';

/** graphql-ws close code for a subscriber that fell too far behind (it resumes with its cursor). */
export const SLOW_CONSUMER_CLOSE_CODE = 4429;

const onOverflow = (context: ApiContext) => (error: Error) =>
  context.closeConnection?.(
    SLOW_CONSUMER_CLOSE_CODE,
    `${ErrorCode.SlowConsumer}: ${error.message}`.slice(0, 120),
  );

/** Every event that changes an approval: hitlUpdated follows these. */
const APPROVAL_EVENT_TYPES = [
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalRejected',
  'ApprovalExpired',
  'ApprovalEscalated',
] as const;

/** The approval an ApprovalRequested event describes, as a pending HitlRequest. */
function requestedApproval(event: RecordedEvent): ApprovalView {
  const data = event.data as unknown as RunEventDataByType['ApprovalRequested'];
  return {
    id: data.approvalId,
    runId: idFromStream(event.stream),
    agentId: null,
    step: data.step,
    tool: data.tool,
    params: data.params,
    risk: data.risk,
    reasons: data.reasons,
    status: Status.Pending,
    expiresAt: new Date(data.expiresAt),
    onExpiry: data.onExpiry,
    expiryAction: null,
    escalated: false,
    escalatedTo: null,
    decidedBy: null,
    comment: null,
    editedParams: null,
    requestedAt: event.recordedAt,
    decidedAt: null,
    runEndedAt: null,
    lastPosition: event.position,
  };
}

builder.subscriptionFields((t) => ({
  runEvents: t.field({
    type: RunEvent,
    description:
      'Every event of a run after `after` (a position): the history, then live. No gap, no duplicate.',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id({ required: true }), after: t.arg.string() },
    subscribe: (_root, args, context) =>
      runEventStream(context.services, args.runId, args.after ?? null, { onOverflow: onOverflow(context) }),
    resolve: (event: RecordedEvent) => event,
  }),
  hitlRequested: t.field({
    type: HitlRequest,
    description: 'New approval requests, live (for alerts).',
    authScopes: { permission: Permission.Read },
    subscribe: (_root, _args, context) =>
      context.services.hub.subscribe({ type: 'ApprovalRequested' }, { onOverflow: onOverflow(context) }),
    resolve: (event: RecordedEvent) => requestedApproval(event),
  }),
  hitlUpdated: t.field({
    type: HitlRequest,
    description:
      'Every approval as it is requested, decided, expires or is escalated (so open consoles update a decided card at once).',
    authScopes: { permission: Permission.Read },
    subscribe: (_root, _args, context) => {
      const { hub, liveViews } = context.services;
      const queue = hub.subscribe({ types: APPROVAL_EVENT_TYPES }, { onOverflow: onOverflow(context) });
      return viewStream(queue, (event) => liveViews.approvalAt(event));
    },
    resolve: (approval) => approval,
  }),
  runUpdated: t.field({
    type: Run,
    description:
      'With runId: the run (status and totals) now, then after each of its events. Without: every run after each of its events (dashboards).',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id() },
    subscribe: (_root, args, context) => {
      const { hub, liveViews } = context.services;
      const options = { onOverflow: onOverflow(context) };
      if (args.runId != null) return runUpdates(context.services, args.runId, options);
      return viewStream(hub.subscribe({ streamPrefix: 'run-' }, options), (event) => liveViews.runAt(event));
    },
    resolve: (run) => run,
  }),
}));
