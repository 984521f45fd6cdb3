// A run's events as the console keeps them: in revision order, each once, cut at a revision to replay.
import type { TraceEvent } from './trace-types';

/**
 * `existing` plus the `incoming` events it does not have yet (by position), in revision order.
 * A resumed subscription may deliver an event twice; each is kept once. Returns `existing` itself
 * when nothing is new, so React can skip a render.
 */
export function mergeEvents(existing: readonly TraceEvent[], incoming: readonly TraceEvent[]): TraceEvent[] {
  if (incoming.length === 0) return existing as TraceEvent[];
  // The usual case, a batch that continues the stream: no lookup needed.
  let previous = existing.at(-1)?.revision ?? -1;
  const continues = incoming.every((event) => {
    const next = event.revision > previous;
    previous = event.revision;
    return next;
  });
  if (continues) return [...existing, ...incoming];
  const seen = new Set(existing.map((event) => event.position));
  const fresh: TraceEvent[] = [];
  for (const event of incoming) {
    if (seen.has(event.position)) continue;
    seen.add(event.position);
    fresh.push(event);
  }
  if (fresh.length === 0) return existing as TraceEvent[];
  return [...existing, ...fresh].sort((a, b) => a.revision - b.revision);
}

/** The events up to and including `revision`: what the run looked like then (replay). */
export function eventsUpTo(events: readonly TraceEvent[], revision: number): readonly TraceEvent[] {
  if ((events.at(-1)?.revision ?? -1) <= revision) return events;
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((events[mid]?.revision ?? 0) <= revision) low = mid + 1;
    else high = mid;
  }
  return events.slice(0, low);
}
