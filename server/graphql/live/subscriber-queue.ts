import type { RecordedEvent } from '../../eventstore/port.ts';

/** How much a subscriber may hold undelivered before it is dropped. */
export interface SlowConsumerLimits {
  /** Bytes of undelivered events (their data and metadata as JSON), default 8 MiB. */
  maxBytes: number;
  /** How long the oldest undelivered event may wait, default 30 s. */
  maxWaitMs: number;
}

export const DEFAULT_SLOW_CONSUMER_LIMITS: SlowConsumerLimits = { maxBytes: 8 << 20, maxWaitMs: 30_000 };

/** A subscriber that fell too far behind the log: it is dropped, never silently skipped. */
export class SlowSubscriberError extends Error {
  readonly code = 'SLOW_CONSUMER';
  constructor(reason: string) {
    super(`The subscriber ${reason} and was closed; resubscribe with the last cursor`);
    this.name = 'SlowSubscriberError';
  }
}

// An event's size is measured once, however many subscribers it is pushed to (the hub pushes the
// same object to each); held weakly, so the cache empties itself.
const sizes = new WeakMap<RecordedEvent, number>();

/** About how many bytes an event occupies: its data and metadata as JSON, plus its fixed fields. */
export function eventBytes(event: RecordedEvent): number {
  let size = sizes.get(event);
  if (size === undefined) {
    size = 200 + JSON.stringify(event.data).length + JSON.stringify(event.metadata ?? {}).length;
    sizes.set(event, size);
  }
  return size;
}

/**
 * One subscriber's bounded queue, read as an async iterator. `push` never blocks the hub. The
 * bound is in bytes and time, not a count of events: a reader that keeps up through a burst of
 * many small events is never dropped, while one holding more than `maxBytes`, or whose oldest
 * event has waited more than `maxWaitMs`, fails (the next `next()` rejects) and `onOverflow` runs.
 * `return()` settles a pending `next()` at once (an async generator blocked in `next()` would
 * deadlock graphql-ws' unsubscribe).
 */
export class SubscriberQueue implements AsyncIterableIterator<RecordedEvent> {
  private readonly items: RecordedEvent[] = [];
  private readonly queuedAt: number[] = [];
  private head = 0;
  private bytes = 0;
  private waiting: {
    resolve(result: IteratorResult<RecordedEvent>): void;
    reject(error: unknown): void;
  } | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly limits: SlowConsumerLimits,
    private readonly onClose: () => void,
    private readonly onOverflow: (error: SlowSubscriberError) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Events waiting to be read. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Bytes waiting to be read (see `eventBytes`). */
  get pendingBytes(): number {
    return this.bytes;
  }

  push(event: RecordedEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.resolve({ value: event, done: false });
      return;
    }
    const now = this.now();
    const size = eventBytes(event);
    if (this.bytes + size > this.limits.maxBytes) {
      this.fail(new SlowSubscriberError(`held more than ${this.limits.maxBytes} bytes undelivered`));
      return;
    }
    if (this.size > 0 && now - (this.queuedAt[this.head] as number) > this.limits.maxWaitMs) {
      this.fail(new SlowSubscriberError(`read nothing for more than ${this.limits.maxWaitMs / 1000} s`));
      return;
    }
    this.items.push(event);
    this.queuedAt.push(now);
    this.bytes += size;
  }

  /** Ends the queue with an error (after what is already queued is dropped). */
  fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.finish();
    if (this.waiting) {
      this.waiting.reject(error);
      this.waiting = null;
    }
    if (error instanceof SlowSubscriberError) this.onOverflow(error);
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.size > 0) {
      const value = this.items[this.head++] as RecordedEvent;
      this.bytes -= eventBytes(value);
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.queuedAt.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<RecordedEvent>> {
    if (!this.closed) this.finish();
    if (this.waiting) {
      this.waiting.resolve({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    this.closed = true;
    this.items.length = 0;
    this.queuedAt.length = 0;
    this.head = 0;
    this.bytes = 0;
    this.onClose();
  }
}
