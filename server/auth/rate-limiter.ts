/** A token bucket per key (a viewer, or an address when anonymous), in memory. */
export interface RateLimiter {
  /** Takes one token for `key`; false when its bucket is empty (the request should be refused). */
  take(key: string): boolean;
}

export interface RateLimiterOptions {
  /** Bucket size: the burst a key may send at once (default 120). */
  capacity?: number;
  /** Tokens added per second (default 30). */
  refillPerSecond?: number;
  /** Most keys kept; the least recently used are forgotten beyond it (default 10,000). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * In-memory token buckets. Per process: behind a load balancer each instance limits on its own,
 * which bounds a client at (instances × rate); good enough against floods, not for billing.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const capacity = options.capacity ?? 120;
  const rate = (options.refillPerSecond ?? 30) / 1000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      buckets.delete(key); // re-inserted last: Map order is the LRU order
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * rate);
      bucket.at = t;
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      return allowed;
    },
  };
}
