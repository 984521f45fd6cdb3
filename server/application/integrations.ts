import type { Embedder } from '../activities/memory/embedder.ts';
import type { AgentProviderName, ProviderRegistry } from '../activities/providers/create-provider.ts';
import { DEMO_MODEL } from '../activities/providers/demo-provider.ts';
import { PRICE_TABLE } from '../activities/providers/price-table.ts';
import { ProviderError } from '../activities/providers/provider.ts';
import { redactSecrets } from '../activities/tools/redact-secrets.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import type { RiskLevel } from '../activities/tools/tool.ts';

/** A reasoning provider as the integrations page shows it. */
export interface LlmProviderStatusView {
  /** What the agent form lists: the provider's name, or a named endpoint's name. */
  name: string;
  provider: AgentProviderName;
  /** The named OpenAI-compatible endpoint (OPENAI_COMPATIBLE_<NAME>_*); null for a built-in provider. */
  endpoint: string | null;
  configured: boolean;
  /** Why it is (not) usable: the endpoint, or the variable to set. */
  detail: string;
  /** The endpoint calls go to; null when not configured or built in. */
  baseUrl: string | null;
  defaultModel: string | null;
  /** Models with a known price (any other model name works too, at an unknown cost). */
  models: string[];
}

export interface ToolStatusView {
  name: string;
  description: string;
  configured: boolean;
  /** Why it is not configured, or what it is configured with. */
  detail: string;
  /** `builtin`, or `mcp:<server>` for a tool an MCP server offers. */
  source: string;
  risk: RiskLevel;
}

/** A configured MCP server and what connecting to it gave. */
export interface McpServerStatusView {
  name: string;
  /** `stdio` or `http`. */
  transport: string;
  /** The command (stdio) or the URL (http), without credentials. */
  target: string;
  connected: boolean;
  /** The platform's names of its tools (`mcp__<server>__<tool>`). */
  tools: string[];
  error: string | null;
}

export interface SmtpStatusView {
  /** `smtp`: mail is sent through `host`; `outbox`: kept in the platform's outbox only. */
  mode: 'smtp' | 'outbox';
  configured: boolean;
  /** `host:port` of the SMTP server; never its credentials. */
  host: string | null;
  from: string | null;
}

export interface IntegrationsView {
  llmProviders: LlmProviderStatusView[];
  tools: ToolStatusView[];
  mcpServers: McpServerStatusView[];
  smtp: SmtpStatusView;
  /** The embedding model memories are stored with. */
  embedder: string;
}

export interface ProviderTestResult {
  ok: boolean;
  latencyMs: number;
  /** The model's answer when ok, otherwise what went wrong (secrets redacted). */
  message: string;
  model: string | null;
}

/** What the platform is connected to, and a way to try a provider. */
export interface IntegrationsService {
  describe(): IntegrationsView;
  /**
   * Makes one tiny LLM call through the configured provider (`model` defaults to the provider's
   * default). A provider failure (not configured, unreachable, refused) is `ok: false` with its
   * message, never a throw; anything else is a bug and is thrown.
   */
  testProvider(provider: AgentProviderName, model?: string, endpoint?: string): Promise<ProviderTestResult>;
}

export interface IntegrationsOptions {
  providers: ProviderRegistry;
  tools: ToolRegistry;
  embedder: Embedder;
  /** OPENAI_BASE_URL / ANTHROPIC_BASE_URL as configured. */
  llm: { openaiBaseUrl?: string | undefined; anthropicBaseUrl?: string | undefined };
  /** SMTP_URL as configured, and the sender address of send_email. */
  smtp: { url?: string | undefined; from: string };
  /** The configured MCP servers: a list, or a function read on every `describe()` (live state). */
  mcpServers?: readonly McpServerStatusView[] | (() => readonly McpServerStatusView[]);
  /** What a configured built-in tool works with, by tool name (e.g. run_sql: "the demo dataset"). */
  toolDetails?: Readonly<Record<string, string>>;
  /** Longest a provider test may take, retries included (default 20 s). */
  testTimeoutMs?: number;
}

const DEMO_ANSWER = 'The built-in demo provider answered: scripted, offline, no cost.';

const isAnthropicModel = (model: string) => model.startsWith('claude');

/** The defaults a provider offers: the cheap model of each vendor, the demo's script. */
const PROVIDER_DEFAULTS: Record<
  AgentProviderName,
  { model: string; models: string[]; baseUrl: string | null }
