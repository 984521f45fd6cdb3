import { isDeepStrictEqual } from 'node:util';
import type { EventCatalogue } from '../../../schema/events/define.ts';
import type { SqlDatabase, SqlQueryable } from '../../db/sql-database.ts';
import { type Logger, silentLogger } from '../../logger.ts';
import { EventIdConflictError, WrongExpectedVersionError } from '../errors.ts';
import type { AllFilter, AppendResult, EventStore, ExpectedRevision, RecordedEvent } from '../port.ts';
import { type PreparedEvent, prepareAppend, upcastData } from '../prepare.ts';
import { tailLoop } from '../tail-loop.ts';
import { createWakeSignal } from '../wake-signal.ts';
import { isTransientDatabaseError, violatedConstraint } from './errors.ts';
import { type AppendOutcome, type AppendRequest, appendOne, createGroupCommitter } from './group-commit.ts';
import { EVENT_COLUMNS, type EventRow, parsePosition, toRecordedEvent } from './rows.ts';
import { migrateEventStore } from './schema.ts';

export interface PostgresEventStoreOptions {
  db: SqlDatabase;
  catalogue: EventCatalogue;
  logger?: Logger;
  /** NOTIFY channel that wakes readers in other processes (server mode only). */
  channel?: string;
  /** Default batch of catch-up reads. */
  batchSize?: number;
  /** Group commit: append transactions in flight at once (default 4 on a server, 1 on PGlite). */
  maxAppendsInFlight?: number;
  /** The slowest poll of an idle subscription, which finds a missed NOTIFY (default 1 s). */
  maxIdleMs?: number;
}

// Only rows of transactions older than every running one of this database (es.read_horizon): a
// transaction that commits late can then never be passed over by a reader that already moved beyond
// its global_position. The sub-select makes the horizon one InitPlan per statement, not one per row.
const VISIBLE = 'tx_id < (SELECT es.read_horizon())';
const NOTIFY_EVERY_MS = 20;
const APPEND_ATTEMPTS = 3;
const APPEND_RETRY_MS = 25;

function encodeExpected(expected: ExpectedRevision): number | null {
  if (expected === 'any') return null;
  if (expected === 'no_stream') return -1;
  if (expected === 'stream_exists') return -2;
  return expected;
}

