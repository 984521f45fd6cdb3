import { randomUUID } from 'node:crypto';
import { type AgentConfig, agentStream } from '../../schema/events/index.ts';
import { type AgentState, foldAgent } from '../engine/agent-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.ts';
import { type Actor, appendDecision, loadStream } from './event-writer.ts';

export type CreateAgentInput = Omit<AgentConfig, 'policyIds' | 'budget'> &
  Partial<Pick<AgentConfig, 'policyIds' | 'budget'>>;

export interface AgentWriteResult {
  agent: AgentState;
  position: string;
}

/** Creating, changing and archiving agents (`agent-<id>` streams). */
export interface AgentService {
  /** @throws InvalidInputError naming the field (unknown tool, invalid config). */
  create(input: CreateAgentInput, actor: Actor): Promise<AgentWriteResult>;
  /**
   * A new version with the given fields replaced.
   * @throws NotFoundError, InvalidInputError, ConflictError when `expectedVersion` is stale.
   */
  update(
    agentId: string,
    changes: Partial<AgentConfig>,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<AgentWriteResult>;
  archive(agentId: string, actor: Actor, reason?: string): Promise<AgentWriteResult>;
  /** The agent folded from its events. @throws NotFoundError */
  get(agentId: string): Promise<AgentState>;
}

export function createAgentService(options: {
  store: EventStore;
  toolNames: () => readonly string[];
}): AgentService {
  const { store } = options;
  const checkTools = (tools: readonly string[] | undefined) => {
    if (!tools) return;
    const known = new Set(options.toolNames());
    const unknown = tools.filter((tool) => !known.has(tool));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        'tools',
        `Unknown tool(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')}`,
      );
    }
  };
  const load = async (agentId: string) => {
    const loaded = await loadStream(store, agentStream(agentId));
    const agent = foldAgent(loaded.events);
    if (!agent) throw new NotFoundError('Agent', agentId);
    return { agent, revision: loaded.revision };
  };
  return {
    async create(input, actor) {
      checkTools(input.tools);
      const agentId = randomUUID();
      const data = { agentId, policyIds: [], budget: {}, ...input };
      const result = await appendDecision(
        store,
        agentStream(agentId),
        [{ type: 'AgentCreated', data }],
        'no_stream',
        actor,
      );
      return { agent: (await load(agentId)).agent, position: result.position };
    },
    async update(agentId, changes, actor, expectedVersion) {
      checkTools(changes.tools);
      const { agent, revision } = await load(agentId);
      if (agent.archived) throw new InvalidInputError('agentId', `Agent ${agentId} is archived`);
      if (expectedVersion !== undefined && expectedVersion !== agent.version) {
        // A stale version is a conflict (ARCHITECTURE.md §7), not bad input: reload and retry.
        throw new ConflictError(`Agent is at version ${agent.version}, not ${expectedVersion}`);
      }
      const data = { agentId, version: agent.version + 1, ...changes };
      const result = await appendDecision(
        store,
        agentStream(agentId),
        [{ type: 'AgentUpdated', data }],
        revision,
        actor,
      );
      return { agent: (await load(agentId)).agent, position: result.position };
    },
    async archive(agentId, actor, reason) {
      const { agent, revision } = await load(agentId);
      if (agent.archived)
        return { agent, position: (await store.readStream(agentStream(agentId))).at(-1)?.position ?? '' };
      const data = { agentId, by: actor.id, ...(reason ? { reason } : {}) };
      const result = await appendDecision(
        store,
        agentStream(agentId),
        [{ type: 'AgentArchived', data }],
        revision,
        actor,
      );
      return { agent: { ...agent, archived: true }, position: result.position };
    },
    async get(agentId) {
      return (await load(agentId)).agent;
    },
  };
}
