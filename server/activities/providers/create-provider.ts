import type { ReasoningRequest } from '../../engine/conversation.ts';
import { createAnthropicProvider } from './anthropic-provider.ts';
import { createDemoProvider } from './demo-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import { ProviderError, ProviderErrorCode, type ReasoningProvider } from './provider.ts';
import { createRetryingProvider, type RetryingProviderOptions } from './retrying-provider.ts';

/** A provider an agent can be configured with. */
export type AgentProviderName = ReasoningRequest['provider'];

/** What the composition root read from the environment, plus tuning. Empty strings count as unset. */
export interface ReasoningProvidersConfig {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  /** Per-attempt timeout of an LLM call (default 120 s). */
  timeoutMs?: number;
  /** Retry, concurrency and cache settings applied to each provider. */
  retry?: RetryingProviderOptions;
  /** Replaces the global fetch for the HTTP providers (tests). */
  fetch?: typeof globalThis.fetch;
}

/** Whether a provider can be used, and why (shown in the console's integrations page). */
export interface ProviderStatus {
  name: AgentProviderName;
  configured: boolean;
  reason: string;
}

/** The reasoning providers of this process, each wrapped with retries, a concurrency limit and hashing. */
export interface ProviderRegistry {
  /** Throws a non-retryable `NOT_CONFIGURED` {@link ProviderError} naming the variable to set. */
  get(name: AgentProviderName): ReasoningProvider;
  status(): ProviderStatus[];
}

/**
 * Builds the registry from configuration. The demo provider is always present. OpenAI is
 * configured by an API key or by a base URL alone (a local OpenAI-compatible server such as
 * Ollama or vLLM needs no key; a placeholder is sent). Anthropic needs an API key.
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

  return {
    get(name) {
      const entry = entries.find((e) => e.status.name === name);
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
