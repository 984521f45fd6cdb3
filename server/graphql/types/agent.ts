import { type AgentView, getAgent, listAgents } from '../../../projections/agents/queries.ts';
import type { AgentConfig, ApprovalPolicy, EscalationTarget } from '../../../schema/events/index.ts';
import { Permission } from '../../auth/roles.ts';
import { type AgentConfigChange, diffAgentConfigs } from '../../engine/agent-config-diff.ts';
import type { AgentHistory, AgentVersionRecord } from '../../engine/agent-versions.ts';
import { findAgentVersion } from '../../engine/agent-versions.ts';
import { agentViewAtVersion } from '../../read/agent-versions.ts';
import { agentViewFromState } from '../../read/state-views.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { emailOf } from '../people.ts';
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

const ApprovalExpiryActionEnum = builder.enumType('ApprovalExpiryAction', {
  description: 'What a pending approval comes to at its deadline.',
  values: {
    REJECT: { value: 'reject' },
    APPROVE: { value: 'approve' },
    ESCALATE: { value: 'escalate' },
  } as const,
});

const EscalationTargetRef = builder.objectRef<EscalationTarget>('EscalationTarget').implement({
  description: 'Exactly one is set: a role that may approve, or named users (emails).',
  fields: (t) => ({
    role: t.string({ nullable: true, resolve: (target) => ('role' in target ? target.role : null) }),
    users: t.stringList({ nullable: true, resolve: (target) => ('users' in target ? target.users : null) }),
  }),
});

const ApprovalSettings = builder.objectRef<ApprovalPolicy>('ApprovalSettings').implement({
  description:
    "The agent's override of its policy rules' approval settings; a null field is not overridden (the rule's, then the APPROVAL_* settings decide).",
  fields: (t) => ({
    timeoutMs: t.int({ nullable: true, resolve: (settings) => settings.timeoutMs ?? null }),
    onExpiry: t.field({
      type: ApprovalExpiryActionEnum,
      nullable: true,
      resolve: (settings) => settings.onExpiry ?? null,
    }),
    escalateTo: t.field({
      type: EscalationTargetRef,
      nullable: true,
      resolve: (settings) => settings.escalateTo ?? null,
    }),
  }),
});

/** One version in an agent's history (the API's `AgentVersion`). */
interface AgentVersionShape {
  history: AgentHistory;
  record: AgentVersionRecord;
}

const AgentVersion = builder.objectRef<AgentVersionShape>('AgentVersion').implement({
  description: 'One version of an agent: its whole config then, who made it and when.',
  fields: (t) => ({
    version: t.int({ resolve: ({ record }) => record.version }),
    changedAt: t.field({ type: 'DateTime', resolve: ({ record }) => record.changedAt }),
    changedBy: t.string({
      nullable: true,
      description: "Who made this version: a user's email, or the actor as recorded (`system`).",
      resolve: ({ record }, _args, context) => emailOf(context, record.changedBy),
    }),
    agent: t.field({
      type: Agent,
      description: 'The agent as it was at this version.',
      resolve: ({ history, record }) => agentViewAtVersion(history, record),
    }),
  }),
});

const AgentConfigChangeRef = builder.objectRef<AgentConfigChange>('AgentConfigChange').implement({
  description: 'One config field that differs between two versions.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description:
        'A dotted path: `systemPrompt`, `tools`, `llm.model`, `budget.maxSteps`, `approval.onExpiry`.',
    }),
    before: t.field({ type: 'JSON', nullable: true, resolve: (change) => change.before ?? null }),
    after: t.field({ type: 'JSON', nullable: true, resolve: (change) => change.after ?? null }),
  }),
});

const AgentVersionDiff = builder
  .objectRef<{ from: number; to: number; changes: AgentConfigChange[] }>('AgentVersionDiff')
  .implement({
    description: 'What changed from one version of an agent to another (either order).',
    fields: (t) => ({
      from: t.exposeInt('from'),
      to: t.exposeInt('to'),
      changes: t.field({ type: [AgentConfigChangeRef], resolve: (diff) => diff.changes }),
    }),
  });

/** The agent's history from its stream. @throws when it does not exist (the agent was just read). */
async function historyOf(context: ApiContext, agentId: string): Promise<AgentHistory> {
  const history = await context.services.read.agentHistory(agentId);
  if (history === null) throw new Error(`Agent ${agentId} has no stream`);
  return history;
}

function versionIn(history: AgentHistory, version: number, field: string): AgentVersionRecord {
  const lookup = findAgentVersion(history, version);
  if ('problem' in lookup) throw badInput(field, lookup.problem);
  return lookup.found;
}

