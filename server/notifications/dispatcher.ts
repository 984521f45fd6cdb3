// Sends planned deliveries: claims due ones with a lease, attempts each, records the outcome.
import type { SqlDatabase } from '../db/sql-database.ts';
import type { Logger } from '../logger.ts';
import { claimDue, markDelivered, markFailed, msUntilNextDue } from './delivery-store.ts';
import { nextRetryDelay, type RetryPolicy } from './retry-policy.ts';
import type { Deliver } from './senders/deliver.ts';

export interface DispatcherOptions {
  db: SqlDatabase;
  deliver: Deliver;
  retry: RetryPolicy;
  logger: Logger;
  /**
   * Look for due deliveries at least this often (default 30 s: for other processes' work); this
   * process's own retries are looked for when they fall due, new plans at once (`wake()`).
   */
  pollMs?: number;
  /** How long a claimed delivery is this process's (default 60 s): a crash frees it after that. */
  leaseMs?: number;
  /** Deliveries attempted at once (default 8). */
  concurrency?: number;
}

/**
 * The delivery loop. Each attempt is counted in the log before it is made and its outcome after:
 * a DELIVERED row is never sent again; a crash between the receiver's answer and the outcome's
 * commit sends that delivery once more after the lease (at-least-once there, with the same
 * X-Spark-Delivery id so the receiver can tell).
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, deliver, logger } = options;
  const pollMs = options.pollMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = options.concurrency ?? 8;
  const stopping = new AbortController();
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  const attempt = async (delivery: Awaited<ReturnType<typeof claimDue>>[number]) => {
    const outcome = await deliver(delivery);
    if (outcome.ok) {
      await markDelivered(db, delivery.id, outcome.responseCode);
      return;
    }
    const retryInMs = outcome.retryable
      ? nextRetryDelay(options.retry, delivery.attempts, outcome.retryAfterMs)
      : null;
    await markFailed(db, delivery.id, {
      error: outcome.error,
      responseCode: outcome.responseCode,
      retryInMs,
    });
    logger.warn('notification delivery failed', {
      delivery: delivery.id,
      attempt: delivery.attempts,
      error: outcome.error,
      retryInMs,
    });
  };

  const tick = async () => {
    woken = false;
    const claimed = await claimDue(db, concurrency, leaseMs);
    await Promise.all(
      claimed.map((delivery) =>
        attempt(delivery).catch((error: unknown) =>
          // The outcome could not be recorded: the lease runs out and the delivery is tried again.
          logger.error('recording a delivery outcome failed', { delivery: delivery.id, error }),
        ),
      ),
    );
    return claimed.length;
  };

  // Until the next delivery falls due, at most `pollMs`: an idle dispatcher barely queries.
  const idleFor = async () => {
    const due = await msUntilNextDue(db);
    return Math.min(pollMs, due ?? pollMs);
  };

  return {
    start() {
      if (loop) throw new Error('The notification dispatcher is already started');
      loop = (async () => {
        while (!stopping.signal.aborted) {
          let wait = pollMs;
          try {
            // A full batch: there may be more due at once.
            if ((await tick()) === concurrency) continue;
            wait = await idleFor();
          } catch (error) {
            if (stopping.signal.aborted) return;
            logger.error('claiming deliveries failed; trying again', { error });
          }
          await sleep(wait);
        }
      })();
    },
    /** Look for due deliveries now (the planner planned some). */
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
