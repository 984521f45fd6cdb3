import type { ModelAnswer } from '../../engine/conversation.ts';

/** List prices in USD per 1M tokens, and where they were read. */
export interface ModelPrice {
  input: number;
  /** The price of prompt-cache hits (OpenAI "cached input", Anthropic "cache read"). */
  cachedInput: number;
  output: number;
  /** The vendor's pricing page the three figures were read from. */
  source: string;
  /** The day the figures were recorded from `source` (YYYY-MM-DD); prices change: check before billing. */
  asOf: string;
}

/** Where each vendor publishes its list prices, and the day this table recorded its figures from there. */
const OPENAI = { source: 'https://platform.openai.com/docs/pricing', asOf: '2026-11-25' } as const;
const ANTHROPIC = {
  source: 'https://docs.claude.com/en/docs/about-claude/pricing',
  asOf: '2026-11-25',
} as const;

/**
 * Published list prices (standard tier, no batch discount), maintained by hand. Keys are model
 * families: a key matches the model itself and any `key-…` variant (dated snapshots such as
 * `gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`); the longest matching key wins, so
 * `gpt-4o-mini-…` is priced as `gpt-4o-mini`, not `gpt-4o`. Check against the vendors' pricing
 * pages before trusting a cost for billing. Each entry names its source and the day it was read
 * (`source`, `asOf`); docs/pricing.md lists them all (a test keeps it in step with this table).
 * Models that offer no prompt-cache discount (gpt-4-turbo, gpt-3.5-turbo) have `cachedInput` =
 * `input`.
 */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-5.5': { input: 5, cachedInput: 0.5, output: 30, ...OPENAI },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15, ...OPENAI },
  'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5, ...OPENAI },
  'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25, ...OPENAI },
  'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10, ...OPENAI },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10, ...OPENAI },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2, ...OPENAI },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4, ...OPENAI },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8, ...OPENAI },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6, ...OPENAI },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4, ...OPENAI },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10, ...OPENAI },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6, ...OPENAI },
  'gpt-4-turbo': { input: 10, cachedInput: 10, output: 30, ...OPENAI },
  'gpt-3.5-turbo': { input: 0.5, cachedInput: 0.5, output: 1.5, ...OPENAI },
  o1: { input: 15, cachedInput: 7.5, output: 60, ...OPENAI },
  'o1-mini': { input: 1.1, cachedInput: 0.55, output: 4.4, ...OPENAI },
  o3: { input: 2, cachedInput: 0.5, output: 8, ...OPENAI },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4, ...OPENAI },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4, ...OPENAI },
  // Anthropic (cache reads are 0.1× input)
  'claude-opus-5': { input: 5, cachedInput: 0.5, output: 25, ...ANTHROPIC },
  'claude-sonnet-5': { input: 2, cachedInput: 0.2, output: 10, ...ANTHROPIC },
  'claude-opus-4-8': { input: 5, cachedInput: 0.5, output: 25, ...ANTHROPIC },
  'claude-opus-4-5': { input: 5, cachedInput: 0.5, output: 25, ...ANTHROPIC },
  'claude-opus-4-6': { input: 5, cachedInput: 0.5, output: 25, ...ANTHROPIC },
  'claude-opus-4-7': { input: 5, cachedInput: 0.5, output: 25, ...ANTHROPIC },
  'claude-opus-4': { input: 15, cachedInput: 1.5, output: 75, ...ANTHROPIC },
  'claude-3-opus': { input: 15, cachedInput: 1.5, output: 75, ...ANTHROPIC },
  'claude-sonnet-4': { input: 3, cachedInput: 0.3, output: 15, ...ANTHROPIC },
  'claude-3-7-sonnet': { input: 3, cachedInput: 0.3, output: 15, ...ANTHROPIC },
  'claude-3-5-sonnet': { input: 3, cachedInput: 0.3, output: 15, ...ANTHROPIC },
  'claude-haiku-4-5': { input: 1, cachedInput: 0.1, output: 5, ...ANTHROPIC },
  'claude-3-5-haiku': { input: 0.8, cachedInput: 0.08, output: 4, ...ANTHROPIC },
  'claude-3-haiku': { input: 0.25, cachedInput: 0.03, output: 1.25, ...ANTHROPIC },
};

/** The price of `model` (longest family key that matches), or undefined for unknown models. */
export function priceFor(model: string): ModelPrice | undefined {
  let best: string | undefined;
  for (const key of Object.keys(PRICE_TABLE)) {
    if ((model === key || model.startsWith(`${key}-`)) && (best === undefined || key.length > best.length)) {
      best = key;
    }
  }
  return best === undefined ? undefined : PRICE_TABLE[best];
}

/**
 * Cost in USD of one call. `inputTokens` includes `cachedTokens` (OpenAI's convention, which the
 * Anthropic adapter follows), so uncached input is `inputTokens - cachedTokens`; reasoning tokens
 * are already part of `outputTokens`. Unknown models (the demo, local Ollama/vLLM models, anything
 * not in {@link PRICE_TABLE}) cost 0 and come back `priced: false` so a dashboard can flag them
 * instead of showing a misleading $0.00. Anthropic cache writes are priced as plain input (they
 * actually cost 1.25×), an under-estimate accepted for simplicity.
 */
export function costOf(model: string, usage: ModelAnswer['usage']): { costUsd: number; priced: boolean } {
  const price = priceFor(model);
  if (!price) return { costUsd: 0, priced: false };
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  const micro =
    (usage.inputTokens - cached) * price.input +
    cached * price.cachedInput +
    usage.outputTokens * price.output;
  return { costUsd: micro / 1_000_000, priced: true };
}
