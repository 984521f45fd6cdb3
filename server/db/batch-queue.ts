/** A request waiting in a {@link createBatchQueue}, settled by the queue's `flush`. */
export interface Queued<Request, Result> {
  request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export interface BatchQueueOptions<Request, Result> {
  /** Batches being flushed at once; requests that arrive while all are busy wait and go together. */
  maxInFlight: number;
  /** The most requests one flush takes. */
  maxBatch: number;
  /** Runs one batch; must settle every request of it (a throw rejects those it left unsettled). */
  flush(batch: Queued<Request, Result>[]): Promise<void>;
}

/**
 * Batching by back-pressure, with no timer: a request runs at once while fewer than `maxInFlight`
 * batches are busy, and otherwise waits to go with every other request that arrived meanwhile. A
 * lone caller never waits; many callers share round trips. Group commit and the engine's memory
 * recall both batch this way.
 */
export function createBatchQueue<Request, Result>(options: BatchQueueOptions<Request, Result>) {
  const { maxInFlight, maxBatch, flush } = options;
  const queue: Queued<Request, Result>[] = [];
  let inFlight = 0;

  const run = async (batch: Queued<Request, Result>[]) => {
    try {
      await flush(batch);
    } catch (error) {
      // A promise already settled ignores this: only the requests the flush left unsettled fail.
      for (const queued of batch) queued.reject(error);
    }
  };

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return {
    submit(request: Request): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
  };
}
