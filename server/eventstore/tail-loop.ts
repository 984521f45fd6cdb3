import { abortableSleep } from '../abortable-sleep.ts';
import type { Logger } from '../logger.ts';
import { createIdleBackoff, type WakeSignal } from './wake-signal.ts';

export interface TailLoopOptions<T> {
  signal: AbortSignal;
  wake: WakeSignal;
  /** Reads the next batch after the loop's cursor; `full` means more may be waiting right away. */
  fetch(): Promise<{ items: T[]; full: boolean }>;
  /** Called after each item is consumed, to move the cursor past it. */
  advance(item: T): void;
  /** Errors worth waiting out (connection loss); anything else ends the loop by throwing. */
  isTransient(error: unknown): boolean;
  logger: Logger;
  /** The slowest poll when nothing wakes the loop (a missed notification is found by then). */
  maxIdleMs?: number;
  /** The least time from one read to the next once caught up: appends that come faster are read together. */
  minReadIntervalMs?: number;
}

/**
 * Catch-up-then-live loop shared by the durable adapters: read a batch, yield it, and when caught up
 * wait for a wake-up or the idle poll. A transient failure waits with back-off and resumes from the
 * last item consumed, so a dropped connection never skips or repeats an event.
 */
export async function* tailLoop<T>(options: TailLoopOptions<T>): AsyncGenerator<T> {
  const { signal, wake, logger } = options;
  const idle = createIdleBackoff(options.maxIdleMs ?? 1000);
  const minInterval = options.minReadIntervalMs ?? 0;
  let failures = 0;
  // Only a read that found events paces the next: idle polls find nothing, and an append after a
  // quiet spell is read at once.
  let lastFound = Number.NEGATIVE_INFINITY;
  while (!signal.aborted) {
    let batch: { items: T[]; full: boolean };
    const early = lastFound + minInterval - performance.now();
    if (early > 0) await abortableSleep(early, signal);
    const readAt = performance.now();
    try {
      batch = await options.fetch();
    } catch (error) {
      if (signal.aborted) return;
      if (!options.isTransient(error)) throw error;
      failures++;
      const delay = Math.min(5000, 50 * 2 ** Math.min(failures, 7));
      logger.warn('event store read failed; resuming from the last position', { error, retryInMs: delay });
      await wake.wait(delay, signal);
      continue;
    }
    if (failures > 0) logger.info('event store read resumed', { afterFailures: failures });
    failures = 0;
    for (const item of batch.items) {
      if (signal.aborted) return;
      options.advance(item);
      yield item;
    }
    if (batch.items.length > 0) {
      idle.reset();
      lastFound = readAt;
    }
    // A full batch: more is waiting, read on at once.
    if (batch.full) {
      lastFound = Number.NEGATIVE_INFINITY;
      continue;
    }
    // A wake-up can come before an older transaction commits: after one, poll again soon.
    if (await wake.wait(idle.next(), signal)) idle.reset();
  }
}
