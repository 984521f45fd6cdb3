import { getAgent } from '../../../projections/agents/queries.ts';
import { listApprovals } from '../../../projections/approvals/queries.ts';
import { getRun, listRuns, type RunView } from '../../../projections/runs/queries.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { readRunEvents } from '../live/run-event-stream.ts';
import { Agent } from './agent.ts';
import { RunStatus } from './enums.ts';
import { HitlRequest } from './hitl-request.ts';
import { Memory, runMemories } from './memory.ts';
import { RunEvent } from './run-event.ts';
import { RunStep } from './run-step.ts';

/** `Run`, backed by the runs read model's view (or the folded state right after a write). */
export const Run = builder.objectRef<RunView>('Run');

/** Batch loader for `HitlRequest.run`. */
export function loadRuns(context: ApiContext, ids: readonly string[]): Promise<(RunView | null)[]> {
  return Promise.all(ids.map((id) => getRun(context.services.db, id)));
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
        Promise.all(ids.map((id) => getAgent(context.services.db, id))),
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
      type: [RunStep],
      resolve: async (run, _args, context) => (await context.services.runs.get(run.id)).steps,
    }),
    events: t.connection(
      {
        type: RunEvent,
        resolve: async (run, args, context) => {
          const page = pageRequest(args);
          const first = page.first ?? 100;
          if (first < 1 || first > MAX_EVENTS_PAGE)
            throw badInput('first', `first is from 1 to ${MAX_EVENTS_PAGE}`);
          const { events, hasNextPage } = await readRunEvents(
            context.services.store,
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
        (await listApprovals(context.services.db, { runId: run.id }, { first: 200 })).items,
    }),
    memories: t.field({
      type: [Memory],
      resolve: (run, _args, context) => runMemories(context.services.db, run.id),
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
        const page = await listRuns(context.services.db, filter, pageRequest(args));
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
    resolve: (_root, args, context) => getRun(context.services.db, args.id),
  }),
}));
