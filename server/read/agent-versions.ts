// An agent's versions as the API shows them, folded from its stream: the stream is the only place
// that holds every version (the agents read model keeps the latest), and it is small.
import type { AgentView } from '../../projections/agents/queries.ts';
import { agentStream } from '../../schema/events/index.ts';
import { type AgentHistory, type AgentVersionRecord, agentHistory } from '../engine/agent-versions.ts';
import type { EventStore } from '../eventstore/port.ts';

/** Every version of the agent, oldest first; null when it does not exist. */
export async function readAgentHistory(store: EventStore, agentId: string): Promise<AgentHistory | null> {
  return agentHistory(await store.readStream(agentStream(agentId)));
}

/**
 * The agent as it was at one version: that version's config, its time as `updatedAt`, and the
 * agent's status as it is now (archiving ends every version).
 */
export function agentViewAtVersion(history: AgentHistory, record: AgentVersionRecord): AgentView {
  const created = history.versions[0] ?? record;
  return {
    id: history.agentId,
    ...record.config,
    version: record.version,
    status: history.archived ? 'archived' : 'active',
    createdAt: created.changedAt,
    updatedAt: record.changedAt,
    archivedAt: history.archivedAt,
    lastRevision: record.revision,
    lastPosition: record.position,
  };
}
