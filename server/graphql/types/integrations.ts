import type {
  IntegrationsView,
  LlmProviderStatusView,
  McpServerStatusView,
  ProviderTestResult as ProviderTestResultShape,
  SmtpStatusView,
  ToolStatusView,
} from '../../application/integrations.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { badInput } from '../errors.ts';
import { LlmProvider, RiskLevel } from './enums.ts';

const LlmProviderStatus = builder.objectRef<LlmProviderStatusView>('LlmProviderStatus').implement({
  description:
    'A reasoning provider an agent can use: a built-in one (OpenAI, Anthropic, demo) or a named OpenAI-compatible endpoint. Never shows a key.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'What to show: the provider’s name, or the named endpoint’s.',
    }),
    provider: t.field({ type: LlmProvider, resolve: (status) => status.provider }),
    endpoint: t.exposeString('endpoint', {
      nullable: true,
      description:
        'The named OpenAI-compatible endpoint (OPENAI_COMPATIBLE_<NAME>_BASE_URL); an agent selects it with `llmEndpoint`. Null for a built-in provider.',
    }),
    configured: t.exposeBoolean('configured'),
    detail: t.exposeString('detail', { description: 'The endpoint, or what to set to configure it.' }),
    baseUrl: t.exposeString('baseUrl', { nullable: true }),
    defaultModel: t.exposeString('defaultModel', { nullable: true }),
    models: t.exposeStringList('models', {
      description:
        'Models with a known price, or those a named endpoint lists (OPENAI_COMPATIBLE_<NAME>_MODELS).',
    }),
  }),
});

const ToolStatus = builder.objectRef<ToolStatusView>('ToolStatus').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    configured: t.exposeBoolean('configured'),
    detail: t.exposeString('detail'),
    source: t.exposeString('source', { description: '`builtin`, or `mcp:<server>`.' }),
    risk: t.field({ type: RiskLevel, nullable: true, resolve: (tool) => tool.risk }),
  }),
});

const McpServerStatus = builder.objectRef<McpServerStatusView>('McpServerStatus').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    transport: t.exposeString('transport'),
    target: t.exposeString('target'),
    connected: t.exposeBoolean('connected'),
    tools: t.exposeStringList('tools'),
    error: t.exposeString('error', { nullable: true }),
  }),
});

const SmtpStatus = builder.objectRef<SmtpStatusView>('SmtpStatus').implement({
  description: 'Where send_email delivers. Credentials are never shown.',
  fields: (t) => ({
    mode: t.exposeString('mode', { description: '`smtp`, or `outbox` (kept by the platform only).' }),
    configured: t.exposeBoolean('configured'),
    host: t.exposeString('host', { nullable: true }),
    from: t.exposeString('from', { nullable: true }),
  }),
});

const Integrations = builder.objectRef<IntegrationsView>('Integrations').implement({
  description: 'What this deployment is connected to: LLM providers, tools, MCP servers, mail, embeddings.',
  fields: (t) => ({
    llmProviders: t.field({ type: [LlmProviderStatus], resolve: (view) => view.llmProviders }),
    tools: t.field({ type: [ToolStatus], resolve: (view) => view.tools }),
    mcpServers: t.field({ type: [McpServerStatus], resolve: (view) => view.mcpServers }),
    smtp: t.field({ type: SmtpStatus, resolve: (view) => view.smtp }),
    embedder: t.exposeString('embedder'),
  }),
});

const ProviderTestResult = builder.objectRef<ProviderTestResultShape>('ProviderTestResult').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    latencyMs: t.exposeInt('latencyMs'),
    message: t.exposeString('message'),
    model: t.exposeString('model', { nullable: true }),
  }),
});

builder.queryField('integrations', (t) =>
  t.field({
    type: Integrations,
    authScopes: { permission: Permission.Read },
    resolve: (_root, _args, context) => context.services.integrations.describe(),
  }),
);

builder.mutationField('testLlmProvider', (t) =>
  t.field({
    type: ProviderTestResult,
    description:
      'Makes one tiny real call through the configured provider. A failure is `ok: false` with its message.',
    authScopes: { permission: Permission.TestIntegrations },
    args: {
      provider: t.arg({ type: LlmProvider, required: true }),
      model: t.arg.string({ description: 'Defaults to the provider’s default model.' }),
      endpoint: t.arg.string({ description: 'A named OpenAI-compatible endpoint (provider OPENAI).' }),
    },
    resolve: (_root, args, context) => {
      const model = args.model?.trim();
      if (model === '' || (model && model.length > 200))
        throw badInput('model', 'model has 1 to 200 characters');
      const endpoint = args.endpoint?.trim() || undefined;
      if (endpoint && endpoint.length > 64) throw badInput('endpoint', 'endpoint has 1 to 64 characters');
      return context.services.integrations.testProvider(args.provider, model ?? undefined, endpoint);
    },
  }),
);
