import type { SqlDatabase } from '../../db/sql-database.ts';

/**
 * Schema `es`. Differences from the research sketch (eventsourcing.md §6), each measured in
 * bench/event-store-append.ts and explained in docs/adr/0001-postgres-event-store.md:
 * - no `es.streams` table: a stream's revision is the newest row of the (stream_id, stream_revision)
 *   unique index, so an append writes one heap row instead of two;
 * - the primary key is the log order (tx_id, global_position) itself, so there is no extra index;
 * - idempotency is checked only when the insert fails (unique event id or wrong expected revision),
 *   keeping the hot path to one lock, one index probe and one insert, in one round trip.
 */
export const EVENT_STORE_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS es;

CREATE SEQUENCE IF NOT EXISTS es.global_position_seq AS bigint;

CREATE TABLE IF NOT EXISTS es.events (
  global_position bigint      NOT NULL DEFAULT nextval('es.global_position_seq'),
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text        NOT NULL,
  stream_revision bigint      NOT NULL,
  event_id        uuid        NOT NULL,
  event_type      text        NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT events_log_order_pk PRIMARY KEY (tx_id, global_position),
  CONSTRAINT events_stream_revision_uq UNIQUE (stream_id, stream_revision),
  CONSTRAINT events_event_id_uq UNIQUE (event_id)
);
ALTER SEQUENCE es.global_position_seq OWNED BY es.events.global_position;

-- The global readers' horizon: every transaction below it has ended, so a row with a smaller tx_id
-- can be read without ever passing over a late commit. It is the snapshot's xmin, except that running
-- transactions positively known to belong to a backend of ANOTHER database are left out: xids are
-- cluster-wide, and a CREATE DATABASE or a long transaction elsewhere must not hold this log back. A
-- backend stays in one database for life, so a stale view of pg_stat_activity only makes it stricter.
CREATE OR REPLACE FUNCTION es.read_horizon() RETURNS xid8 LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(s) AS x
      WHERE NOT EXISTS (
        SELECT 1 FROM pg_stat_get_activity(NULL) AS a
        WHERE a.backend_xid = xid(x)
          AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),
    pg_snapshot_xmax(s))
  FROM pg_current_snapshot() AS s
$fn$;

