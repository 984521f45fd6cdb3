import { abortableSleep } from '../../abortable-sleep.ts';
import type { Logger } from '../../logger.ts';

/** One server subscription: what it delivers, and how to end it. */
export interface CatchUpSource<T> extends AsyncIterable<T> {
  /** Cancels the subscription and releases its stream; never rejects. */
  close(): Promise<void>;
}

export interface CatchUpOptions<T> {
  signal: AbortSignal;
  /**
   * Opens a catch-up subscription from the consumer's checkpoint. Called again after each drop;
   * the caller's closure reads the checkpoint it moved past the last item it consumed.
   */
  open(): CatchUpSource<T>;
  isTransient(error: unknown): boolean;
  logger: Logger;
  /** Back-off ceiling between resubscriptions. */
  maxBackoffMs?: number;
}

const ABORTED = Symbol('aborted');

/** Resolves like `promise`, or to ABORTED as soon as the signal aborts; never leaves a rejection unhandled. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve(ABORTED);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      resolve(ABORTED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Runs a catch-up subscription until the signal aborts: yields what it delivers, and when it drops
 * (a transient error, or the server ending it) waits with back-off and opens a new one, which
 * resumes from the caller's checkpoint. Ends cleanly, without throwing, when the signal aborts, even
 * while waiting for the next event. Any other error ends it by throwing.
 */
export async function* catchUp<T>(options: CatchUpOptions<T>): AsyncGenerator<T> {
  const { signal, logger } = options;
  const ceiling = options.maxBackoffMs ?? 5000;
  let failures = 0;
  while (!signal.aborted) {
    const source = options.open();
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await untilAborted(iterator.next(), signal);
        if (next === ABORTED) return;
        if (next.done) break;
        failures = 0;
        yield next.value;
      }
      logger.warn('KurrentDB ended a subscription; resubscribing from the last event delivered');
    } catch (error) {
      if (signal.aborted) return;
      if (!options.isTransient(error)) throw error;
      logger.warn('KurrentDB subscription dropped; resubscribing from the last event delivered', { error });
    } finally {
      await source.close();
    }
    failures++;
    await abortableSleep(Math.min(ceiling, 50 * 2 ** Math.min(failures, 10)), signal);
  }
}
