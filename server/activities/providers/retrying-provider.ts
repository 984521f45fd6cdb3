import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ModelAnswer } from '../../engine/conversation.ts';
import { AnswerCache } from './answer-cache.ts';
import { ProviderError, ProviderErrorCode, type ProviderName, type ReasoningProvider } from './provider.ts';
import { requestHash } from './request-hash.ts';
import { Semaphore } from './semaphore.ts';

/** One retry about to happen, for logs and metrics. `attempt` is the attempt that failed (1-based). */
export interface RetryEvent {
  provider: ProviderName;
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

/** Options of {@link createRetryingProvider}; every field has a default. */
export interface RetryingProviderOptions {
  /** Retries after the first attempt (default 3, so at most 4 calls). */
  maxRetries?: number;
  /** First backoff step (default 500 ms); doubles per retry, with jitter. */
  baseDelayMs?: number;
  /** Backoff cap (default 20 s). Does not cap a server's `retry-after`. */
  maxDelayMs?: number;
  /** A `retry-after` longer than this (default 60 s) is not waited for: the error is rethrown. */
  maxRetryAfterMs?: number;
  /** Calls in flight at once through this wrapper (default 4). */
  concurrency?: number;
  /** Enables the answer cache with this many entries (default: no cache). */
  cacheMaxEntries?: number;
  /** Injectable for tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable jitter source in [0, 1). */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

const defaultSleep = (ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal });

/**
 * Wraps a provider with what every provider needs:
 * - retries of retryable {@link ProviderError}s with exponential backoff and jitter, waiting
 *   exactly the server's `retry-after-ms` / `retry-after` when it sent one;
 * - a concurrency limit (a semaphore held only while a call is in flight, not while backing off);
 * - `requestHash` and `latencyMs` (of the successful attempt) stamped on every answer;
 * - an opt-in cache (`cacheMaxEntries`) of identical requests per agent: used only when
 *   `options.agentId` is given and `temperature === 0`, keyed by agentId + requestHash. A hit
 *   returns the stored answer with `latencyMs: 0`, `costUsd: 0` (no call was made) and
 *   `usage.cachedTokens = usage.inputTokens`.
 *
 * - a streamed answer (`onStream`) restarts with each retry: `{type: 'restart'}` is sent before
 *   attempt 2, 3, …, so a live view drops the text of the attempt that broke.
 *
 * Cost stays as the inner provider computed it (only it knows the billed model).
 * Throws the last {@link ProviderError} when retries run out or the error is not retryable,
 * an `ABORTED` ProviderError when the signal aborts while waiting, and rethrows anything else.
 */
export function createRetryingProvider(
  inner: ReasoningProvider,
  options: RetryingProviderOptions = {},
): ReasoningProvider {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const semaphore = new Semaphore(options.concurrency ?? 4);
  const cache = options.cacheMaxEntries === undefined ? undefined : new AnswerCache(options.cacheMaxEntries);

  function delayBeforeRetry(error: ProviderError, retry: number): number | undefined {
    if (error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    return backoffDelayMs(retry, { baseDelayMs, maxDelayMs, random });
  }

  async function waitOrAbort<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw new ProviderError(ProviderErrorCode.Aborted, `${inner.name}: aborted while waiting`, {
        cause: error,
      });
    }
  }

  return {
    name: inner.name,
    async reason(request, callOptions) {
      const hash = requestHash(request);
      const cacheKey =
        cache && callOptions.agentId !== undefined && request.temperature === 0
          ? `${callOptions.agentId}\u0000${hash}`
          : undefined;
      const hit = cacheKey === undefined ? undefined : cache?.get(cacheKey);
      if (hit) {
        // Nothing streams from a cache: the live view gets the whole stored thought at once.
        if (hit.text) callOptions.onStream?.({ type: 'text', delta: hit.text });
        return asCacheHit(structuredClone(hit));
      }

      for (let attempt = 1; ; attempt++) {
        // A retry starts the answer over: what the failed attempt streamed is void.
        if (attempt > 1) callOptions.onStream?.({ type: 'restart' });
        const release = await waitOrAbort(semaphore.acquire(callOptions.signal));
        let delayMs: number | undefined;
        const startedAt = performance.now();
        try {
          const answer = await inner.reason(request, callOptions);
          const stamped = { ...answer, requestHash: hash, latencyMs: performance.now() - startedAt };
          if (cacheKey !== undefined) cache?.set(cacheKey, structuredClone(stamped));
          return stamped;
        } catch (error) {
          if (!(error instanceof ProviderError) || !error.retryable || attempt > maxRetries) throw error;
          delayMs = delayBeforeRetry(error, attempt - 1);
          if (delayMs === undefined) throw error;
          options.onRetry?.({ provider: inner.name, attempt, delayMs, error });
        } finally {
          release();
        }
        await waitOrAbort(sleep(delayMs, callOptions.signal));
      }
    },
  };
}

/**
 * Backoff before retry number `retry` (0-based): `min(cap, base * 2^retry)`, scaled by a jitter
 * factor in [0.5, 1) so that callers failing together do not retry together.
 */
export function backoffDelayMs(
  retry: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(ceiling * (0.5 + options.random() / 2));
}

function asCacheHit(answer: ModelAnswer): ModelAnswer {
  return {
    ...answer,
    latencyMs: 0,
    costUsd: 0,
    usage: { ...answer.usage, cachedTokens: answer.usage.inputTokens },
  };
}
