// The one read side: every view of runs, steps, approvals, agents, memories and events the API
// shows, and the live streams. GraphQL resolvers, REST routes and subscriptions map what it returns.

import type { AgentFilter, AgentView } from '../../projections/agents/queries.ts';
import { getAgent, listAgents } from '../../projections/agents/queries.ts';
import { type AnnotationView, listRunAnnotations } from '../../projections/annotations/queries.ts';
import {
  type ApprovalFilter,
  type ApprovalView,
  getApproval,
  listApprovals,
} from '../../projections/approvals/queries.ts';
import { listRunMemories, type MemoryMatch, searchMemories } from '../../projections/memories/queries.ts';
import type { Page, PageRequest } from '../../projections/pagination.ts';
import { listRunSteps, type RunStepPage } from '../../projections/run-steps/queries.ts';
import type { RunStepRow } from '../../projections/run-steps/step-row.ts';
import {
  countRuns,
  getRun,
  listRuns,
  type RunFilter,
  type RunSort,
  type RunView,
} from '../../projections/runs/queries.ts';
import type { Embedder } from '../activities/memory/embedder.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { AgentHistory } from '../engine/agent-versions.ts';
import { parseApprovalRef } from '../engine/approval-id.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import type { EventHub, HubSubscribeOptions } from '../graphql/live/event-hub.ts';
import { readAgentHistory } from './agent-versions.ts';
import { createEvaluationReads, type EvaluationReads } from './evaluations.ts';
import { approvalRequestedView, createLiveViews, type LiveViews } from './live/live-views.ts';
import { readRunEvents, runEventStream } from './live/run-event-stream.ts';
import { runStepUpdates } from './live/run-step-updates.ts';
import { createRunThoughts, type RunThoughtDelta, type RunThoughts } from './live/run-thoughts.ts';
import { runUpdates } from './live/run-updates.ts';
import { viewStream } from './live/view-stream.ts';
import { type RecalledMemoryView, recalledAt, resolveRecalled } from './memories-at.ts';
import { emailsOf } from './people.ts';
import { runViewFromLog } from './run-from-log.ts';
import { readStepEvents } from './step-lineage.ts';

/** Every event that changes an approval: `hitlUpdated` follows these. */
const APPROVAL_EVENT_TYPES = [
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalRejected',
  'ApprovalExpired',
  'ApprovalEscalated',
] as const;

export interface ReadSide {
  /** The run from the runs read model, or folded from the log when the read model has not seen it. */
  run(runId: string): Promise<RunView | null>;
  /** A page of the runs `filter` matches in `sort` order (default newest first), with each run's cursor. */
  runs(filter: RunFilter, page: PageRequest, sort?: RunSort): Promise<Page<RunView> & { cursors: string[] }>;
  /** How many runs `filter` matches. */
  countRuns(filter: RunFilter): Promise<number>;
  /** A page of the run's steps (the `run_steps` read model), `first` 1..1000. */
  runSteps(runId: string, page: { first?: number | null; after?: string | null }): Promise<RunStepPage>;
  /** Every event of one step (for a fork's inherited step, its source's). */
  stepEvents(runId: string, step: number): Promise<RecordedEvent[]>;
  /** A page of the run's own events after a position. */
  runEvents(
    runId: string,
    after: string | null,
    first: number,
  ): Promise<{ events: RecordedEvent[]; hasNextPage: boolean }>;
  /** An approval by its public id (`<runId>:<approvalId>`) or bare approval id. */
  approval(ref: string): Promise<ApprovalView | null>;
  approvals(filter: ApprovalFilter, page: PageRequest): Promise<Page<ApprovalView>>;
  agent(agentId: string): Promise<AgentView | null>;
  agents(filter: AgentFilter, page: PageRequest): Promise<Page<AgentView>>;
  /** Every version of the agent, oldest first, from its stream; null when it does not exist. */
  agentHistory(agentId: string): Promise<AgentHistory | null>;
  runMemories: (runId: string) => ReturnType<typeof listRunMemories>;
  /**
   * The memories recalled into the prompt of the run's step (for a fork's inherited step, its
   * source's), best first; null when the step's reasoning recorded no recall (before recall was
   * recorded, or no reasoning at that step).
   */
  memoriesAt(runId: string, step: number): Promise<RecalledMemoryView[] | null>;
  /** Every annotation of the run's steps (`step_annotations` read model), by step. */
  runAnnotations(runId: string): Promise<AnnotationView[]>;
  /** Datasets and evaluations (their read models). */
  evaluations: EvaluationReads;
  /** The agent's memories nearest to `query` (embedded here, with the platform's embedder). */
  searchMemories(agentId: string, query: string, limit: number): Promise<MemoryMatch[]>;
  /** User id → email for each id that is a user; other actors (`expiry`, roles) map to themselves. */
  emails(ids: readonly string[]): Promise<Map<string, string>>;

