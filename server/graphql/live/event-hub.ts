import type { EventStore, RecordedEvent } from '../../eventstore/port.ts';
import type { Logger } from '../../logger.ts';
import {
  DEFAULT_SLOW_CONSUMER_LIMITS,
  type SlowConsumerLimits,
  type SlowSubscriberError,
  SubscriberQueue,
} from './subscriber-queue.ts';

/**
 * Which events a subscriber wants: one stream's, one type's (or several types') from every stream,
 * or every stream's whose name starts with a prefix (`run-`: every run).
 */
export type HubFilter =
  | { stream: string }
  | { type: string }
  | { types: readonly string[] }
  | { streamPrefix: string };

type Index = Map<string, Set<SubscriberQueue>>;

export interface HubSubscribeOptions {
  /** Called once when the subscriber's buffer overflows (before its next `next()` rejects). */
  onOverflow?: (error: SlowSubscriberError) => void;
}

/**
 * The process's ONE live tail of the event log, fanned out in memory. Subscribers register before
 * they read history (so nothing falls between history and live) and dedupe by position.
 */
export interface EventHub {
  /** Starts tailing from the log's head. Idempotent. */
  start(): Promise<void>;
  /** A live iterator of matching events appended after the hub saw them; bounded, see `SubscriberQueue`. */
  subscribe(filter: HubFilter, options?: HubSubscribeOptions): SubscriberQueue;
  /** Calls `listener` for every event of the tail (metrics); returns an unsubscribe. */
  observe(listener: (event: RecordedEvent) => void): () => void;
  /** Live subscribers now. */
  subscriberCount(): number;
  /** The last position the tail delivered (null before the first). */
  lastPosition(): string | null;
  /** Ends the tail and every subscriber. */
  stop(): Promise<void>;
}

export interface EventHubOptions {
  store: EventStore;
  logger: Logger;
  /**
   * When a subscriber is closed as too slow: bytes held undelivered, or the age of its oldest
   * undelivered event (defaults 8 MiB, 30 s). Bytes and time, not a count: a burst of small events
   * to a reader that keeps up is fine, a stalled reader is dropped whatever the events weigh.
   */
  slowConsumer?: Partial<SlowConsumerLimits>;
  /** Pause before resuming a failed tail (default 500 ms). */
  retryMs?: number;
  /** Events the tail reads at once while catching up (default 100): a burst is pushed batch by batch. */
  batchSize?: number;
  /** The least time between two reads of the caught-up tail (default {@link LIVE_READ_INTERVAL_MS}). */
  minReadIntervalMs?: number;
}

/**
 * A busy worker appends a run's events every millisecond or two: reading after each append would
 * cost a query per append, beside the appends, on the same cores. Reads at most this often deliver
 * the events of several appends at once; a lone append after a quiet spell is still read at once.
 */
export const LIVE_READ_INTERVAL_MS = 5;

/** Builds the hub; call `start()` once the store is open. */
export function createEventHub(options: EventHubOptions): EventHub {
  const { store, logger } = options;
  const limits: SlowConsumerLimits = { ...DEFAULT_SLOW_CONSUMER_LIMITS, ...options.slowConsumer };
  const byStream: Index = new Map();
  const byType: Index = new Map();
  const byPrefix: Index = new Map();
  const observers = new Set<(event: RecordedEvent) => void>();
  const stopping = new AbortController();
  let count = 0;
  let last: string | null = null;
  let loop: Promise<void> | null = null;

  const deliver = (set: Set<SubscriberQueue> | undefined, event: RecordedEvent) => {
    if (set) for (const queue of set) queue.push(event);
  };
  const dispatch = (event: RecordedEvent) => {
    last = event.position;
    deliver(byStream.get(event.stream), event);
    deliver(byType.get(event.type), event);
    for (const [prefix, set] of byPrefix) if (event.stream.startsWith(prefix)) deliver(set, event);
    for (const observer of observers) observer(event);
  };

  const tail = async () => {
    while (!stopping.signal.aborted) {
      try {
        for await (const event of store.subscribeToAll({
          after: last,
          signal: stopping.signal,
          batchSize: options.batchSize ?? 100,
          minReadIntervalMs: options.minReadIntervalMs ?? LIVE_READ_INTERVAL_MS,
        }))
          dispatch(event);
      } catch (error) {
        if (stopping.signal.aborted) return;
        logger.error('live tail failed; resuming from its last position', { error, after: last });
        await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 500));
      }
    }
  };

  return {
    async start() {
      if (loop) return;
      last = await store.headPosition();
      loop = tail();
    },
    subscribe(filter, subscribeOptions = {}) {
      const keys: [Index, string][] =
        'stream' in filter
          ? [[byStream, filter.stream]]
          : 'type' in filter
            ? [[byType, filter.type]]
            : 'types' in filter
              ? filter.types.map((type): [Index, string] => [byType, type])
              : [[byPrefix, filter.streamPrefix]];
      let registered = true;
      const queue: SubscriberQueue = new SubscriberQueue(
        limits,
        () => {
          if (!registered) return;
          registered = false;
          count--;
          for (const [index, key] of keys) {
            const set = index.get(key);
            set?.delete(queue);
            if (set?.size === 0) index.delete(key);
          }
        },
        (error) => subscribeOptions.onOverflow?.(error),
      );
      for (const [index, key] of keys) {
        const set = index.get(key) ?? new Set<SubscriberQueue>();
        index.set(key, set);
        set.add(queue);
      }
      count++;
      return queue;
    },
    observe(listener) {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    subscriberCount: () => count,
    lastPosition: () => last,
    async stop() {
      stopping.abort();
      await loop;
      for (const index of [byStream, byType, byPrefix]) {
        for (const set of [...index.values()]) for (const queue of [...set]) void queue.return();
      }
    },
  };
}
