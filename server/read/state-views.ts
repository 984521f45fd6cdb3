// The views a mutation returns when it does not wait for the read models: built from the state the
// application service folded from the stream it just wrote (always current, never from SQL).
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

/** The run as a view. */
export function runViewFromState(state: RunState, runId: string, position: string): RunView {
  const ending = state.ending;
  const now = new Date();
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
    startedAt: state.totals.startedAt ?? now,
    finishedAt: ending ? now : null,
    updatedAt: now,
    lastRevision: state.revision,
    lastPosition: position,
  };
}
