// Requests made before the page that needs them has rendered (route-prefetch.ts), kept until that
// page takes them. A page takes a request once, and only while it is fresh: one left behind (the
// user went elsewhere) is never served later as if it were current.

const FRESH_MS = 5_000;

const early = new Map<string, { at: number; result: Promise<unknown> }>();

/** Starts `request` now and keeps its result under `key` for the page that will ask for it. */
export function prefetch<T>(key: string, request: () => Promise<T>): void {
  const result = request();
  result.catch(() => {}); // the page that takes it sees the failure; nobody else must
  early.set(key, { at: Date.now(), result });
}

/** The result kept under `key`, once, if it is fresh; null otherwise (the page asks itself). */
export function takePrefetched<T>(key: string): Promise<T> | null {
  const entry = early.get(key);
  early.delete(key);
  if (!entry || Date.now() - entry.at > FRESH_MS) return null;
  return entry.result as Promise<T>;
}
