// An event store that counts what the engine asks of it, for the benches' per-step figures: appends
// (round trips) and stream reads, by stream kind (`run`, `policy`, `agent`).
import type { EventStore } from '../server/eventstore/port.ts';

export interface StoreCounts {
  appends: Record<string, number>;
  appendedEvents: Record<string, number>;
  streamReads: Record<string, number>;
}

const kindOf = (stream: string) => stream.split('-')[0] ?? stream;
const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** `store` with every append and stream read counted; `take()` returns the counts and starts again. */
export function countingStore(store: EventStore): { store: EventStore; take(): StoreCounts } {
  let counts: StoreCounts = { appends: {}, appendedEvents: {}, streamReads: {} };
  const counted: EventStore = {
    name: store.name,
    append(stream, events, options) {
      bump(counts.appends, kindOf(stream));
      bump(counts.appendedEvents, kindOf(stream), events.length);
      return store.append(stream, events, options);
    },
    readStream(stream, options) {
      bump(counts.streamReads, kindOf(stream));
      return store.readStream(stream, options);
    },
    readAll: (options) => store.readAll(options),
    subscribeToStream: (stream, options) => store.subscribeToStream(stream, options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    countAfter: (position, cap) => store.countAfter(position, cap),
    close: () => store.close(),
  };
  return {
    store: counted,
    take() {
      const taken = counts;
      counts = { appends: {}, appendedEvents: {}, streamReads: {} };
      return taken;
    },
  };
}

/** Counts per step, rounded to two decimals (a kind that was never asked for is left out). */
export function perStep(counts: Record<string, number>, steps: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([kind, n]) => [kind, Math.round((n / steps) * 100) / 100]),
  );
}
