// The delivery log (schema `notify`): one row per (channel, source event), written by the planner in
// the same transaction as its checkpoint, then claimed, attempted and settled by the dispatcher.
import type { SqlDatabase, SqlQueryable } from '../db/sql-database.ts';
import type { DeliveryTarget } from './senders/deliver.ts';

export const DeliveryStatus = {
  Pending: 'PENDING',
  Sending: 'SENDING',
  Delivered: 'DELIVERED',
  Failed: 'FAILED',
  Cancelled: 'CANCELLED',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** One delivery as the API shows it (its target, which holds the sealed secret, stays inside). */
export interface DeliveryView {
  id: string;
  channelId: string;
  /** NotificationEvent, or `TEST` for testNotificationChannel. */
  event: string;
  sourceEventId: string;
  runId: string | null;
  approvalId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  responseCode: number | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/** A delivery the dispatcher claimed: what to send and where. */
export interface ClaimedDelivery {
  id: string;
  event: string;
  body: string;
  target: DeliveryTarget;
  attempts: number;
  maxAttempts: number;
}

/** A delivery the planner decided on. */
export interface PlannedDelivery {
  id: string;
  channelId: string;
  sourceEventId: string;
  event: string;
  runId: string | null;
  approvalId: string | null;
  body: string;
  target: DeliveryTarget;
}

const MIGRATION = `
CREATE SCHEMA IF NOT EXISTS notify;
CREATE TABLE IF NOT EXISTS notify.checkpoints (
  consumer   text PRIMARY KEY,
  position   text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS notify.deliveries (
  id              text PRIMARY KEY,
  channel_id      text NOT NULL,
  source_event_id text NOT NULL,
  event           text NOT NULL,
  run_id          text,
  approval_id     text,
  body            text NOT NULL,
  target          jsonb NOT NULL,
  status          text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL,
  next_attempt_at timestamptz,
  lease_until     timestamptz,
  last_error      text,
  response_code   integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  delivered_at    timestamptz,
  UNIQUE (channel_id, source_event_id)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON notify.deliveries (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX IF NOT EXISTS deliveries_by_channel ON notify.deliveries (channel_id, created_at DESC)`;

/** Creates schema `notify`; serialised so processes starting together do not race. */
export async function migrateDeliveries(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('notify.migrate', 0))`);
    for (const statement of MIGRATION.split(';')) if (statement.trim()) await tx.query(statement);
  });
}

interface DeliveryRow {
  id: string;
  channel_id: string;
  source_event_id: string;
  event: string;
  run_id: string | null;
  approval_id: string | null;
  body: string;
  target: DeliveryTarget;
  status: DeliveryStatus;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  response_code: number | null;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
}

const toView = (row: DeliveryRow): DeliveryView => ({
  id: row.id,
  channelId: row.channel_id,
  event: row.event,
  sourceEventId: row.source_event_id,
  runId: row.run_id,
  approvalId: row.approval_id,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  responseCode: row.response_code,
  createdAt: row.created_at,
  lastAttemptAt: row.last_attempt_at,
  nextAttemptAt: row.status === 'PENDING' ? row.next_attempt_at : null,
  deliveredAt: row.delivered_at,
});

/** The planner's checkpoint (null: from the start of the log). */
export async function readPlannerCheckpoint(db: SqlQueryable, consumer: string): Promise<string | null> {
  await db.query(
    'INSERT INTO notify.checkpoints (consumer, position) VALUES ($1, NULL) ON CONFLICT (consumer) DO NOTHING',
    [consumer],
  );
  const { rows } = await db.query<{ position: string | null }>(
    'SELECT position FROM notify.checkpoints WHERE consumer = $1',
    [consumer],
  );
  return rows[0]?.position ?? null;
}

export class PlannerCheckpointMovedError extends Error {
  readonly code = 'CHECKPOINT_MOVED';
}

/**
 * In ONE transaction: inserts the planned deliveries (a (channel, source event) pair already
 * planned is left as it is), cancels the pending deliveries of channels disabled or deleted in the
 * batch, and moves the checkpoint from `expected` to `position`.
 * @throws PlannerCheckpointMovedError (rolled back) when another planner moved the checkpoint.
 */
export async function commitPlan(
  db: SqlDatabase,
  plan: {
    consumer: string;
    expected: string | null;
    position: string;
    deliveries: readonly PlannedDelivery[];
    cancelChannels: readonly string[];
    maxAttempts: number;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`notify.plan:${plan.consumer}`]);
    if (plan.deliveries.length > 0) {
      await tx.query(
        `INSERT INTO notify.deliveries
           (id, channel_id, source_event_id, event, run_id, approval_id, body, target, status, max_attempts, next_attempt_at)
         SELECT d.id, d.channel_id, d.source_event_id, d.event, d.run_id, d.approval_id, d.body, d.target, 'PENDING', $2, now()
           FROM jsonb_to_recordset($1::jsonb) AS d(id text, channel_id text, source_event_id text, event text,
                run_id text, approval_id text, body text, target jsonb)
         ON CONFLICT (channel_id, source_event_id) DO NOTHING`,
        [
          JSON.stringify(
            plan.deliveries.map((d) => ({
              id: d.id,
              channel_id: d.channelId,
              source_event_id: d.sourceEventId,
              event: d.event,
              run_id: d.runId,
              approval_id: d.approvalId,
              body: d.body,
              target: d.target,
            })),
          ),
          plan.maxAttempts,
        ],
      );
    }
    if (plan.cancelChannels.length > 0) {
      await tx.query(
        `UPDATE notify.deliveries SET status = 'CANCELLED', next_attempt_at = NULL,
                last_error = coalesce(last_error, 'the channel was disabled or deleted')
          WHERE channel_id = ANY($1::text[]) AND status = 'PENDING'`,
        [[...plan.cancelChannels]],
      );
    }
    const moved = await tx.query(
      `UPDATE notify.checkpoints SET position = $2, updated_at = now()
        WHERE consumer = $1 AND position IS NOT DISTINCT FROM $3`,
      [plan.consumer, plan.position, plan.expected],
    );
    if (moved.rowCount !== 1)
      throw new PlannerCheckpointMovedError(`The ${plan.consumer} checkpoint moved under this planner`);
  });
}

/**
 * Claims up to `limit` due deliveries for `leaseMs`: pending ones whose time came, and ones left
 * SENDING by a process that stopped mid-attempt (lease expired). Counts the attempt before it is
 * made, so a crash mid-send is still an attempt in the log.
 */
export async function claimDue(db: SqlDatabase, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  // Out of attempts while SENDING: the process stopped during the last one.
  await db.query(
    `UPDATE notify.deliveries SET status = 'FAILED', lease_until = NULL, next_attempt_at = NULL,
            last_error = coalesce(last_error || '; ', '') || 'the platform stopped during the last attempt'
      WHERE status = 'SENDING' AND lease_until < now() AND attempts >= max_attempts`,
  );
  const { rows } = await db.query<DeliveryRow>(
    `UPDATE notify.deliveries SET status = 'SENDING', attempts = attempts + 1, last_attempt_at = now(),
            lease_until = now() + make_interval(secs => $2::double precision / 1000)
      WHERE id IN (
        SELECT id FROM notify.deliveries
         WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
           AND (lease_until IS NULL OR lease_until < now()) AND attempts < max_attempts
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [limit, leaseMs],
  );
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    body: row.body,
    target: row.target,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/**
 * Milliseconds until the next delivery falls due (a retry's time, or a stopped process's lease
 * running out); null when nothing is waiting. Lets the dispatcher sleep exactly that long.
 */
export async function msUntilNextDue(db: SqlQueryable): Promise<number | null> {
  const { rows } = await db.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM min(coalesce(greatest(next_attempt_at, lease_until), next_attempt_at)) - now()) * 1000)::float8 AS ms
       FROM notify.deliveries WHERE status IN ('PENDING', 'SENDING') AND attempts < max_attempts`,
  );
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? null : Math.max(0, Math.ceil(ms));
}

/** Records a successful attempt (only if this claim still holds it). */
export async function markDelivered(
  db: SqlQueryable,
  id: string,
  responseCode: number | null,
): Promise<void> {
  await db.query(
    `UPDATE notify.deliveries SET status = 'DELIVERED', delivered_at = now(), response_code = $2,
            lease_until = NULL, next_attempt_at = NULL, last_error = NULL
      WHERE id = $1 AND status = 'SENDING'`,
    [id, responseCode],
  );
}

/** Records a failed attempt: retried after `retryInMs`, or FAILED for good when it is null. */
export async function markFailed(
  db: SqlQueryable,
  id: string,
  outcome: { error: string; responseCode: number | null; retryInMs: number | null },
): Promise<void> {
  await db.query(
    `UPDATE notify.deliveries
        SET status = CASE WHEN $4::double precision IS NULL THEN 'FAILED' ELSE 'PENDING' END,
            next_attempt_at = CASE WHEN $4::double precision IS NULL THEN NULL
                                   ELSE now() + make_interval(secs => $4::double precision / 1000) END,
            last_error = $2, response_code = $3, lease_until = NULL
      WHERE id = $1 AND status = 'SENDING'`,
    [id, outcome.error.slice(0, 2000), outcome.responseCode, outcome.retryInMs],
  );
}

/** Records a one-off delivery (a channel test) with its outcome. */
export async function recordTestDelivery(
  db: SqlQueryable,
  row: {
    id: string;
    channelId: string;
    body: string;
    target: DeliveryTarget;
    ok: boolean;
    error: string | null;
    responseCode: number | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO notify.deliveries
       (id, channel_id, source_event_id, event, body, target, status, attempts, max_attempts,
        last_error, response_code, last_attempt_at, delivered_at)
     VALUES ($1, $2, $3, 'TEST', $4, $5, $6, 1, 1, $7, $8, now(), CASE WHEN $6 = 'DELIVERED' THEN now() END)`,
    [
      row.id,
      row.channelId,
      `test:${row.id}`,
      row.body,
      JSON.stringify(row.target),
      row.ok ? 'DELIVERED' : 'FAILED',
      row.error?.slice(0, 2000) ?? null,
      row.responseCode,
    ],
  );
}

