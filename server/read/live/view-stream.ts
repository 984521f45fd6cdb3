import type { RecordedEvent } from '../../eventstore/port.ts';
import type { SubscriberQueue } from '../../graphql/live/subscriber-queue.ts';

/**
 * The events of a hub queue as views, in order; events without a view (null) are skipped.
 * `return()` ends the queue at once, also while a `next()` waits.
 */
export function viewStream<T>(
  queue: SubscriberQueue,
  view: (event: RecordedEvent) => Promise<T | null>,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const result = await queue.next();
        if (result.done) return { value: undefined, done: true };
        const value = await view(result.value);
        if (value !== null) return { value, done: false };
      }
    },
    async return() {
      await queue.return();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
