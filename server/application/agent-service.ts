import { randomUUID } from 'node:crypto';
import { type AgentConfig, agentStream } from '../../schema/events/index.ts';
import { type AgentState, evolveAgent, foldAgent } from '../engine/agent-state.ts';
import type { Decision } from '../engine/refusal.ts';
import type { EventStore } from '../eventstore/port.ts';
import { type CommandHandler, type CommandTarget, createCommandHandler } from './command-handler.ts';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.ts';
import { type Actor, loadStream } from './event-writer.ts';

/** What creating an agent takes: policies, budget and the system prompt may be left out. */
export type CreateAgentInput = Omit<AgentConfig, 'policyIds' | 'budget' | 'systemPrompt'> &
  Partial<Pick<AgentConfig, 'policyIds' | 'budget' | 'systemPrompt'>>;

export interface AgentWriteResult {
  agent: AgentState;
  position: string;
}

/** Creating, changing and archiving agents (`agent-<id>` streams). */
export interface AgentService {
  /**
   * Without a `systemPrompt`, the agent's prompt is made from its name and purpose.
   * @throws InvalidInputError naming the field (unknown tool, invalid config).
   */
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

/** The system prompt of an agent created without one: its purpose, as the original design's body had it. */
export function defaultSystemPrompt(name: string, purpose: string): string {
  return `You are ${name}. Your purpose: ${purpose}`;
}

/** An agent's stream and where its last event landed (an unchanged archive returns it). */
interface AgentStream {
  agent: AgentState | null;
  lastPosition: string | null;
}

function agentTarget(store: EventStore, agentId: string): CommandTarget<AgentStream> {
  return {
    stream: agentStream(agentId),
    async load() {
      const loaded = await loadStream(store, agentStream(agentId));
      const lastPosition = loaded.events.at(-1)?.position ?? null;
      return { state: { agent: foldAgent(loaded.events), lastPosition }, revision: loaded.revision };
    },
    evolve: (state, event) => ({ ...state, agent: evolveAgent(state.agent, event) }),
  };
}

const existing = (state: AgentStream, agentId: string): AgentState => {
  if (!state.agent) throw new NotFoundError('Agent', agentId);
  return state.agent;
};

export function createAgentService(options: {
  store: EventStore;
  toolNames: () => readonly string[];
  commands?: CommandHandler;
}): AgentService {
  const { store } = options;
  const commands = options.commands ?? createCommandHandler(store);
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
  const written = (agentId: string, result: { state: AgentStream; position: string | null }) => ({
    agent: existing(result.state, agentId),
    position: result.position ?? result.state.lastPosition ?? '',
  });
  return {
    async create(input, actor) {
      checkTools(input.tools);
      const agentId = randomUUID();
      const systemPrompt = input.systemPrompt ?? defaultSystemPrompt(input.name, input.purpose);
      const data = { agentId, policyIds: [], budget: {}, ...input, systemPrompt };
      const target: CommandTarget<AgentStream> = {
        ...agentTarget(store, agentId),
        // A fresh id: nothing to read (`no_stream` guards a clash).
        load: async () => ({ state: { agent: null, lastPosition: null }, revision: -1 }),
      };
      const result = await commands.execute(
        target,
        () => ({ events: [{ type: 'AgentCreated', data }] }),
        actor,
      );
      return written(agentId, result);
    },
    async update(agentId, changes, actor, expectedVersion) {
      checkTools(changes.tools);
      const decide = (state: AgentStream): Decision => {
        const agent = existing(state, agentId);
        if (agent.archived) throw new InvalidInputError('agentId', `Agent ${agentId} is archived`);
        if (expectedVersion !== undefined && expectedVersion !== agent.version) {
          // A stale version is a conflict (ARCHITECTURE.md §7), not bad input: reload and retry.
          throw new ConflictError(`Agent is at version ${agent.version}, not ${expectedVersion}`);
        }
        return {
          events: [{ type: 'AgentUpdated', data: { agentId, version: agent.version + 1, ...changes } }],
        };
      };
      return written(
        agentId,
        await commands.execute(agentTarget(store, agentId), decide, actor, { attempts: 1 }),
      );
    },
    async archive(agentId, actor, reason) {
      const decide = (state: AgentStream): Decision => {
        if (existing(state, agentId).archived) return { events: [] };
        return {
          events: [{ type: 'AgentArchived', data: { agentId, by: actor.id, ...(reason ? { reason } : {}) } }],
        };
      };
      return written(agentId, await commands.execute(agentTarget(store, agentId), decide, actor));
    },
    async get(agentId) {
      const { state } = await agentTarget(store, agentId).load();
      return existing(state, agentId);
    },
  };
}
