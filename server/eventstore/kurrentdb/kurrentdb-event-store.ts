import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  type RecordedEvent as KurrentRecordedEvent,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  type Position,
  type ReadableSubscription,
  START,
} from '@kurrent/kurrentdb-client';
import type { EventCatalogue } from '../../../schema/events/define.ts';
import { type Logger, silentLogger } from '../../logger.ts';
import { WrongExpectedVersionError } from '../errors.ts';
import type { EventStore, RecordedEvent } from '../port.ts';
import { type PreparedEvent, prepareAppend } from '../prepare.ts';
import { type CatchUpSource, catchUp } from './kurrentdb-catch-up.ts';
import { type AllFilterPlan, planAllFilter } from './kurrentdb-filter.ts';
import {
  classifyKurrentError,
  comparePositions,
  decodePosition,
  encodePosition,
  isTransientKurrentError,
  toActualRevision,
  toStreamState,
} from './kurrentdb-position.ts';
import { toEventData, toRecordedEvent } from './kurrentdb-records.ts';
import { type ExistingEvent, replayResult } from './kurrentdb-replay.ts';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`, or a cluster's gossip seeds. */
  connectionString: string;
  catalogue: EventCatalogue;
  logger?: Logger;
  /** Test seam: a client to use instead of connecting (the unit tests pass a fake). */
  client?: KurrentDBClient;
}

/** How far back an append looks for its event ids after the server rejected its expected revision. */
const REPLAY_SCAN_LIMIT = 1000;
/** Events per page of `$all` reads that must filter on the client too. */
const PAGE = 1000;

interface StreamRead {
  fromRevision: bigint | typeof START | typeof END;
  maxCount: number;
  backwards?: boolean;
  /** The append path reads its own writes: a follower (nodePreference) may not have them yet. */
  fromLeader?: boolean;
}

/**
 * The KurrentDB event store (ARCHITECTURE.md §3), over `@kurrent/kurrentdb-client`. Subscriptions
 * are catch-up subscriptions (never persistent ones) that resubscribe after a drop. Idempotent
 * re-append is normalised here (see README.md): KurrentDB alone guarantees it only for a retry with
 * the same exact expected revision, and does not compare content. Unlike the other adapters it
 * cannot see an event id reused in another stream: KurrentDB has no index by event id.
 */
export function createKurrentDbEventStore(options: KurrentDbEventStoreOptions): EventStore {
  const { catalogue } = options;
  const logger = options.logger ?? silentLogger;
  const client = options.client ?? KurrentDBClient.connectionString(options.connectionString);
  // Ends every subscription when the store closes, before the client goes away under it.
  const closing = new AbortController();

  const decode = (event: KurrentRecordedEvent, raw = false): RecordedEvent =>
    toRecordedEvent(event, catalogue, raw);

  /** Reads a stream, or nothing when it does not exist. */
  async function* readStreamEvents(streamId: string, read: StreamRead): AsyncGenerator<KurrentRecordedEvent> {
    try {
      for await (const resolved of client.readStream(streamId, {
        fromRevision: read.fromRevision,
        maxCount: read.maxCount,
        direction: read.backwards ? BACKWARDS : FORWARDS,
        requiresLeader: read.fromLeader ?? false,
      })) {
        if (resolved.event) yield resolved.event;
      }
    } catch (error) {
      if (classifyKurrentError(error) !== 'stream-not-found') throw error;
    }
  }

  /** The stream's events carrying any of the batch's ids, scanning back at most `limit` events. */
  const findExisting = async (streamId: string, prepared: PreparedEvent[], limit: number) => {
    const wanted = new Set(prepared.map((event) => event.id));
    const found: ExistingEvent[] = [];
    const read: StreamRead = { fromRevision: END, maxCount: limit, backwards: true, fromLeader: true };
    for await (const event of readStreamEvents(streamId, read)) {
      const id = event.id.toLowerCase();
      if (!wanted.delete(id) || !event.position) continue;
      // The data as stored, not upcast: a replay must match what was written.
      const position = encodePosition(event.position);
      found.push({ id, revision: Number(event.revision), position, type: event.type, data: event.data });
      if (wanted.size === 0) break;
    }
    return found;
  };

  const lastEvent = async (streamId: string): Promise<KurrentRecordedEvent | null> => {
    const read: StreamRead = { fromRevision: END, maxCount: 1, backwards: true, fromLeader: true };
    for await (const event of readStreamEvents(streamId, read)) {
      return event;
    }
    return null;
  };

  const positionOf = async (streamId: string, revision: number): Promise<Position> => {
    const read: StreamRead = { fromRevision: BigInt(revision), maxCount: 1, fromLeader: true };
    for await (const event of readStreamEvents(streamId, read)) {
      if (event.position) return event.position;
    }
    throw new Error(`KurrentDB reported no log position for ${streamId}@${revision}`);
  };

  /**
   * Visits the `$all` events after `after` that pass the plan, in log order (or newest first when
   * backwards), until `visit` returns false. Pages, because the plan may reject what the server sends.
   */
  const scanAll = async (
    scan: { after: Position | null; plan: AllFilterPlan; want: number; backwards?: boolean },
    visit: (event: KurrentRecordedEvent & { position: Position }) => boolean,
  ): Promise<void> => {
    const { plan, want, backwards = false } = scan;
    if (plan.none || want <= 0) return;
    let cursor = scan.after;
    // The read starts at its position inclusively: one more than wanted, and skip what was seen.
    const pageSize = Math.min(PAGE, want + 1);
    for (;;) {
      let received = 0;
      const page = client.readAll({
        fromPosition: cursor ?? (backwards ? END : START),
        maxCount: pageSize,
        direction: backwards ? BACKWARDS : FORWARDS,
        filter: plan.server,
      });
      for await (const { event } of page) {
        received++;
        if (!event) continue;
        if (cursor && (backwards ? -1 : 1) * comparePositions(event.position, cursor) <= 0) continue;
        cursor = event.position;
        if (plan.accepts(event.streamId, event.type) && !visit(event)) return;
      }
      if (received < pageSize) return;
    }
  };

  const subscriptionSource = <T>(subscription: ReadableSubscription<T>): CatchUpSource<T> => ({
    [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
    async close() {
      // unsubscribe cancels the gRPC call; destroy ends the readable a pending read waits on.
      await subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
    },
  });

  return {
    name: 'kurrentdb',

    async append(stream, events, appendOptions = {}) {
      const prepared = prepareAppend(catalogue, stream, events);
      const expected = appendOptions.expected ?? 'any';
      const streamState = toStreamState(expected);
      const replayWithin = async (limit: number) =>
        replayResult(stream, prepared, await findExisting(stream, prepared, limit));
      // A retry usually finds its events at the tail: answer it without writing, since KurrentDB
      // would write them again under `any` and never compares content.
      const tail = await lastEvent(stream);
      if (tail && prepared.some((event) => event.id === tail.id.toLowerCase())) {
        const replay = await replayWithin(prepared.length);
        if (replay) return replay;
      }
      await appendOptions.beforeCommit?.();
      let next: number;
      try {
        const result = await client.appendToStream(stream, prepared.map(toEventData), { streamState });
        next = Number(result.nextExpectedRevision);
      } catch (error) {
        if (!(error instanceof KurrentWrongExpectedVersionError)) throw error;
        const actual = toActualRevision(error.actualState);
        // Perhaps a retry with another expected revision than the original's: look further back.
        const replay = actual === 'no_stream' ? null : await replayWithin(REPLAY_SCAN_LIMIT);
        if (replay) return replay;
        throw new WrongExpectedVersionError(stream, expected, actual, { cause: error });
      }
      // At or below the old tail: the server's own idempotency check matched the ids, wrote nothing.
      if (tail && next <= Number(tail.revision)) {
        const replay = await replayWithin(REPLAY_SCAN_LIMIT);
        if (replay) return replay;
      }
      // The append answer carries the commit position in both parts, which is not the position
      // readers see for the event; read it back so the result and every reader agree.
      const position = encodePosition(await positionOf(stream, next));
      return { nextExpectedRevision: next, position, replayed: false };
    },

    async readStream(stream, readOptions = {}) {
      const maxCount = readOptions.maxCount ?? Number.MAX_SAFE_INTEGER;
      if (maxCount <= 0) return [];
      const out: RecordedEvent[] = [];
      const fromRevision = BigInt(readOptions.fromRevision ?? 0);
      for await (const event of readStreamEvents(stream, { fromRevision, maxCount }))
        out.push(decode(event, readOptions.raw));
      return out;
    },

    async readAll(readOptions = {}) {
      const out: RecordedEvent[] = [];
      const maxCount = readOptions.maxCount ?? Number.MAX_SAFE_INTEGER;
      const after = readOptions.after ? decodePosition(readOptions.after) : null;
      await scanAll({ after, plan: planAllFilter(readOptions.filter), want: maxCount }, (event) => {
        out.push(decode(event, readOptions.raw));
        return out.length < maxCount;
      });
      return out;
    },

    async *subscribeToStream(stream, subscribeOptions) {
      const signal = AbortSignal.any([subscribeOptions.signal, closing.signal]);
      let after = subscribeOptions.afterRevision ?? -1;
      const source = catchUp({
        signal,
        logger,
        isTransient: isTransientKurrentError,
        // fromRevision is exclusive for subscriptions: events after the last one delivered.
        open: () =>
          subscriptionSource(
            client.subscribeToStream(stream, { fromRevision: after < 0 ? START : BigInt(after) }),
          ),
      });
      for await (const { event } of source) {
        if (!event || Number(event.revision) <= after) continue;
        after = Number(event.revision);
        yield decode(event);
      }
    },

    async *subscribeToAll(subscribeOptions) {
      const signal = AbortSignal.any([subscribeOptions.signal, closing.signal]);
      const plan = planAllFilter(subscribeOptions.filter);
      let after = subscribeOptions.after ? decodePosition(subscribeOptions.after) : null;
      if (plan.none) {
        // Nothing can match (an empty list in the filter): idle until aborted, as other adapters do.
        if (!signal.aborted)
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return;
      }
      const source = catchUp({
        signal,
        logger,
        isTransient: isTransientKurrentError,
        // fromPosition is exclusive for subscriptions: events after the last one delivered.
        open: () =>
          subscriptionSource(client.subscribeToAll({ fromPosition: after ?? START, filter: plan.server })),
      });
      for await (const { event } of source) {
        if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
        after = event.position;
        if (plan.accepts(event.streamId, event.type)) yield decode(event);
      }
    },

    async headPosition() {
      let head: string | null = null;
      await scanAll({ after: null, plan: planAllFilter(undefined), want: 1, backwards: true }, (event) => {
        head = encodePosition(event.position);
        return false;
      });
      return head;
    },

    async countAfter(position, cap) {
      let count = 0;
      const after = position ? decodePosition(position) : null;
      await scanAll({ after, plan: planAllFilter(undefined), want: cap }, () => {
        count++;
        return count < cap;
      });
      return count;
    },

    async close() {
      closing.abort();
      await client.dispose();
    },
  };
}