-- p_expected: NULL = any, -1 = no_stream, -2 = stream_exists, >= 0 = exact revision.
CREATE OR REPLACE FUNCTION es.append(
  p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
) RETURNS TABLE (next_revision bigint, last_tx text, last_gp bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_cur bigint;
  v_n   int := cardinality(p_ids);
BEGIN
  IF v_n IS NULL OR v_n = 0 OR cardinality(p_types) <> v_n OR cardinality(p_data) <> v_n
     OR cardinality(p_metadata) <> v_n THEN
    RAISE EXCEPTION 'es.append: ids, types, data and metadata must be non-empty arrays of one length'
      USING ERRCODE = '22023';
  END IF;
  -- Global readers order by (tx_id, global_position). The transaction must not hold an xid before it
  -- holds the stream lock, or a later appender to the same stream could sort before it (§2.10).
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es.append must be the first write of its transaction' USING ERRCODE = 'ES001';
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'es.append requires READ COMMITTED' USING ERRCODE = 'ES004';
  END IF;
  -- Advisory locks take no xid: appenders of one stream queue here, and get xids in lock order.
  PERFORM pg_advisory_xact_lock(hashtextextended('es.stream:' || p_stream, 0));
  SELECT e.stream_revision INTO v_cur FROM es.events e
   WHERE e.stream_id = p_stream ORDER BY e.stream_revision DESC LIMIT 1;
  v_cur := coalesce(v_cur, -1);
  IF p_expected IS NOT NULL AND NOT (
       (p_expected = -1 AND v_cur = -1) OR (p_expected = -2 AND v_cur >= 0) OR (p_expected >= 0 AND p_expected = v_cur)) THEN
    RAISE EXCEPTION 'wrong expected version for %: expected %, actual %', p_stream, p_expected, v_cur
      USING ERRCODE = 'ES002', DETAIL = v_cur::text;
  END IF;
  RETURN QUERY
  WITH inserted AS (
    INSERT INTO es.events (stream_id, stream_revision, event_id, event_type, data, metadata)
    SELECT p_stream, v_cur + e.ord, e.id, e.t, e.d, e.m
      FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(id, t, d, m, ord)
    RETURNING global_position
  )
  SELECT v_cur + v_n, pg_current_xact_id()::text, max(global_position) FROM inserted;
END
$fn$;

-- Group commit: several appends, from different writers, in one transaction and one round trip.
-- Append i writes events p_first[i] .. p_first[i] + p_counts[i] - 1 of the flat arrays. A wrong
-- expected revision fails only that append (status 'wrong', revision = actual); the rest commit.
CREATE OR REPLACE FUNCTION es.append_batch(
  p_streams text[], p_expected bigint[], p_counts int[],
  p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
) RETURNS TABLE (idx int, ok boolean, revision bigint, last_tx text, last_gp bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n     int := cardinality(p_streams);
  v_first int := 1;
  v_cur   bigint;
  v_exp   bigint;
  v_cnt   int;
  v_gp    bigint;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es.append_batch must be the first write of its transaction' USING ERRCODE = 'ES001';
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'es.append_batch requires READ COMMITTED' USING ERRCODE = 'ES004';
  END IF;
  -- Every stream lock before the first write (no xid yet), in one global order so that two batches
  -- sharing streams cannot deadlock.
  PERFORM pg_advisory_xact_lock(k)
     FROM (SELECT DISTINCT hashtextextended('es.stream:' || s, 0) AS k FROM unnest(p_streams) AS s ORDER BY 1) AS keys;
  FOR i IN 1 .. v_n LOOP
    v_cnt := p_counts[i];
    v_exp := p_expected[i];
    SELECT e.stream_revision INTO v_cur FROM es.events e
     WHERE e.stream_id = p_streams[i] ORDER BY e.stream_revision DESC LIMIT 1;
    v_cur := coalesce(v_cur, -1);
    IF v_exp IS NOT NULL AND NOT (
         (v_exp = -1 AND v_cur = -1) OR (v_exp = -2 AND v_cur >= 0) OR (v_exp >= 0 AND v_exp = v_cur)) THEN
      RETURN QUERY SELECT i, false, v_cur, NULL::text, NULL::bigint;
    ELSE
      INSERT INTO es.events (stream_id, stream_revision, event_id, event_type, data, metadata)
      SELECT p_streams[i], v_cur + o, p_ids[v_first + o - 1], p_types[v_first + o - 1],
             p_data[v_first + o - 1], p_metadata[v_first + o - 1]
        FROM generate_series(1, v_cnt) AS o;
      v_gp := currval('es.global_position_seq');
      RETURN QUERY SELECT i, true, v_cur + v_cnt, pg_current_xact_id()::text, v_gp;
    END IF;
    v_first := v_first + v_cnt;
  END LOOP;
END
$fn$;
`;

/** Bumped whenever EVENT_STORE_SCHEMA changes; recorded as the comment of schema `es`. */
const SCHEMA_VERSION = 'spark-ops es v4';

/**
 * Creates or updates schema `es`; safe to run from several processes at once. A schema already at
 * this version is left alone: re-running the DDL on every start would take locks (ALTER SEQUENCE
 * waits for every transaction using the sequence) while other processes append.
 */
export async function migrateEventStore(db: SqlDatabase): Promise<void> {
  const current = await db.query<{ version: string | null }>(
    `SELECT obj_description(oid, 'pg_namespace') AS version FROM pg_namespace WHERE nspname = 'es'`,
  );
  if (current.rows[0]?.version === SCHEMA_VERSION) return;
  await db.transaction(async (tx) => {
    // Serialise concurrent migrations (two server processes starting together).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('es.migrate', 0))`);
    for (const statement of splitStatements(EVENT_STORE_SCHEMA)) await tx.query(statement);
    await tx.query(`COMMENT ON SCHEMA es IS '${SCHEMA_VERSION}'`);
  });
}

/** Splits the schema script on top-level semicolons, keeping $fn$ bodies whole. */
function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of script.split('\n')) {
    if (line.trim().startsWith('--') && !inBody) continue;
    current += `${line}\n`;
    if ((line.match(/\$fn\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && line.trimEnd().endsWith(';')) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
