// Which approval requests this tab has alerted already, kept in sessionStorage so that a reload or
// a full navigation does not alert the same request twice.
const KEY = 'spark-ops.maestro.alerted';
const KEEP = 200;

function load(): string[] {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** A set of request ids that remembers what it holds for the rest of the tab's life. */
export function createAlertedRequests(): { has(id: string): boolean; add(id: string): void } {
  const ids = load();
  const set = new Set(ids);
  return {
    has: (id) => set.has(id),
    add(id) {
      if (set.has(id)) return;
      set.add(id);
      ids.push(id);
      try {
        window.sessionStorage.setItem(KEY, JSON.stringify(ids.slice(-KEEP)));
      } catch {
        // Storage can be full or refused (private mode): the alerts still work for this page.
      }
    },
  };
}
