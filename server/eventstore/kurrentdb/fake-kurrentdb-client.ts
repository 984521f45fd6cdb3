import {
  type AppendStreamState,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';

/** An event as the fake stores and returns it (the client's RecordedEvent, JSON only). */
export interface FakeRecord {
  streamId: string;
  id: string;
  isJson: true;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position: Position;
}

type Direction = 'forwards' | 'backwards';

/**
 * An in-memory stand-in for the parts of `KurrentDBClient` the adapter uses, following KurrentDB's
 * documented semantics: 0-based revisions; expected-state checks; idempotency by event id only for
 * an exact expected revision (the ids at expected+1…, compared by id alone) or, under `any`, when
 * the ids are already the stream's; `StreamNotFoundError` on reading a missing stream; reads of
 * `$all` inclusive of their start position, subscriptions exclusive; an append answered with its
 * commit position in both parts. A fake is only as good as its last check against a real server:
 * the contract suite with KURRENTDB_URL is that check.
 */
export function createFakeKurrentDbClient() {
  const log: FakeRecord[] = [];
  const streams = new Map<string, FakeRecord[]>();
  let waiters: Array<() => void> = [];
  let bytes = 1000n;
  let drops = 0;
  const wake = () => {
    const current = waiters;
    waiters = [];
    for (const waiter of current) waiter();
  };
  // Events of one append share their transaction's commit position; each has its own prepare.
  const write = (
    streamId: string,
    type: string,
    data: unknown,
    id: string,
    metadata: unknown,
    commit: bigint,
  ) => {
    const existing = streams.get(streamId) ?? [];
    const position = { commit, prepare: bytes };
    bytes += 100n;
    const record: FakeRecord = {
      streamId,
      id,
      isJson: true,
      revision: BigInt(existing.length),
      type,
      created: new Date(),
      data: structuredClone(data),
      metadata: structuredClone(metadata),
      position,
    };
    streams.set(streamId, [...existing, record]);
    log.push(record);
    return record;
  };
  // System events a real server has in $all from its start.
  write('$scavenges', '$scavengeStarted', {}, '00000000-0000-4000-8000-000000000001', undefined, bytes);
  write('$$settings', '$metadata', {}, '00000000-0000-4000-8000-000000000002', undefined, bytes);

  const matches = (filter: Filter | undefined, record: FakeRecord) => {
    if (!filter) return true;
    const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
    if ('prefixes' in filter) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
    return new RegExp(filter.regex).test(subject);
  };
  const compare = (a: Position, b: Position) =>
    a.commit !== b.commit
      ? a.commit < b.commit
        ? -1
        : 1
      : a.prepare === b.prepare
        ? 0
        : a.prepare < b.prepare
          ? -1
          : 1;

  const subscription = <T>(next: (emit: (item: T) => void) => void) => {
    let closed = false;
    const generation = drops;
    return {
      async *[Symbol.asyncIterator](): AsyncGenerator<T> {
        while (!closed) {
          if (drops !== generation) throw new UnavailableError(undefined, 'subscription dropped');
          const batch: T[] = [];
          next((item) => batch.push(item));
          for (const item of batch) {
            yield item;
            if (drops !== generation) throw new UnavailableError(undefined, 'subscription dropped');
          }
          if (batch.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
        }
      },
      async unsubscribe() {
        closed = true;
        wake();
      },
      destroy() {
        closed = true;
        wake();
      },
    };
  };

  return {
    log,
    /** Drops every open subscription with UNAVAILABLE, as a server restart or a slow consumer would. */
    dropSubscriptions() {
      drops++;
      wake();
    },
    async appendToStream(
      streamId: string,
      events: EventData[],
      options: { streamState?: AppendStreamState } = {},
    ) {
      const state = options.streamState ?? 'any';
      const existing = streams.get(streamId) ?? [];
      const current = existing.length - 1;
      const ids = events.map((event) => event.id);
      const idempotentAt = (from: number) =>
        existing.length >= from + ids.length && ids.every((id, i) => existing[from + i]?.id === id);
      const fail = () => {
        throw new WrongExpectedVersionError(undefined, {
          streamName: streamId,
          expected: state,
          current: current < 0 ? 'no_stream' : BigInt(current),
        });
      };
      const exact = state === 'no_stream' ? -1 : typeof state === 'bigint' ? Number(state) : null;
      if (exact !== null && current > exact) {
        if (!idempotentAt(exact + 1)) fail();
        const last = existing[exact + ids.length] as FakeRecord;
        return { success: true, nextExpectedRevision: last.revision, position: undefined };
      }
      if (state === 'any') {
        const at = existing.findIndex((record) => record.id === ids[0]);
        if (at >= 0 && idempotentAt(at)) {
          const last = existing[at + ids.length - 1] as FakeRecord;
          return { success: true, nextExpectedRevision: last.revision, position: undefined };
        }
      }
      if ((exact !== null && current !== exact) || (state === 'stream_exists' && current < 0)) fail();
      const commit = bytes;
      for (const event of events) write(streamId, event.type, event.data, event.id, event.metadata, commit);
      wake();
      return {
        success: true,
        nextExpectedRevision: BigInt(current + events.length),
        position: { commit, prepare: commit },
      };
    },

    async *readStream(
      streamId: string,
      options: { fromRevision?: ReadRevision; maxCount?: number | bigint; direction?: Direction } = {},
    ) {
      const records = streams.get(streamId);
      if (!records) throw new StreamNotFoundError(undefined, streamId);
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? 'end' : 'start');
      const start = from === 'start' ? 0 : from === 'end' ? records.length - 1 : Number(from);
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const ordered = backwards ? records.slice(0, start + 1).reverse() : records.slice(start);
      for (const event of ordered.slice(0, max)) yield { event };
    },

    async *readAll(
      options: {
        fromPosition?: ReadPosition;
        maxCount?: number | bigint;
        direction?: Direction;
        filter?: Filter;
      } = {},
    ) {
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition ?? (backwards ? 'end' : 'start');
      let records = backwards ? [...log].reverse() : log;
      if (typeof from === 'object') {
        records = records.filter((r) =>
          backwards ? compare(r.position, from) <= 0 : compare(r.position, from) >= 0,
        );
      }
      let left = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      for (const event of records) {
        if (left === 0) return;
        if (!matches(options.filter, event)) continue;
        left--;
        yield { event };
      }
    },

    subscribeToStream(streamId: string, options: { fromRevision?: ReadRevision } = {}) {
      const from = options.fromRevision ?? 'start';
      let next =
        from === 'start' ? 0 : from === 'end' ? (streams.get(streamId)?.length ?? 0) : Number(from) + 1;
      return subscription<{ event: FakeRecord }>((emit) => {
        for (const event of (streams.get(streamId) ?? []).slice(next)) emit({ event });
        next = streams.get(streamId)?.length ?? 0;
      });
    },

    subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
      const from = options.fromPosition ?? 'start';
      let next =
        from === 'start'
          ? 0
          : from === 'end'
            ? log.length
            : log.findIndex((r) => compare(r.position, from) > 0);
      if (next < 0) next = log.length;
      return subscription<{ event: FakeRecord }>((emit) => {
        for (const event of log.slice(next)) if (matches(options.filter, event)) emit({ event });
        next = log.length;
      });
    },

    async dispose() {
      wake();
    },
  };
}
