import type { RecordedEvent } from '../server/eventstore/port.ts';

export interface EventBatcher {
  /**
   * The next batch: waits as long as it takes for a first event, then takes more until it holds
   * `batchSize` events or `maxBatchMs` have passed since the first. Null when the source has ended.
   */
  next(): Promise<RecordedEvent[] | null>;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Cuts a live event stream into batches. A read that is still pending when a batch closes is kept
 * for the next batch, so no event is ever dropped between batches.
 */
export function createEventBatcher(
  source: AsyncIterable<RecordedEvent>,
  options: { batchSize: number; maxBatchMs: number },
): EventBatcher {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  let ended = false;
  const pull = () => {
    pending ??= iterator.next();
    return pending;
  };
  return {
    async next() {
      if (ended) return null;
      const first = await pull();
      pending = null;
      if (first.done) {
        ended = true;
        return null;
      }
      const batch = [first.value];
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), options.maxBatchMs);
      });
      try {
        while (batch.length < options.batchSize) {
          const result = await Promise.race([pull(), deadline]);
          if (result === TIMED_OUT) break;
          pending = null;
          if (result.done) {
            ended = true;
            break;
          }
          batch.push(result.value);
        }
      } finally {
        clearTimeout(timer);
      }
      return batch;
    },
  };
}