  /** Live: a run's events after `after`, history then live, no gap, no duplicate. */
  runEventStream(
    runId: string,
    after: string | null,
    options?: HubSubscribeOptions,
  ): AsyncIterableIterator<RecordedEvent>;
  /** Live: with a run id, the run now and after each of its events; without, every run as it changes. */
  runUpdated(runId: string | null, options?: HubSubscribeOptions): AsyncIterableIterator<RunView>;
  /** Live: each new approval request. */
  hitlRequested(options?: HubSubscribeOptions): AsyncIterableIterator<ApprovalView>;
  /** Live: every approval as it is requested, decided, expires or is escalated. */
  hitlUpdated(options?: HubSubscribeOptions): AsyncIterableIterator<ApprovalView>;
  /** Live: every change of one of the run's step rows, folded from the log. */
  runStepUpdated(runId: string, options?: HubSubscribeOptions): AsyncIterableIterator<RunStepRow>;
  /**
   * Live, never stored: the model's thought of the run's current step as it is generated (the
   * process's own runs only, see `run-thoughts.ts`). `ReasoningCompleted` is the record.
   */
  runThoughtDeltas(runId: string): AsyncIterableIterator<RunThoughtDelta>;
}

export interface ReadSideDeps {
  db: SqlDatabase;
  store: EventStore;
  hub: EventHub;
  embedder: Embedder;
  /** Shared run and approval views of live events (one per process); made here when omitted. */
  liveViews?: LiveViews;
  /** The live thoughts of this process's runs (one per process); made here when omitted. */
  thoughts?: RunThoughts;
}

const MAX_QUERY_LENGTH = 4000;

export function createReadSide(deps: ReadSideDeps): ReadSide {
  const { db, store, hub, embedder } = deps;
  const thoughts = deps.thoughts ?? createRunThoughts();
  const liveViews = deps.liveViews ?? createLiveViews(store);
  return {
    run: async (runId) => (await getRun(db, runId)) ?? runViewFromLog(store, runId),
    runs: (filter, page, sort) => listRuns(db, filter, page, sort),
    countRuns: (filter) => countRuns(db, filter),
    runSteps: (runId, page) => listRunSteps(db, runId, page),
    stepEvents: (runId, step) => readStepEvents(db, store, runId, step),
    runEvents: (runId, after, first) => readRunEvents(store, runId, after, first),
    approval: async (ref) => {
      const parsed = parseApprovalRef(ref);
      if (parsed === null) return null;
      const approval = await getApproval(db, parsed.approvalId);
      return approval && (parsed.runId === null || approval.runId === parsed.runId) ? approval : null;
    },
    approvals: (filter, page) => listApprovals(db, filter, page),
    agent: (agentId) => getAgent(db, agentId),
    agents: (filter, page) => listAgents(db, filter, page),
    agentHistory: (agentId) => readAgentHistory(store, agentId),
    runMemories: (runId) => listRunMemories(db, runId),
    memoriesAt: async (runId, step) => {
      const recalled = recalledAt(await readStepEvents(db, store, runId, step));
      return recalled === null ? null : resolveRecalled(db, recalled);
    },
    runAnnotations: (runId) => listRunAnnotations(db, runId),
    evaluations: createEvaluationReads(db),
    searchMemories: async (agentId, query, limit) => {
      const text = query.trim();
      if (text === '' || text.length > MAX_QUERY_LENGTH) {
        throw new RangeError(`query has 1 to ${MAX_QUERY_LENGTH} characters`);
      }
      const [vector] = await embedder.embed([text]);
      if (!vector) throw new Error('The embedder returned no vector');
      return searchMemories(db, { agentId, vector, model: embedder.model, limit });
    },
    emails: (ids) => emailsOf(db, ids),

    runEventStream: (runId, after, options) => runEventStream({ store, hub }, runId, after, options),
    runUpdated: (runId, options = {}) =>
      runId === null
        ? viewStream(hub.subscribe({ streamPrefix: 'run-' }, options), (event) => liveViews.runAt(event))
        : runUpdates({ store, hub, readView: (id) => getRun(db, id) }, runId, options),
    hitlRequested: (options = {}) =>
      viewStream(hub.subscribe({ type: 'ApprovalRequested' }, options), async (event) =>
        approvalRequestedView(event),
      ),
    hitlUpdated: (options = {}) =>
      viewStream(hub.subscribe({ types: APPROVAL_EVENT_TYPES }, options), (event) =>
        liveViews.approvalAt(event),
      ),
    runStepUpdated: (runId, options) => runStepUpdates({ db, store, hub }, runId, options),
    runThoughtDeltas: (runId) => thoughts.subscribe(runId),
  };
}
