// The one lookup of an agent's versions, from its stream (never a read model): startRun with a pinned
// version, rollback, the API's history and `replay-check --agent <id>@<version>` all use it.
import { agentStream } from '../../schema/events/index.ts';
import type { AgentState } from '../engine/agent-state.ts';
import { type AgentHistory, agentHistory, agentStateAt, findAgentVersion } from '../engine/agent-versions.ts';
import type { EventStore } from '../eventstore/port.ts';
import { NotFoundError } from './errors.ts';

/** Every version of the agent, oldest first. @throws NotFoundError when the agent does not exist. */
export async function loadAgentHistory(store: EventStore, agentId: string): Promise<AgentHistory> {
  const history = agentHistory(await store.readStream(agentStream(agentId)));
  if (history === null) throw new NotFoundError('Agent', agentId);
  return history;
}

/**
 * An agent as it was at `version` (its latest without one), folded from its stream.
 * @throws NotFoundError when the agent, or that version of it, does not exist.
 */
export async function loadAgentVersion(
  store: EventStore,
  agentId: string,
  version?: number,
): Promise<AgentState> {
  const history = await loadAgentHistory(store, agentId);
  return agentVersionOf(history, version);
}

/** `version` (the latest without one) of a loaded history. @throws NotFoundError for an unknown version. */
export function agentVersionOf(history: AgentHistory, version?: number): AgentState {
  const latest = history.versions.at(-1);
  if (version === undefined && latest) return agentStateAt(history, latest);
  const lookup = findAgentVersion(history, version ?? 0);
  if ('problem' in lookup) throw new NotFoundError(lookup.problem);
  return agentStateAt(history, lookup.found);
}
