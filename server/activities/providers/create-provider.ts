import type { ReasoningRequest } from '../../engine/conversation.ts';
import { createAnthropicProvider } from './anthropic-provider.ts';
import { createDemoProvider } from './demo-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import { ProviderError, ProviderErrorCode, type ReasoningProvider } from './provider.ts';
import { createRetryingProvider, type RetryingProviderOptions } from './retrying-provider.ts';

/** A provider an agent can be configured with. */
export type AgentProviderName = ReasoningRequest['provider'];

/**
 * A named OpenAI-compatible endpoint (`OPENAI_COMPATIBLE_<NAME>_BASE_URL`, `_API_KEY`, `_MODELS`):
 * a local server, a gateway, a second account. An agent picks it by `llm.endpoint = name`.
 */
export interface OpenAiCompatibleEndpoint {
  /** Lower-case letters, digits and `-`; never `openai`, `anthropic` or `demo`. */
  name: string;
  baseUrl: string;
  /** Absent: a placeholder is sent (local servers need none). A secret: never shown. */
  apiKey?: string | undefined;
  /** The models it serves, first the default; empty when not listed (any name is accepted). */
  models: string[];
}

/** What the composition root read from the environment, plus tuning. Empty strings count as unset. */
export interface ReasoningProvidersConfig {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** Named OpenAI-compatible endpoints, beside the default `openai` one. */
  openaiCompatible?: readonly OpenAiCompatibleEndpoint[];
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  /** Per-attempt timeout of an LLM call (default 120 s). */
  timeoutMs?: number;
  /** Retry, concurrency and cache settings applied to each provider. */
  retry?: RetryingProviderOptions;
  /** Replaces the global fetch for the HTTP providers (tests). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Whether a provider can be used, and why (shown in the console's integrations page). A named
 * OpenAI-compatible endpoint has `endpoint` (its name), its base URL and its listed models.
 */
export interface ProviderStatus {
  name: AgentProviderName;
  configured: boolean;
  reason: string;
  endpoint?: string;
  baseUrl?: string;
  models?: string[];
}

/** The reasoning providers of this process, each wrapped with retries, a concurrency limit and hashing. */
export interface ProviderRegistry {
  /**
   * The provider `name`, or with `endpoint` the named OpenAI-compatible endpoint (only for `openai`).
   * Throws a non-retryable `NOT_CONFIGURED` {@link ProviderError} naming the variable to set.
   */
  get(name: AgentProviderName, endpoint?: string): ReasoningProvider;
  status(): ProviderStatus[];
}

/** The variable that configures a named endpoint, e.g. `local-llm` → `OPENAI_COMPATIBLE_LOCAL_LLM_BASE_URL`. */
export function endpointVariable(endpoint: string, suffix: 'BASE_URL' | 'API_KEY' | 'MODELS'): string {
  return `OPENAI_COMPATIBLE_${endpoint.toUpperCase().replaceAll('-', '_')}_${suffix}`;
}

/**
 * Builds the registry from configuration. The demo provider is always present. OpenAI is
 * configured by an API key or by a base URL alone (a local OpenAI-compatible server such as
 * Ollama or vLLM needs no key; a placeholder is sent). Anthropic needs an API key. Each named
 * OpenAI-compatible endpoint is one more `openai` provider with its own client, retries,
 * concurrency limit and answer cache, so a slow local server never holds up calls to another.
 */
export function createReasoningProviders(config: ReasoningProvidersConfig): ProviderRegistry {
  const timeoutMs = config.timeoutMs ?? 120_000;
  const fetch = config.fetch ? { fetch: config.fetch } : {};
  const openaiApiKey = nonEmpty(config.openaiApiKey);
  const openaiBaseUrl = nonEmpty(config.openaiBaseUrl);
  const anthropicApiKey = nonEmpty(config.anthropicApiKey);
  const anthropicBaseUrl = nonEmpty(config.anthropicBaseUrl);
  const wrap = (provider: ReasoningProvider) => createRetryingProvider(provider, config.retry);

  const entries: { status: ProviderStatus; provider?: ReasoningProvider; missing?: string }[] = [];
  if (openaiApiKey || openaiBaseUrl) {
    const provider = createOpenAiProvider({
      apiKey: openaiApiKey ?? 'not-needed',
      ...(openaiBaseUrl ? { baseURL: openaiBaseUrl } : {}),
      timeoutMs,
      ...fetch,
    });
    const where = openaiBaseUrl ? `OpenAI-compatible endpoint ${openaiBaseUrl}` : 'OpenAI API';
    const reason = openaiApiKey ? where : `${where} (no API key)`;
    entries.push({ status: { name: 'openai', configured: true, reason }, provider: wrap(provider) });
  } else {
    const reason = 'set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server)';
    entries.push({ status: { name: 'openai', configured: false, reason }, missing: 'OPENAI_API_KEY' });
  }
  if (anthropicApiKey) {
    const provider = createAnthropicProvider({
      apiKey: anthropicApiKey,
      ...(anthropicBaseUrl ? { baseURL: anthropicBaseUrl } : {}),
      timeoutMs,
      ...fetch,
    });
    const reason = anthropicBaseUrl ? `Anthropic API at ${anthropicBaseUrl}` : 'Anthropic API';
    entries.push({ status: { name: 'anthropic', configured: true, reason }, provider: wrap(provider) });
  } else {
    const reason = 'set ANTHROPIC_API_KEY';
    entries.push({ status: { name: 'anthropic', configured: false, reason }, missing: 'ANTHROPIC_API_KEY' });
  }
  entries.push({
    status: { name: 'demo', configured: true, reason: 'built in: scripted demo, no network, no cost' },
    provider: wrap(createDemoProvider()),
  });
  const endpoints = new Map<string, ReasoningProvider>();
  for (const endpoint of config.openaiCompatible ?? []) {
    const apiKey = nonEmpty(endpoint.apiKey);
    const provider = createOpenAiProvider({
      apiKey: apiKey ?? 'not-needed',
      baseURL: endpoint.baseUrl,
      timeoutMs,
      ...fetch,
    });
    endpoints.set(endpoint.name, wrap(provider));
    const reason = `OpenAI-compatible endpoint ${endpoint.baseUrl}${apiKey ? '' : ' (no API key)'}`;
    entries.push({
      status: {
        name: 'openai',
        configured: true,
        reason,
        endpoint: endpoint.name,
        baseUrl: endpoint.baseUrl,
        models: [...endpoint.models],
      },
    });
  }

  return {
    get(name, endpoint) {
      if (endpoint !== undefined) {
        const named = name === 'openai' ? endpoints.get(endpoint) : undefined;
        if (named) return named;
        const known = [...endpoints.keys()];
        throw new ProviderError(
          ProviderErrorCode.NotConfigured,
          name === 'openai'
            ? `OpenAI-compatible endpoint ${endpoint} is not configured: set ${endpointVariable(endpoint, 'BASE_URL')}` +
                (known.length > 0 ? ` (configured: ${known.join(', ')})` : '')
            : `provider ${name} has no named endpoints (only openai does)`,
        );
      }
      const entry = entries.find((e) => e.status.name === name && e.status.endpoint === undefined);
      if (!entry) {
        throw new ProviderError(
          ProviderErrorCode.NotConfigured,
          `unknown reasoning provider ${String(name)}`,
        );
      }
      if (!entry.provider) {
        throw new ProviderError(
          ProviderErrorCode.NotConfigured,
          `provider ${name} is not configured: set ${entry.missing}`,
        );
      }
      return entry.provider;
    },
    status: () => entries.map((e) => ({ ...e.status })),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
