import {
  DEFAULT_STEPS_PAGE,
  encodeStepCursor,
  MAX_STEPS_PAGE,
} from '../../../projections/run-steps/queries.ts';
import type { RunView } from '../../../projections/runs/queries.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { Agent } from './agent.ts';
import { RunStatus } from './enums.ts';
import { HitlRequest } from './hitl-request.ts';
import { Memory } from './memory.ts';
import { RunEvent } from './run-event.ts';
import { RunStepConnection, type RunStepConnectionShape } from './run-step.ts';

/** `Run`, backed by the runs read model's view (or the folded state right after a write). */
export const Run = builder.objectRef<RunView>('Run');

/** Batch loader for `HitlRequest.run`. */
export function loadRuns(context: ApiContext, ids: readonly string[]): Promise<(RunView | null)[]> {
  return Promise.all(ids.map((id) => context.services.read.run(id)));
}

const RunMetrics = builder.objectRef<RunView>('RunMetrics').implement({
  fields: (t) => ({
    steps: t.exposeInt('steps'),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    costUsd: t.exposeFloat('costUsd'),
    durationMs: t.int({
      nullable: true,
      description: 'From start to end; null while running.',
      resolve: (run) => (run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null),
    }),
  }),
});

const RunError = builder.objectRef<NonNullable<RunView['error']>>('RunError').implement({
  fields: (t) => ({ message: t.exposeString('message'), code: t.exposeString('code', { nullable: true }) }),
});

const RunFork = builder.objectRef<NonNullable<RunView['forkedFrom']>>('RunFork').implement({
  fields: (t) => ({ runId: t.exposeID('runId'), atRevision: t.exposeInt('atRevision') }),
});

const MAX_EVENTS_PAGE = 1000;

Run.implement({
  description: 'One run of an agent: its status, steps, events, approvals, memories and totals.',
  fields: (t) => ({
    id: t.exposeID('id'),
    agentId: t.exposeID('agentId', { nullable: true }),
    agentVersion: t.exposeInt('agentVersion', { nullable: true }),
    agent: t.loadable({
      type: Agent,
      nullable: true,
      load: (ids: string[], context: ApiContext) =>
        Promise.all(ids.map((id) => context.services.read.agent(id))),
      resolve: (run) => run.agentId,
    }),
    goal: t.exposeString('goal', { nullable: true }),
    status: t.field({ type: RunStatus, resolve: (run) => run.status }),
    output: t.expose('output', { type: 'JSON', nullable: true }),
    error: t.field({ type: RunError, nullable: true, resolve: (run) => run.error }),
    forkedFrom: t.field({ type: RunFork, nullable: true, resolve: (run) => run.forkedFrom }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    lastPosition: t.exposeString('lastPosition'),
    lastRevision: t.exposeInt('lastRevision'),
    metrics: t.field({ type: RunMetrics, resolve: (run) => run }),
    steps: t.field({
      type: RunStepConnection,
      description: "The run's steps in order (a fork's inherited ones first), from the run_steps read model.",
      args: {
        first: t.arg.int({ defaultValue: DEFAULT_STEPS_PAGE, description: `At most ${MAX_STEPS_PAGE}.` }),
        after: t.arg.string(),
      },
      resolve: async (run, args, context): Promise<RunStepConnectionShape> => {
        const first = args.first ?? DEFAULT_STEPS_PAGE;
        if (!Number.isInteger(first) || first < 1 || first > MAX_STEPS_PAGE)
          throw badInput('first', `first is from 1 to ${MAX_STEPS_PAGE}`);
        const page = await context.services.read.runSteps(run.id, { first, after: args.after ?? null });
        const edges = page.items.map((node) => ({ node, cursor: encodeStepCursor(node.step) }));
        return {
          edges,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: false,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: page.endCursor,
          },
          totalCount: page.totalCount,
        };
      },
    }),
    stepEvents: t.field({
      type: [RunEvent],
      description: 'Every event of one step (expand or replay it); for an inherited step, its source run’s.',
      args: { step: t.arg.int({ required: true }) },
      resolve: (run, args, context) => context.services.read.stepEvents(run.id, args.step),
    }),
    events: t.connection(
      {
        type: RunEvent,
        resolve: async (run, args, context) => {
          const page = pageRequest(args);
          const first = page.first ?? 100;
          if (first < 1 || first > MAX_EVENTS_PAGE)
            throw badInput('first', `first is from 1 to ${MAX_EVENTS_PAGE}`);
          const { events, hasNextPage } = await context.services.read.runEvents(
            run.id,
            page.after ?? null,
            first,
          );
          return connectionFromPage(
            { items: events, endCursor: null, hasNextPage },
            (event) => event.position,
          );
        },
      },
      { name: 'RunEventConnection' },
      { name: 'RunEventEdge' },
    ),
    hitlRequests: t.field({
      type: [HitlRequest],
      resolve: async (run, _args, context) =>
        (await context.services.read.approvals({ runId: run.id }, { first: 200 })).items,
    }),
    memories: t.field({
      type: [Memory],
      resolve: (run, _args, context) => context.services.read.runMemories(run.id),
    }),
  }),
});

const RunFilter = builder.inputType('RunFilter', {
  fields: (t) => ({
    status: t.field({ type: [RunStatus] }),
    agentId: t.id(),
    startedFrom: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    startedBefore: t.field({ type: 'DateTime', description: 'Exclusive.' }),
  }),
});

builder.queryFields((t) => ({
  runs: t.connection(
    {
      type: Run,
      authScopes: { permission: Permission.Read },
      args: { filter: t.arg({ type: RunFilter }) },
      resolve: async (_root, args, context) => {
        const f = args.filter ?? {};
        const filter = {
          ...(f.status ? { status: f.status } : {}),
          ...(f.agentId ? { agentId: f.agentId } : {}),
          ...(f.startedFrom ? { startedFrom: f.startedFrom } : {}),
          ...(f.startedBefore ? { startedBefore: f.startedBefore } : {}),
        };
        const page = await context.services.read.runs(filter, pageRequest(args));
        return connectionFromPage(page, (run) => ({ at: run.startedAt, id: run.id }));
      },
    },
    { name: 'RunConnection' },
    { name: 'RunEdge' },
  ),
  run: t.field({
    type: Run,
    nullable: true,
    authScopes: { permission: Permission.Read },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.services.read.run(args.id),
  }),
}));
