import type { AgentConfig } from '../../schema/events/index.ts';
import { type AgentState, evolveAgent } from './agent-state.ts';

/** One version of an agent: its whole config then, and the event that made it. */
export interface AgentVersionRecord {
  version: number;
  config: AgentConfig;
  /** The actor of the event (a user id, a token's user, `system`); null when none was recorded. */
  changedBy: string | null;
  changedAt: Date;
  /** Revision and log position of the event that made this version. */
  revision: number;
  position: string;
}

/** Every version of an agent, oldest first, and whether it is archived now. */
export interface AgentHistory {
  agentId: string;
  versions: AgentVersionRecord[];
  archived: boolean;
  archivedAt: Date | null;
}

interface AgentEvent {
  type: string;
  data: unknown;
  revision: number;
  position: string;
  recordedAt: Date;
  metadata: { actor?: string };
}

/** Folds an agent's stream into its versions; null for a stream without `AgentCreated`. */
export function agentHistory(events: readonly AgentEvent[]): AgentHistory | null {
  let state: AgentState | null = null;
  const versions: AgentVersionRecord[] = [];
  let archivedAt: Date | null = null;
  for (const event of events) {
    const next = evolveAgent(state, event);
    if (next !== null && next.version !== state?.version) {
      versions.push({
        version: next.version,
        config: next.config,
        changedBy: event.metadata.actor ?? null,
        changedAt: event.recordedAt,
        revision: event.revision,
        position: event.position,
      });
    }
    if (next?.archived && !state?.archived) archivedAt = event.recordedAt;
    state = next;
  }
  if (state === null) return null;
  return { agentId: state.agentId, versions, archived: state.archived, archivedAt };
}

/** The version asked for, or a sentence saying which versions exist. */
export function findAgentVersion(
  history: AgentHistory,
  version: number,
): { found: AgentVersionRecord } | { problem: string } {
  const found = history.versions.find((record) => record.version === version);
  if (found) return { found };
  const latest = history.versions.at(-1)?.version ?? 0;
  return { problem: `Agent ${history.agentId} has no version ${version} (its latest is ${latest})` };
}

/** The agent as `AgentState` at one of its versions (archived as it is now: no version un-archives). */
export function agentStateAt(history: AgentHistory, record: AgentVersionRecord): AgentState {
  return {
    agentId: history.agentId,
    version: record.version,
    config: record.config,
    archived: history.archived,
  };
}

/**
 * What a rollback to `target` appends on top of `current`: every config field of the target, whole,
 * so the new version equals it; an approval override the target lacks is cleared with `{}` (which
 * overrides nothing), since an update cannot remove a field.
 */
export function rollbackChanges(current: AgentConfig, target: AgentConfig): Partial<AgentConfig> {
  const changes: Partial<AgentConfig> = { ...target };
  if (target.approval === undefined && current.approval !== undefined) changes.approval = {};
  return changes;
}
