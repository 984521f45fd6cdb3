import { isDeepStrictEqual } from 'node:util';
import type { EventCatalogue } from '../../../schema/events/define.ts';
import { EventIdConflictError, WrongExpectedVersionError } from '../errors.ts';
import { matchesFilter } from '../filter.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
} from '../port.ts';
import { type PreparedEvent, prepareAppend, upcastData } from '../prepare.ts';
import { createIdleBackoff, createWakeSignal } from '../wake-signal.ts';

export interface MemoryEventStoreOptions {
  catalogue: EventCatalogue;
}

const positionOf = (index: number) => `mem:${String(index).padStart(20, '0')}`;
const indexOf = (position: string | null | undefined) => (position ? Number(position.slice(4)) : -1);

function expectationHolds(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return expected === current;
}

/**
 * An in-process event store for fast engine tests. Same semantics as the durable adapters (it passes
 * the same contract suite); nothing survives the process.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions): EventStore {
  const { catalogue } = options;
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const byId = new Map<string, RecordedEvent>();
  const streamLocks = new Map<string, Promise<unknown>>();
  const wake = createWakeSignal();

  // Appends to one stream run one after another, as the advisory lock makes them on Postgres.
  const withStreamLock = <T>(stream: string, fn: () => Promise<T>): Promise<T> => {
    const previous = streamLocks.get(stream) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => undefined);
    streamLocks.set(stream, tail);
    void tail.then(() => {
      if (streamLocks.get(stream) === tail) streamLocks.delete(stream);
    });
    return next;
  };

  const replayOf = (stream: string, prepared: PreparedEvent[]): AppendResult | null => {
    const found = prepared.map((event) => byId.get(event.id));
    if (found.every((event) => event === undefined)) return null;
    const first = found[0];
    const identical = found.every(
      (event, i) =>
        event !== undefined &&
        first !== undefined &&
        event.stream === stream &&
        event.revision === first.revision + i &&
        event.type === prepared[i]?.type &&
        isDeepStrictEqual(event.data, prepared[i]?.data),
    );
    if (!identical) {
      throw new EventIdConflictError(
        stream,
        prepared.filter((_, i) => found[i] !== undefined).map((event) => event.id),
      );
    }
    const last = found[found.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position, replayed: true };
  };

  const decode = (event: RecordedEvent): RecordedEvent => ({
    ...event,
    data: upcastData(catalogue, event.type, event.metadata, event.data),
  });

  return {
    name: 'memory',
    async append(stream: string, events: readonly NewEvent[], appendOptions: AppendOptions = {}) {
      const prepared = prepareAppend(catalogue, stream, events);
      const expected = appendOptions.expected ?? 'any';
      return withStreamLock(stream, async () => {
        const replay = replayOf(stream, prepared);
        if (replay) return replay;
        const existing = streams.get(stream) ?? [];
        const current = existing.length - 1;
        if (!expectationHolds(expected, current)) {
          throw new WrongExpectedVersionError(stream, expected, current === -1 ? 'no_stream' : current);
        }
        await appendOptions.beforeCommit?.();
        const recordedAt = new Date();
        const recorded = prepared.map(
          (event, i): RecordedEvent => ({
            id: event.id,
            stream,
            revision: current + 1 + i,
            position: positionOf(log.length + i),
            type: event.type,
            data: structuredClone(event.data),
            metadata: structuredClone(event.metadata),
            recordedAt,
          }),
        );
        for (const event of recorded) {
          log.push(event);
          byId.set(event.id, event);
        }
        streams.set(stream, [...existing, ...recorded]);
        wake.notify();
        const last = recorded[recorded.length - 1] as RecordedEvent;
        return { nextExpectedRevision: last.revision, position: last.position, replayed: false };
      });
    },
    async readStream(stream: string, readOptions: ReadStreamOptions = {}) {
      const from = readOptions.fromRevision ?? 0;
      const events = (streams.get(stream) ?? []).slice(
        from,
        from + (readOptions.maxCount ?? Number.MAX_SAFE_INTEGER),
      );
      return events.map((event) => (readOptions.raw ? structuredClone(event) : decode(event)));
    },
    async readAll(readOptions: ReadAllOptions = {}) {
      const max = readOptions.maxCount ?? Number.MAX_SAFE_INTEGER;
      const out: RecordedEvent[] = [];
      for (let i = indexOf(readOptions.after) + 1; i < log.length && out.length < max; i++) {
        const event = log[i] as RecordedEvent;
        if (!matchesFilter(readOptions.filter, event.stream, event.type)) continue;
        out.push(readOptions.raw ? structuredClone(event) : decode(event));
      }
      return out;
    },
    async *subscribeToStream(stream: string, subscribeOptions: SubscribeToStreamOptions) {
      const { signal } = subscribeOptions;
      let next = (subscribeOptions.afterRevision ?? -1) + 1;
      while (!signal.aborted) {
        const events = streams.get(stream) ?? [];
        if (next < events.length) {
          const event = events[next] as RecordedEvent;
          next++;
          yield decode(event);
          continue;
        }
        await wake.wait(1000, signal);
      }
    },
    async *subscribeToAll(subscribeOptions: SubscribeToAllOptions) {
      const { signal, filter } = subscribeOptions;
      let next = indexOf(subscribeOptions.after) + 1;
      const idle = createIdleBackoff();
      while (!signal.aborted) {
        if (next < log.length) {
          const event = log[next] as RecordedEvent;
          next++;
          idle.reset();
          if (matchesFilter(filter, event.stream, event.type)) yield decode(event);
          continue;
        }
        await wake.wait(idle.next(), signal);
      }
    },
    async headPosition() {
      return log.length === 0 ? null : positionOf(log.length - 1);
    },
    async countAfter(position: string | null, cap: number) {
      return Math.min(cap, log.length - (indexOf(position) + 1));
    },
    async close() {
      wake.notify();
    },
  };
}
