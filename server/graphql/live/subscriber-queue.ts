import type { RecordedEvent } from '../../eventstore/port.ts';

/** A subscriber that fell more than its buffer behind the log: it is dropped, never silently skipped. */
export class SlowSubscriberError extends Error {
  readonly code = 'SLOW_CONSUMER';
  constructor(limit: number) {
    super(
      `The subscriber fell more than ${limit} events behind and was closed; resubscribe with the last cursor`,
    );
    this.name = 'SlowSubscriberError';
  }
}

/**
 * One subscriber's bounded queue, read as an async iterator. `push` never blocks the hub: past
 * `limit` undelivered events the queue fails (the next `next()` rejects) and `onOverflow` runs.
 * `return()` settles a pending `next()` at once (an async generator blocked in `next()` would
 * deadlock graphql-ws' unsubscribe).
 */
export class SubscriberQueue implements AsyncIterableIterator<RecordedEvent> {
  private readonly items: RecordedEvent[] = [];
  private head = 0;
  private waiting: {
    resolve(result: IteratorResult<RecordedEvent>): void;
    reject(error: unknown): void;
  } | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly onClose: () => void,
    private readonly onOverflow: (error: SlowSubscriberError) => void,
  ) {}

  /** Events waiting to be read. */
  get size(): number {
    return this.items.length - this.head;
  }

  push(event: RecordedEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting.resolve({ value: event, done: false });
      return;
    }
    if (this.size >= this.limit) {
      this.fail(new SlowSubscriberError(this.limit));
      return;
    }
    this.items.push(event);
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
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
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
    this.head = 0;
    this.onClose();
  }
}
