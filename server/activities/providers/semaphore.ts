/**
 * A counting semaphore: at most `limit` holders at once, waiters served first come first served.
 * `acquire` rejects with the signal's reason when the signal aborts while waiting.
 */
export class Semaphore {
  readonly #limit: number;
  #held = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`semaphore limit must be >= 1, got ${limit}`);
    this.#limit = limit;
  }

  /** Holders right now. */
  get held(): number {
    return this.#held;
  }

  /** Waits for a slot; returns the function that gives it back (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#held < this.#limit) {
      this.#held++;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      this.#waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      // The slot passes straight to the next waiter, so `held` stays the same.
      if (next) next();
      else this.#held--;
    };
  }
}
