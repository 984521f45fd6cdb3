import { type AgentView, getAgent, listAgents } from '../../../projections/agents/queries.ts';
import type { AgentConfig } from '../../../schema/events/index.ts';
import { Permission } from '../../auth/roles.ts';
import { agentViewFromState } from '../../read/state-views.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import { actorOf, written } from '../read-your-writes.ts';
import { AgentStatus, LlmProvider } from './enums.ts';

/** `Agent`, backed by the agents read model's view. */
export const Agent = builder.objectRef<AgentView>('Agent');

const Budget = builder.objectRef<AgentView['budget']>('Budget').implement({
  fields: (t) => ({
    maxSteps: t.exposeInt('maxSteps', { nullable: true }),
    maxTokens: t.exposeInt('maxTokens', { nullable: true }),
    maxCostUsd: t.exposeFloat('maxCostUsd', { nullable: true }),
    maxWallTimeMs: t.exposeInt('maxWallTimeMs', { nullable: true }),
  }),
});

Agent.implement({
  description: 'An agent: what it is for, which model it reasons with, which tools it may use.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    purpose: t.exposeString('purpose'),
    llmProvider: t.field({ type: LlmProvider, resolve: (agent) => agent.llm.provider }),
    llmModel: t.string({ resolve: (agent) => agent.llm.model }),
    temperature: t.float({ nullable: true, resolve: (agent) => agent.llm.temperature ?? null }),
    maxTokens: t.int({ nullable: true, resolve: (agent) => agent.llm.maxTokens ?? null }),
    tools: t.exposeStringList('tools'),
    systemPrompt: t.exposeString('systemPrompt'),
    policyIds: t.exposeIDList('policyIds'),
    budget: t.field({ type: Budget, resolve: (agent) => agent.budget }),
    version: t.exposeInt('version'),
    status: t.field({ type: AgentStatus, resolve: (agent) => agent.status }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
  }),
});

const BudgetInput = builder.inputType('BudgetInput', {
  fields: (t) => ({
    maxSteps: t.int(),
    maxTokens: t.int(),
    maxCostUsd: t.float(),
    maxWallTimeMs: t.int(),
  }),
});

const CreateAgentInput = builder.inputType('CreateAgentInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    purpose: t.string({ required: true }),
    llmProvider: t.field({ type: LlmProvider, required: true }),
    llmModel: t.string({ required: true }),
    temperature: t.float(),
    maxTokens: t.int(),
    tools: t.stringList({ required: true }),
    systemPrompt: t.string({ description: 'Default: made from the name and purpose.' }),
    policyIds: t.idList(),
    budget: t.field({ type: BudgetInput }),
  }),
});

const UpdateAgentInput = builder.inputType('UpdateAgentInput', {
  fields: (t) => ({
    name: t.string(),
    purpose: t.string(),
    llmProvider: t.field({ type: LlmProvider }),
    llmModel: t.string(),
    temperature: t.float(),
    maxTokens: t.int(),
    tools: t.stringList(),
    systemPrompt: t.string(),
    policyIds: t.idList(),
    budget: t.field({ type: BudgetInput }),
    expectedVersion: t.int({ description: 'Refuse the update unless the agent is at this version.' }),
  }),
});

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** Drops null and undefined fields (GraphQL's "not given"). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item != null)) as never;
}

function llmOf(
  input: Nullable<{
    llmProvider: AgentConfig['llm']['provider'];
    llmModel: string;
    temperature: number;
    maxTokens: number;
  }>,
  base?: AgentConfig['llm'],
) {
  const provider = input.llmProvider ?? base?.provider;
  const model = input.llmModel ?? base?.model;
  if (provider === undefined || model === undefined) return undefined;
  return defined({ provider, model, temperature: input.temperature, maxTokens: input.maxTokens });
}

builder.queryFields((t) => ({
  agents: t.connection(
    {
      type: Agent,
      authScopes: { permission: Permission.Read },
      args: { status: t.arg({ type: AgentStatus }) },
      resolve: async (_root, args, context) => {
        const filter = args.status ? { status: args.status } : {};
        const page = await listAgents(context.services.db, filter, pageRequest(args));
        return connectionFromPage(page, (agent) => ({ at: agent.createdAt, id: agent.id }));
      },
    },
    { name: 'AgentConnection' },
    { name: 'AgentEdge' },
  ),
  agent: t.field({
    type: Agent,
    nullable: true,
    authScopes: { permission: Permission.Read },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => getAgent(context.services.db, args.id),
  }),
}));

builder.mutationFields((t) => ({
  createAgent: t.field({
    type: Agent,
    authScopes: { permission: Permission.Configure },
    args: { input: t.arg({ type: CreateAgentInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { llmProvider: _p, llmModel: _m, temperature: _t, maxTokens: _x, ...rest } = input;
      const config = defined({ ...rest, llm: llmOf(input) });
      const result = await context.services.agents.create(config as never, actorOf(context));
      return written(
        context,
        result.position,
        () => getAgent(context.services.db, result.agent.agentId),
        () => agentViewFromState(result.agent, result.position, null),
      );
    },
  }),
  updateAgent: t.field({
    type: Agent,
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateAgentInput, required: true }) },
    resolve: async (_root, { id, input }, context) => {
      const { agents, db } = context.services;
      const {
        llmProvider: _p,
        llmModel: _m,
        temperature: _t,
        maxTokens: _x,
        expectedVersion,
        ...rest
      } = input;
      const touchesLlm = [input.llmProvider, input.llmModel, input.temperature, input.maxTokens].some(
        (v) => v != null,
      );
      const llm = touchesLlm ? llmOf(input, (await agents.get(id)).config.llm) : undefined;
      const changes = defined({ ...rest, llm });
      const result = await agents.update(
        id,
        changes as never,
        actorOf(context),
        expectedVersion ?? undefined,
      );
      const previous = await getAgent(db, id);
      return written(
        context,
        result.position,
        () => getAgent(db, id),
        () => agentViewFromState(result.agent, result.position, previous),
      );
    },
  }),
  archiveAgent: t.field({
    type: Agent,
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string() },
    resolve: async (_root, { id, reason }, context) => {
      const { agents, db } = context.services;
      const result = await agents.archive(id, actorOf(context), reason ?? undefined);
      const previous = await getAgent(db, id);
      return written(
        context,
        result.position,
        () => getAgent(db, id),
        () => agentViewFromState(result.agent, result.position, previous),
      );
    },
  }),
}));