function escapeLike(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The PostgreSQL event store (ARCHITECTURE.md §3): one code path over PGlite and a PostgreSQL
 * server. Appends are one round trip to `es.append`; global readers use the xid snapshot rule.
 * Migrates schema `es` before returning.
 */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const { db, catalogue } = options;
  const logger = options.logger ?? silentLogger;
  const channel = options.channel ?? 'es_events';
  const defaultBatch = options.batchSize ?? 1000;
  const idlePoll = options.maxIdleMs === undefined ? {} : { maxIdleMs: options.maxIdleMs };
  await migrateEventStore(db);

  const wake = createWakeSignal();
  const unlisten = db.kind === 'pg' ? await db.listen(channel, () => wake.notify()) : null;
  let lastNotify = 0;
  let notifyTimer: NodeJS.Timeout | null = null;
  // Other processes learn of appends by NOTIFY, sent outside the append transaction and at most every
  // 20 ms: NOTIFY inside every commit would serialise all commits on a global lock.
  const notifyOthers = () => {
    if (db.kind !== 'pg' || notifyTimer) return;
    const wait = Math.max(0, lastNotify + NOTIFY_EVERY_MS - Date.now());
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      lastNotify = Date.now();
      db.query('SELECT pg_notify($1, NULL)', [channel], { prepared: true }).catch((error: unknown) =>
        logger.warn('pg_notify failed; other processes will find the events by polling', { error }),
      );
    }, wait);
  };

  // PGlite is one connection: batches queue behind each other there, so one in flight is enough.
  const committer = createGroupCommitter({
    db,
    maxInFlight: options.maxAppendsInFlight ?? (db.kind === 'pg' ? 4 : 1),
    maxBatch: 64,
  });
  // A pooled connection can die between checkout and statement (an idle backend terminated, a
  // failover): the append then never ran, or it committed and only its answer was lost. Either way a
  // retry on a fresh connection is safe, since a re-append of the same event ids answers with the
  // first one's result (findReplay). A database that stays away still fails the append quickly.
  const commitRetryingConnectionLoss = async (request: AppendRequest): Promise<AppendOutcome> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await committer.append(request);
      } catch (error) {
        if (attempt >= APPEND_ATTEMPTS || !isTransientDatabaseError(error)) throw error;
        logger.warn('append lost its connection; retrying', { stream: request.stream, attempt, error });
        await new Promise((resolve) => setTimeout(resolve, APPEND_RETRY_MS * attempt));
      }
    }
  };
  // The test seam: the append's transaction stays open until `beforeCommit` resolves.
  const appendHeldOpen = (request: AppendRequest, beforeCommit: () => Promise<void>) =>
    db.transaction(async (tx) => {
      const outcome = await appendOne(tx, request);
      await beforeCommit();
      return outcome;
    });

  const decode = (row: EventRow): RecordedEvent =>
    toRecordedEvent(row, upcastData(catalogue, row.type, row.metadata, row.data));
  const decodeRaw = (row: EventRow): RecordedEvent => toRecordedEvent(row, row.data);

  const readAllBatch = async (
    after: string | null | undefined,
    maxCount: number,
    filter?: AllFilter,
    raw = false,
  ): Promise<RecordedEvent[]> => {
    const { tx, gp } = parsePosition(after);
    const params: unknown[] = [tx, gp, maxCount];
    let where = `(tx_id, global_position) > ($1::text::xid8, $2::bigint) AND ${VISIBLE}`;
    if (filter?.streamPrefixes) {
      params.push(filter.streamPrefixes.map(escapeLike));
      where += ` AND stream_id LIKE ANY($${params.length}::text[])`;
    }
    if (filter?.eventTypes) {
      params.push([...filter.eventTypes]);
      where += ` AND event_type = ANY($${params.length}::text[])`;
    }
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es.events WHERE ${where} ORDER BY tx_id, global_position LIMIT $3`,
      params,
      { prepared: true },
    );
    return rows.map(raw ? decodeRaw : decode);
  };

  const readStreamBatch = async (
    stream: string,
    from: number,
    maxCount: number,
    raw = false,
  ): Promise<RecordedEvent[]> => {
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es.events WHERE stream_id = $1 AND stream_revision >= $2
        ORDER BY stream_revision LIMIT $3`,
      [stream, from, maxCount],
      { prepared: true },
    );
    return rows.map(raw ? decodeRaw : decode);
  };

  // An append that failed on a used event id or a wrong revision may be a retry of one that already
  // succeeded: then it returns that result. Reused ids with other content are a conflict.
  const findReplay = async (
    target: SqlQueryable,
    stream: string,
    prepared: PreparedEvent[],
  ): Promise<AppendResult | null> => {
    const { rows } = await target.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es.events WHERE event_id = ANY($1::text[]::uuid[])`,
      [prepared.map((event) => event.id)],
    );
    if (rows.length === 0) return null;
    const byId = new Map(rows.map((row) => [row.id, row]));
    const first = byId.get(prepared[0]?.id ?? '');
    const identical = prepared.every((event, i) => {
      const row = byId.get(event.id);
      return (
        row !== undefined &&
        first !== undefined &&
        row.stream === stream &&
        row.revision === first.revision + i &&
        row.type === event.type &&
        isDeepStrictEqual(row.data, event.data)
      );
    });
    if (!identical)
      throw new EventIdConflictError(
        stream,
        rows.map((row) => row.id),
      );
    const last = byId.get(prepared[prepared.length - 1]?.id ?? '') as EventRow;
    return { nextExpectedRevision: last.revision, position: last.position, replayed: true };
  };

  return {
    name: `postgres(${db.kind})`,
    async append(stream, events, appendOptions = {}) {
      const prepared = prepareAppend(catalogue, stream, events);
      const expected = appendOptions.expected ?? 'any';
      const request = { stream, expected: encodeExpected(expected), events: prepared };
      let outcome: AppendOutcome;
      try {
        outcome = appendOptions.beforeCommit
          ? await appendHeldOpen(request, appendOptions.beforeCommit)
          : await commitRetryingConnectionLoss(request);
      } catch (error) {
        if (violatedConstraint(error) !== 'events_event_id_uq') throw error;
        const replay = await findReplay(db, stream, prepared);
        if (replay) return replay;
        throw error;
      }
      if (!outcome.ok) {
        const replay = await findReplay(db, stream, prepared);
        if (replay) return replay;
        throw new WrongExpectedVersionError(
          stream,
          expected,
          outcome.actual < 0 ? 'no_stream' : outcome.actual,
        );
      }
      wake.notify();
      notifyOthers();
      return { nextExpectedRevision: outcome.revision, position: outcome.position, replayed: false };
    },
    readStream: (stream, readOptions = {}) =>
      readStreamBatch(
        stream,
        readOptions.fromRevision ?? 0,
        readOptions.maxCount ?? 2_147_483_647,
        readOptions.raw,
      ),
    readAll: (readOptions = {}) =>
      readAllBatch(
        readOptions.after,
        readOptions.maxCount ?? 2_147_483_647,
        readOptions.filter,
        readOptions.raw,
      ),
    subscribeToStream(stream, subscribeOptions) {
      let next = (subscribeOptions.afterRevision ?? -1) + 1;
      return tailLoop<RecordedEvent>({
        signal: subscribeOptions.signal,
        wake,
        logger,
        ...idlePoll,
        isTransient: isTransientDatabaseError,
        fetch: async () => {
          const items = await readStreamBatch(stream, next, defaultBatch);
          return { items, full: items.length === defaultBatch };
        },
        advance: (event) => {
          next = event.revision + 1;
        },
      });
    },
    subscribeToAll(subscribeOptions) {
      let after = subscribeOptions.after ?? null;
      const batch = subscribeOptions.batchSize ?? defaultBatch;
      return tailLoop<RecordedEvent>({
        signal: subscribeOptions.signal,
        wake,
        logger,
        ...idlePoll,
        minReadIntervalMs: subscribeOptions.minReadIntervalMs ?? 0,
        isTransient: isTransientDatabaseError,
        fetch: async () => {
          const items = await readAllBatch(after, batch, subscribeOptions.filter);
          return { items, full: items.length === batch };
        },
        advance: (event) => {
          after = event.position;
        },
      });
    },
    async headPosition() {
      const { rows } = await db.query<{ position: string }>(
        `SELECT ${EVENT_COLUMNS} FROM es.events WHERE ${VISIBLE} ORDER BY tx_id DESC, global_position DESC LIMIT 1`,
      );
      return rows[0]?.position ?? null;
    },
    async countAfter(position, cap) {
      const { tx, gp } = parsePosition(position);
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM es.events
          WHERE (tx_id, global_position) > ($1::text::xid8, $2::bigint) AND ${VISIBLE} LIMIT $3) AS behind`,
        [tx, gp, cap],
      );
      return rows[0]?.n ?? 0;
    },
    async close() {
      if (notifyTimer) clearTimeout(notifyTimer);
      wake.notify();
      await unlisten?.();
    },
  };
}
