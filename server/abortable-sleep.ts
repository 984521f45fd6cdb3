/**
 * Waits `ms`, or less if `signal` aborts first; never rejects. No wait is no timer: a zero-millisecond
 * timer still waits for the event loop's next timers phase (about a millisecond), which a hot path
 * (the engine's first model call of every step) would pay each time.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
