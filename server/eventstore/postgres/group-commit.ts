import { createBatchQueue, type Queued } from '../../db/batch-queue.ts';
import type { SqlDatabase, SqlQueryable } from '../../db/sql-database.ts';
import type { PreparedEvent } from '../prepare.ts';
import { isTransientDatabaseError, sqlState } from './errors.ts';
import { formatPosition } from './rows.ts';

/** What one append came to: written, or refused because the stream was at another revision. */
export type AppendOutcome = { ok: true; revision: number; position: string } | { ok: false; actual: number };

export interface AppendRequest {
  stream: string;
  /** null = any, -1 = no_stream, -2 = stream_exists, >= 0 = exact. */
  expected: number | null;
  events: PreparedEvent[];
}

const APPEND_ONE = `SELECT next_revision::text AS revision, last_tx, last_gp::text AS last_gp
  FROM es.append($1, $2::bigint, $3::text[]::uuid[], $4::text[], $5::text[]::jsonb[], $6::text[]::jsonb[])`;
const APPEND_BATCH = `SELECT idx, ok, revision::text AS revision, last_tx, last_gp::text AS last_gp
  FROM es.append_batch($1::text[], $2::bigint[], $3::int[], $4::text[]::uuid[], $5::text[], $6::text[]::jsonb[], $7::text[]::jsonb[])
  ORDER BY idx`;

const PREPARED = { prepared: true } as const;

type Row = { revision: string; last_tx: string | null; last_gp: string | null; ok?: boolean };

const toOutcome = (row: Row): AppendOutcome =>
  row.ok === false
    ? { ok: false, actual: Number(row.revision) }
    : {
        ok: true,
        revision: Number(row.revision),
        position: formatPosition(row.last_tx ?? '0', row.last_gp ?? '0'),
      };

/** Appends one request in its own transaction (one round trip). */
export async function appendOne(db: SqlQueryable, request: AppendRequest): Promise<AppendOutcome> {
  const { events } = request;
  try {
    const { rows } = await db.query<Row>(
      APPEND_ONE,
      [
        request.stream,
        request.expected,
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.dataJson),
        events.map((e) => e.metadataJson),
      ],
      PREPARED,
    );
    return toOutcome(rows[0] as Row);
  } catch (error) {
    if (sqlState(error) !== 'ES002') throw error;
    return { ok: false, actual: Number((error as { detail?: string }).detail) };
  }
}

async function appendBatch(db: SqlDatabase, requests: AppendRequest[]): Promise<AppendOutcome[]> {
  const events = requests.flatMap((r) => r.events);
  const { rows } = await db.query<Row>(
    APPEND_BATCH,
    [
      requests.map((r) => r.stream),
      requests.map((r) => r.expected),
      requests.map((r) => r.events.length),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.dataJson),
      events.map((e) => e.metadataJson),
    ],
    PREPARED,
  );
  return rows.map(toOutcome);
}

/**
 * Group commit. Appends that arrive while `maxInFlight` transactions are busy wait in a queue and
 * are then written together: one transaction, one commit, one round trip. A single writer never
 * waits (its batch is itself). If a batch fails for one append's sake (a reused event id), every
 * append of it is retried alone so that each gets its own answer.
 */
export function createGroupCommitter(options: { db: SqlDatabase; maxInFlight: number; maxBatch: number }) {
  const { db, maxInFlight, maxBatch } = options;
  type Pending = Queued<AppendRequest, AppendOutcome>;

  const settleAlone = (pending: Pending) =>
    appendOne(db, pending.request).then(pending.resolve, pending.reject);

  const queue = createBatchQueue<AppendRequest, AppendOutcome>({
    maxInFlight,
    maxBatch,
    async flush(batch) {
      if (batch.length === 1) return settleAlone(batch[0] as Pending);
      try {
        const outcomes = await appendBatch(
          db,
          batch.map((p) => p.request),
        );
        for (const [i, pending] of batch.entries()) pending.resolve(outcomes[i] as AppendOutcome);
      } catch (error) {
        if (isTransientDatabaseError(error)) throw error;
        await Promise.all(batch.map(settleAlone));
      }
    },
  });

  return { append: queue.submit };
}
