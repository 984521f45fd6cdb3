/**
 * Reads every `everyMs` until `accept` takes what was read or `timeoutMs` passes; returns the last
 * value read and whether it was accepted (the caller says what a timeout means). The one polling
 * loop of the tests: API, contract, cluster and chaos tests wait through it.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 25,
): Promise<{ value: T; accepted: boolean }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return { value, accepted: true };
    if (Date.now() - started >= timeoutMs) return { value, accepted: false };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
