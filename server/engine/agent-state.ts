import type { AgentConfig, AgentCreatedData, AgentUpdatedData } from '../../schema/events/index.ts';

/** An agent folded from its stream: its current config and version. */
export interface AgentState {
  agentId: string;
  version: number;
  config: AgentConfig;
  archived: boolean;
}

/** Folds one event of an `agent-<id>` stream; events of other types leave the state as it is. */
export function evolveAgent(
  state: AgentState | null,
  event: { type: string; data: unknown },
): AgentState | null {
  switch (event.type) {
    case 'AgentCreated': {
      const { agentId, ...config } = event.data as AgentCreatedData;
      return { agentId, version: 1, config, archived: false };
    }
    case 'AgentUpdated': {
      if (!state) return state;
      const { agentId: _agentId, version, ...changes } = event.data as AgentUpdatedData;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      return { ...state, version, config: { ...state.config, ...defined } };
    }
    case 'AgentArchived':
      return state ? { ...state, archived: true } : state;
    default:
      return state;
  }
}

export function foldAgent(events: readonly { type: string; data: unknown }[]): AgentState | null {
  return events.reduce<AgentState | null>(evolveAgent, null);
}
