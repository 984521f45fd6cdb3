// Views built from a state the application just folded (a write's result, or the live fold of a
// run's stream), for when the read models lag. Times come from the events, never from the clock of
// the reader: a finished run's `finishedAt` is its ending event's `recordedAt`, however often read.
import type { AgentView } from '../../projections/agents/queries.ts';
import type { RunView } from '../../projections/runs/queries.ts';
import type { AgentState } from '../engine/agent-state.ts';
import type { RunState } from '../engine/run-state.ts';

/** The agent as a view; times come from `previous` (the read model's row) when there is one. */
export function agentViewFromState(
  state: AgentState,
  position: string,
  previous: AgentView | null,
): AgentView {
  const now = new Date();
  return {
    id: state.agentId,
    ...state.config,
    version: state.version,
    status: state.archived ? 'archived' : 'active',
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    archivedAt: state.archived ? (previous?.archivedAt ?? now) : null,
    lastRevision: previous?.lastRevision ?? 0,
    lastPosition: position,
  };
}

/** When the run's last folded event was recorded, and when its ending event was (null: not ended). */
export interface RunViewTimes {
  updatedAt: Date;
  finishedAt: Date | null;
}

const ENDING_EVENTS: ReadonlySet<string> = new Set(['RunCompleted', 'RunFailed', 'RunCancelled']);

/** The times of a run from its own events in order (a fork's inherited events do not count). */
export function runTimesOf(events: readonly { type: string; recordedAt: Date }[]): RunViewTimes {
  const last = events.at(-1);
  const ending = events.find((event) => ENDING_EVENTS.has(event.type));
  return { updatedAt: last?.recordedAt ?? new Date(0), finishedAt: ending?.recordedAt ?? null };
}

/** The times after one more event: the first ending event fixes `finishedAt` for good. */
export function runTimesAfter(times: RunViewTimes, event: { type: string; recordedAt: Date }): RunViewTimes {
  return {
    updatedAt: event.recordedAt,
    finishedAt: times.finishedAt ?? (ENDING_EVENTS.has(event.type) ? event.recordedAt : null),
  };
}

/** The run as a view, with its times from its events (see `runTimesOf`). */
export function runViewFromState(
  state: RunState,
  runId: string,
  position: string,
  times: RunViewTimes,
): RunView {
  const ending = state.ending;
  return {
    id: runId,
    agentId: state.agentId,
    agentVersion: state.agentVersion,
    goal: state.inputs?.goal ?? null,
    status: state.status,
    steps: state.totals.steps,
    inputTokens: state.totals.inputTokens,
    outputTokens: state.totals.outputTokens,
    costUsd: state.totals.costUsd,
    output: ending?.kind === 'completed' ? ending.output : null,
    error:
      ending?.kind === 'failed' ? { message: ending.error.message, code: ending.error.code ?? null } : null,
    forkedFrom: state.forkedFrom,
    startedAt: state.totals.startedAt ?? times.updatedAt,
    finishedAt: ending ? times.finishedAt : null,
    updatedAt: times.updatedAt,
    lastRevision: state.revision,
    lastPosition: position,
  };
}

/**
 * The times of a view that answers a write before the read models have it: its events were
 * recorded during this request, so the write's own time stands in for their `recordedAt`. Never
 * used for a read (a reload gets the events' times from the read model or the log).
 */
export function timesOfWrite(state: RunState, writtenAt: Date = new Date()): RunViewTimes {
  return { updatedAt: writtenAt, finishedAt: state.ending ? writtenAt : null };
}
