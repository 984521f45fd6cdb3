import { randomUUID } from 'node:crypto';
import { type AgentConfig, agentStream } from '../../schema/events/index.ts';
import { type AgentState, evolveAgent, foldAgent } from '../engine/agent-state.ts';
import { agentHistory, findAgentVersion, rollbackChanges } from '../engine/agent-versions.ts';
import type { Decision } from '../engine/refusal.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
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
  /**
   * A new version equal to `version`: every config field of that version, written as an update.
   * @throws NotFoundError, InvalidInputError (unknown version, archived agent), ConflictError when
   * `expectedVersion` is stale.
   */
  rollback(
    agentId: string,
    version: number,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<AgentWriteResult>;
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
  /** The stream's events as loaded (a rollback reads its target version from them). */
  events: readonly RecordedEvent[];
}

function agentTarget(store: EventStore, agentId: string): CommandTarget<AgentStream> {
  return {
    stream: agentStream(agentId),
    async load() {
      const loaded = await loadStream(store, agentStream(agentId));
      const lastPosition = loaded.events.at(-1)?.position ?? null;
      const state = { agent: foldAgent(loaded.events), lastPosition, events: loaded.events };
      return { state, revision: loaded.revision };
    },
    evolve: (state, event) => ({ ...state, agent: evolveAgent(state.agent, event) }),
  };
}

const existing = (state: AgentStream, agentId: string): AgentState => {
  if (!state.agent) throw new NotFoundError('Agent', agentId);
  return state.agent;
};

/** The agent a new version may be written on: not archived, at `expectedVersion` when one is given. */
function updatable(state: AgentStream, agentId: string, expectedVersion: number | undefined): AgentState {
  const agent = existing(state, agentId);
  if (agent.archived) throw new InvalidInputError('agentId', `Agent ${agentId} is archived`);
  if (expectedVersion !== undefined && expectedVersion !== agent.version) {
    // A stale version is a conflict (ARCHITECTURE.md §7), not bad input: reload and retry.
    throw new ConflictError(`Agent is at version ${agent.version}, not ${expectedVersion}`);
  }
  return agent;
}

export function createAgentService(options: {
  store: EventStore;
  toolNames: () => readonly string[];
  /** The named OpenAI-compatible endpoints configured here (default none). */
  llmEndpoints?: () => readonly string[];
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
  const checkEndpoint = (llm: AgentConfig['llm'] | undefined) => {
    if (llm?.endpoint === undefined) return;
    if (llm.provider !== 'openai')
      throw new InvalidInputError('llmEndpoint', 'Only the OPENAI provider has named endpoints');
    const known = options.llmEndpoints?.() ?? [];
    if (!known.includes(llm.endpoint)) {
      throw new InvalidInputError(
        'llmEndpoint',
        `Unknown endpoint ${llm.endpoint}. Configured: ${known.length > 0 ? known.join(', ') : 'none (set OPENAI_COMPATIBLE_<NAME>_BASE_URL)'}`,
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
      checkEndpoint(input.llm);
      const agentId = randomUUID();
      const systemPrompt = input.systemPrompt ?? defaultSystemPrompt(input.name, input.purpose);
      const data = { agentId, policyIds: [], budget: {}, ...input, systemPrompt };
      const target: CommandTarget<AgentStream> = {
        ...agentTarget(store, agentId),
        // A fresh id: nothing to read (`no_stream` guards a clash).
        load: async () => ({ state: { agent: null, lastPosition: null, events: [] }, revision: -1 }),
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
      checkEndpoint(changes.llm);
      const decide = (state: AgentStream): Decision => {
        const agent = updatable(state, agentId, expectedVersion);
        return {
          events: [{ type: 'AgentUpdated', data: { agentId, version: agent.version + 1, ...changes } }],
        };
      };
      return written(
        agentId,
        await commands.execute(agentTarget(store, agentId), decide, actor, { attempts: 1 }),
      );
    },
    async rollback(agentId, version, actor, expectedVersion) {
      const decide = (state: AgentStream): Decision => {
        const agent = updatable(state, agentId, expectedVersion);
        const history = agentHistory(state.events);
        const lookup = history && findAgentVersion(history, version);
        if (!lookup || 'problem' in lookup) {
          throw new InvalidInputError('version', lookup?.problem ?? `Agent ${agentId} has no versions`);
        }
        // The old version's tools and endpoint may have been removed from this deployment since.
        checkTools(lookup.found.config.tools);
        checkEndpoint(lookup.found.config.llm);
        const changes = rollbackChanges(agent.config, lookup.found.config);
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
