import type { AgentView } from '../../../projections/agents/queries.ts';
import {
  DEFAULT_STEPS_PAGE,
  encodeStepCursor,
  MAX_STEPS_PAGE,
} from '../../../projections/run-steps/queries.ts';
import { MAX_SEARCH_LENGTH, runFilterProblem } from '../../../projections/runs/filter-rules.ts';
import {
  type RunFilter as ReadRunFilter,
  RunSort as RunSortValues,
  type RunView,
} from '../../../projections/runs/queries.ts';
import type { RunStatus as RunStatusValue } from '../../../projections/runs/run-status.ts';
import type { RiskLevel as RiskLevelValue } from '../../../schema/events/common.ts';
import { Permission } from '../../auth/roles.ts';
import { agentViewAtVersion } from '../../read/agent-versions.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { Agent } from './agent.ts';
import { RiskLevel, RunStatus } from './enums.ts';
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

/** `<agentId>@<version>`, or the bare id for a run that recorded no version (its latest is shown). */
const agentKey = (agentId: string, version: number | null) =>
  version === null ? agentId : `${agentId}@${version}`;

/** Agents at versions (`agentKey`s), each agent's stream read once however many of its runs ask. */
async function loadAgentsAt(context: ApiContext, keys: readonly string[]): Promise<(AgentView | null)[]> {
  const parsed = keys.map((key) => {
    const at = key.lastIndexOf('@');
    return at === -1
      ? { id: key, version: null }
      : { id: key.slice(0, at), version: Number(key.slice(at + 1)) };
  });
  const ids = [...new Set(parsed.map((key) => key.id))];
  const histories = new Map(
    await Promise.all(ids.map(async (id) => [id, await context.services.read.agentHistory(id)] as const)),
  );
  return Promise.all(
    parsed.map(async ({ id, version }) => {
      if (version === null) return context.services.read.agent(id);
      const history = histories.get(id);
      const record = history?.versions.find((item) => item.version === version);
      return history && record ? agentViewAtVersion(history, record) : null;
    }),
  );
}

Run.implement({
  description: 'One run of an agent: its status, steps, events, approvals, memories and totals.',
  fields: (t) => ({
    id: t.exposeID('id'),
    agentId: t.exposeID('agentId', { nullable: true }),
    agentVersion: t.exposeInt('agentVersion', { nullable: true }),
    agent: t.loadable({
      type: Agent,
      nullable: true,
      description: 'The agent as it was at the version the run used (not its latest).',
      load: (keys: string[], context: ApiContext) => loadAgentsAt(context, keys),
      resolve: (run) => (run.agentId === null ? null : agentKey(run.agentId, run.agentVersion)),
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
    agentVersion: t.int(),
    startedFrom: t.field({ type: 'DateTime', description: 'Inclusive.' }),
    startedBefore: t.field({ type: 'DateTime', description: 'Exclusive.' }),
    since: t.field({ type: 'DateTime', description: 'Started at or after (inclusive).' }),
    until: t.field({ type: 'DateTime', description: 'Started before (exclusive).' }),
    search: t.string({
      description: `Full-text search over goal, thoughts and final output, web-search syntax ("a phrase", or, -word); at most ${MAX_SEARCH_LENGTH} characters.`,
    }),
    tool: t.string({ description: 'A tool the run proposed at least once.' }),
    riskReached: t.field({ type: RiskLevel, description: 'The highest risk of any of its tool calls.' }),
    annotated: t.boolean({ description: 'Runs with (true) or without (false) any step annotation.' }),
    annotationLabel: t.string({ description: 'Runs with a step annotation of exactly this label.' }),
    minCostUsd: t.float({ description: 'Inclusive.' }),
    maxCostUsd: t.float({ description: 'Inclusive.' }),
  }),
});

const RunSortEnum = builder.enumType('RunSort', {
  description: 'The order of a list of runs; ties are broken by id.',
  values: Object.values(RunSortValues),
});

type RunFilterArgs = NonNullable<Parameters<typeof toRunFilter>[0]>;

/** The later of two optional lower bounds / the earlier of two upper bounds. */
const later = (a?: Date | null, b?: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b ?? undefined));
const earlier = (a?: Date | null, b?: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b ?? undefined));

/** The GraphQL filter as the read side's, or bad input naming the field by its path (`filter.search`). */
function toRunFilter(f: {
  status?: RunStatusValue[] | null;
  agentId?: string | number | null;
  agentVersion?: number | null;
  startedFrom?: Date | null;
  startedBefore?: Date | null;
  since?: Date | null;
  until?: Date | null;
  search?: string | null;
  tool?: string | null;
  riskReached?: RiskLevelValue | null;
  annotated?: boolean | null;
  annotationLabel?: string | null;
  minCostUsd?: number | null;
  maxCostUsd?: number | null;
}): ReadRunFilter {
  const from = later(f.startedFrom, f.since);
  const before = earlier(f.startedBefore, f.until);
  if (from && before && from >= before)
    throw badInput(f.until ? 'filter.until' : 'filter.startedBefore', 'The time range ends before it starts');
  const filter: ReadRunFilter = {
    ...(f.status ? { status: f.status } : {}),
    ...(f.agentId != null ? { agentId: String(f.agentId) } : {}),
    ...(f.agentVersion != null ? { agentVersion: f.agentVersion } : {}),
    ...(from ? { startedFrom: from } : {}),
    ...(before ? { startedBefore: before } : {}),
    // An empty or blank search is no search.
    ...(f.search != null && f.search.trim() !== '' ? { search: f.search } : {}),
    ...(f.tool != null ? { tool: f.tool } : {}),
    ...(f.riskReached ? { riskReached: f.riskReached } : {}),
    ...(f.annotated != null ? { annotated: f.annotated } : {}),
    ...(f.annotationLabel != null ? { annotationLabel: f.annotationLabel } : {}),
    ...(f.minCostUsd != null ? { minCostUsd: f.minCostUsd } : {}),
    ...(f.maxCostUsd != null ? { maxCostUsd: f.maxCostUsd } : {}),
  };
  const problem = runFilterProblem(filter);
  if (problem) throw badInput(`filter.${problem.field}`, problem.message);
  return filter;
}

interface RunConnectionExtras {
  /** Counted only when the client selects `totalCount`. */
  totalCount?: () => Promise<number>;
}

builder.queryFields((t) => ({
  runs: t.connection(
    {
      type: Run,
      authScopes: { permission: Permission.Read },
      args: {
        filter: t.arg({ type: RunFilter }),
        sort: t.arg({ type: RunSortEnum, defaultValue: RunSortValues.StartedDesc }),
      },
      resolve: async (_root, args, context) => {
        const filter = toRunFilter((args.filter ?? {}) as RunFilterArgs);
        const sort = args.sort ?? RunSortValues.StartedDesc;
        const page = await context.services.read.runs(filter, pageRequest(args), sort);
        const connection = connectionFromPage(page, (_run, index) => page.cursors[index] as string);
        const extras: RunConnectionExtras = { totalCount: () => context.services.read.countRuns(filter) };
        return Object.assign(connection, extras);
      },
    },
    {
      name: 'RunConnection',
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many runs the filter matches, over every page.',
          resolve: (connection) => {
            const count = (connection as RunConnectionExtras).totalCount;
            if (!count) throw new Error('RunConnection without its count');
            return count();
          },
        }),
      }),
    },
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