Agent.implement({
  description: 'An agent: what it is for, which model it reasons with, which tools it may use.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    purpose: t.exposeString('purpose'),
    llmProvider: t.field({ type: LlmProvider, resolve: (agent) => agent.llm.provider }),
    llmEndpoint: t.string({
      nullable: true,
      description:
        'The named OpenAI-compatible endpoint the agent calls (see `integrations.llmProviders`); null: the provider’s default endpoint.',
      resolve: (agent) => agent.llm.endpoint ?? null,
    }),
    llmModel: t.string({ resolve: (agent) => agent.llm.model }),
    temperature: t.float({ nullable: true, resolve: (agent) => agent.llm.temperature ?? null }),
    maxTokens: t.int({ nullable: true, resolve: (agent) => agent.llm.maxTokens ?? null }),
    tools: t.exposeStringList('tools'),
    systemPrompt: t.exposeString('systemPrompt'),
    policyIds: t.exposeIDList('policyIds'),
    budget: t.field({ type: Budget, resolve: (agent) => agent.budget }),
    approval: t.field({
      type: ApprovalSettings,
      nullable: true,
      description: "The agent's approval override; null when it overrides nothing.",
      resolve: (agent) => {
        const approval = agent.approval;
        return approval && Object.values(approval).some((value) => value !== undefined) ? approval : null;
      },
    }),
    version: t.exposeInt('version'),
    versions: t.field({
      type: [AgentVersion],
      description: 'Every version of the agent, newest first, read from its event stream.',
      resolve: async (agent, _args, context) => {
        const history = await historyOf(context, agent.id);
        return history.versions.map((record) => ({ history, record })).reverse();
      },
    }),
    versionDiff: t.field({
      type: AgentVersionDiff,
      description: 'The config fields that differ from version `from` to version `to`.',
      args: { from: t.arg.int({ required: true }), to: t.arg.int({ required: true }) },
      resolve: async (agent, args, context) => {
        const history = await historyOf(context, agent.id);
        const from = versionIn(history, args.from, 'from');
        const to = versionIn(history, args.to, 'to');
        return { from: from.version, to: to.version, changes: diffAgentConfigs(from.config, to.config) };
      },
    }),
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

const EscalationTargetInput = builder.inputType('EscalationTargetInput', {
  description: 'Exactly one: a role that may approve (admin, operator), or named users (emails).',
  fields: (t) => ({ role: t.string(), users: t.stringList() }),
});

const ApprovalSettingsInput = builder.inputType('ApprovalSettingsInput', {
  description:
    "The agent's override of its policy rules' approval settings, field by field (absent: the rule's, then the APPROVAL_* settings).",
  fields: (t) => ({
    timeoutMs: t.int({ description: 'How long an approval waits (at most 30 days).' }),
    onExpiry: t.field({ type: ApprovalExpiryActionEnum }),
    escalateTo: t.field({ type: EscalationTargetInput }),
  }),
});

const CreateAgentInput = builder.inputType('CreateAgentInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    purpose: t.string({ required: true }),
    llmProvider: t.field({ type: LlmProvider, required: true }),
    llmEndpoint: t.string({
      description: 'A named OpenAI-compatible endpoint (provider OPENAI only). Default: the provider’s own.',
    }),
    llmModel: t.string({ required: true }),
    temperature: t.float(),
    maxTokens: t.int(),
    tools: t.stringList({ required: true }),
    systemPrompt: t.string({ description: 'Default: made from the name and purpose.' }),
    policyIds: t.idList(),
    budget: t.field({ type: BudgetInput }),
    approval: t.field({ type: ApprovalSettingsInput }),
  }),
});

const UpdateAgentInput = builder.inputType('UpdateAgentInput', {
  fields: (t) => ({
    name: t.string(),
    purpose: t.string(),
    llmProvider: t.field({ type: LlmProvider }),
    llmEndpoint: t.string({
      description:
        'A named OpenAI-compatible endpoint; null or "" goes back to the default. Kept when not given, unless the provider changes away from OPENAI.',
    }),
    llmModel: t.string(),
    temperature: t.float(),
    maxTokens: t.int(),
    tools: t.stringList(),
    systemPrompt: t.string(),
    policyIds: t.idList(),
    budget: t.field({ type: BudgetInput }),
    approval: t.field({ type: ApprovalSettingsInput }),
    expectedVersion: t.int({ description: 'Refuse the update unless the agent is at this version.' }),
  }),
});

const RollbackAgentInput = builder.inputType('RollbackAgentInput', {
  fields: (t) => ({
    agentId: t.id({ required: true }),
    version: t.int({ required: true, description: 'The version whose config becomes the new version.' }),
    expectedVersion: t.int({ description: 'Refuse the rollback unless the agent is at this version.' }),
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
    llmEndpoint: string;
    llmModel: string;
    temperature: number;
    maxTokens: number;
  }>,
  base?: AgentConfig['llm'],
) {
  const provider = input.llmProvider ?? base?.provider;
  const model = input.llmModel ?? base?.model;
  if (provider === undefined || model === undefined) return undefined;
  // Not given: the base's endpoint stays, unless the provider moved to one without endpoints.
  const endpoint =
    input.llmEndpoint !== undefined
      ? input.llmEndpoint?.trim() || undefined
      : provider === base?.provider
        ? base?.endpoint
        : undefined;
  return defined({ provider, endpoint, model, temperature: input.temperature, maxTokens: input.maxTokens });
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
      const {
        llmProvider: _p,
        llmEndpoint: _e,
        llmModel: _m,
        temperature: _t,
        maxTokens: _x,
        ...rest
      } = input;
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
        llmEndpoint: _e,
        llmModel: _m,
        temperature: _t,
        maxTokens: _x,
        expectedVersion,
        ...rest
      } = input;
      const touchesLlm =
        input.llmEndpoint !== undefined ||
        [input.llmProvider, input.llmModel, input.temperature, input.maxTokens].some((v) => v != null);
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
  rollbackAgent: t.field({
    type: Agent,
    description: 'A new version of the agent equal to an old one (its whole config then).',
    authScopes: { permission: Permission.Configure },
    args: { input: t.arg({ type: RollbackAgentInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { agents, db } = context.services;
      const id = String(input.agentId);
      const result = await agents.rollback(
        id,
        input.version,
        actorOf(context),
        input.expectedVersion ?? undefined,
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
