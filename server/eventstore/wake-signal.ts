/**
 * Wakes waiting subscription loops. `wait` resolves on the next `notify` (true), or after `timeoutMs`
 * or when the signal aborts (false), whichever comes first; it never rejects.
 */
export interface WakeSignal {
  notify(): void;
  wait(timeoutMs: number, signal: AbortSignal): Promise<boolean>;
}

export function createWakeSignal(): WakeSignal {
  let waiters = new Set<() => void>();
  return {
    notify() {
      const current = waiters;
      waiters = new Set();
      for (const wake of current) wake();
    },
    wait(timeoutMs, signal) {
      return new Promise<boolean>((resolve) => {
        if (signal.aborted) return resolve(false);
        const finish = (notified: boolean) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waiters.delete(onNotify);
          resolve(notified);
        };
        const onNotify = () => finish(true);
        const onAbort = () => finish(false);
        const timer = setTimeout(onAbort, timeoutMs);
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.add(onNotify);
      });
    },
  };
}

/** Idle back-off for polling loops: 10 ms doubling to a ceiling, reset when data arrives. */
export function createIdleBackoff(ceilingMs = 1000): { next(): number; reset(): void } {
  let delay = 10;
  return {
    next() {
      const current = delay;
      delay = Math.min(ceilingMs, delay * 2);
      return current;
    },
    reset() {
      delay = 10;
    },
  };
}