> = {
  openai: {
    model: 'gpt-4o-mini',
    models: Object.keys(PRICE_TABLE).filter((model) => !isAnthropicModel(model)),
    baseUrl: 'https://api.openai.com/v1',
  },
  anthropic: {
    model: 'claude-haiku-4-5',
    models: Object.keys(PRICE_TABLE).filter(isAnthropicModel),
    baseUrl: 'https://api.anthropic.com',
  },
  demo: { model: DEMO_MODEL, models: [DEMO_MODEL], baseUrl: null },
};

/** `host:port` of an SMTP URL, without user and password; null when it does not parse. */
function smtpHost(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function toolSummary(info: { timeoutMs: number; idempotent: boolean }): string {
  return `times out after ${info.timeoutMs / 1000} s; ${info.idempotent ? 'idempotent' : 'not idempotent'}`;
}

/** The integrations of this process, described from its configuration and registries. */
export function createIntegrationsService(options: IntegrationsOptions): IntegrationsService {
  const { providers, tools } = options;
  const listMcpServers = (): readonly McpServerStatusView[] => {
    const servers = options.mcpServers ?? [];
    return typeof servers === 'function' ? servers() : servers;
  };
  const baseUrls: Record<AgentProviderName, string | undefined> = {
    openai: options.llm.openaiBaseUrl,
    anthropic: options.llm.anthropicBaseUrl,
    demo: undefined,
  };
  const sourceOf = (mcpServers: readonly McpServerStatusView[], tool: string) => {
    const server = mcpServers.find((candidate) => candidate.tools.includes(tool));
    return server ? `mcp:${server.name}` : 'builtin';
  };
  return {
    describe() {
      const smtpUrl = options.smtp.url;
      const mcpServers = listMcpServers();
      return {
        llmProviders: providers.status().map((status) => {
          if (status.endpoint !== undefined) {
            const models = status.models ?? [];
            return {
              name: status.endpoint,
              provider: status.name,
              endpoint: status.endpoint,
              configured: status.configured,
              detail: status.reason,
              baseUrl: status.baseUrl ?? null,
              defaultModel: models[0] ?? null,
              models: [...models],
            };
          }
          const defaults = PROVIDER_DEFAULTS[status.name];
          return {
            name: status.name,
            provider: status.name,
            endpoint: null,
            configured: status.configured,
            detail: status.reason,
            baseUrl: status.configured ? (baseUrls[status.name] ?? defaults.baseUrl) : null,
            defaultModel: defaults.model,
            models: [...defaults.models],
          };
        }),
        tools: tools.describe().map((info) => ({
          name: info.name,
          description: info.description,
          configured: info.configured,
          detail: info.reason ?? options.toolDetails?.[info.name] ?? toolSummary(info),
          source: sourceOf(mcpServers, info.name),
          risk: info.defaultRisk,
        })),
        mcpServers: mcpServers.map((server) => ({ ...server, tools: [...server.tools] })),
        smtp: smtpUrl
          ? { mode: 'smtp', configured: true, host: smtpHost(smtpUrl), from: options.smtp.from }
          : { mode: 'outbox', configured: false, host: null, from: options.smtp.from },
        embedder: options.embedder.model,
      };
    },
    async testProvider(provider, model, endpoint) {
      const listed = providers.status().find((status) => status.endpoint === endpoint && endpoint);
      const chosen = model ?? listed?.models?.[0] ?? PROVIDER_DEFAULTS[provider].model;
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const answer = await providers.get(provider, endpoint).reason(
          {
            provider,
            model: chosen,
            temperature: 0,
            maxTokens: 16,
            system: 'This is a connectivity check. Answer with the single word OK.',
            messages: [{ role: 'user', content: 'Are you there?' }],
            tools: [],
          },
          { signal: AbortSignal.timeout(options.testTimeoutMs ?? 20_000) },
        );
        // The demo follows its script whatever it is asked: its answer says nothing about the check.
        const text = provider === 'demo' ? DEMO_ANSWER : answer.text.trim().slice(0, 200);
        return {
          ok: true,
          latencyMs: elapsed(),
          message: redactSecrets(text || 'The provider answered (no text).'),
          model: answer.model,
        };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        return { ok: false, latencyMs: elapsed(), message: redactSecrets(error.message), model: chosen };
      }
    },
  };
}