/** A channel's deliveries, newest first. */
export async function listDeliveries(
  db: SqlQueryable,
  channelId: string,
  options: { limit: number; status?: DeliveryStatus | undefined },
): Promise<DeliveryView[]> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT * FROM notify.deliveries WHERE channel_id = $1 AND ($3::text IS NULL OR status = $3)
      ORDER BY created_at DESC, id DESC LIMIT $2`,
    [channelId, options.limit, options.status ?? null],
  );
  return rows.map(toView);
}

/** One delivery by its id, or null. */
export async function findDelivery(db: SqlQueryable, id: string): Promise<DeliveryView | null> {
  const { rows } = await db.query<DeliveryRow>('SELECT * FROM notify.deliveries WHERE id = $1', [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/** The newest delivery of each of `channelIds`. */
export async function lastDeliveries(
  db: SqlQueryable,
  channelIds: readonly string[],
): Promise<Map<string, DeliveryView>> {
  if (channelIds.length === 0) return new Map();
  const { rows } = await db.query<DeliveryRow>(
    `SELECT DISTINCT ON (channel_id) * FROM notify.deliveries WHERE channel_id = ANY($1::text[])
      ORDER BY channel_id, created_at DESC, id DESC`,
    [[...channelIds]],
  );
  return new Map(rows.map((row) => [row.channel_id, toView(row)]));
}
