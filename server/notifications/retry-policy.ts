// When a failed delivery is tried again: exponential back-off, bounded attempts, Retry-After honoured.

export interface RetryPolicy {
  /** Attempts in all, the first included (default 8). */
  maxAttempts: number;
  /** Wait after the first failure; doubles after each further one (default 5 s). */
  baseMs: number;
  /** Longest back-off (default 1 h); also caps what a Retry-After may ask for. */
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 5_000, maxMs: 3_600_000 };

/**
 * Retry-After in milliseconds from now: delta-seconds (`120`) or an HTTP date; null when absent or
 * unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** Whether an HTTP status is worth another attempt: 5xx, 408, 425 and 429 (other 4xx mean fix the channel). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/**
 * How long to wait before attempt `attempt + 1`, or null when `attempt` was the last one.
 * `retryAfterMs` (from the receiver) wins when it asks for longer than the back-off.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | null,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.min(policy.maxMs, Math.max(backoff, retryAfterMs ?? 0));
}
