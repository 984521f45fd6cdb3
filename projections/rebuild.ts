import type { SqlDatabase, SqlQueryable } from '../server/db/sql-database.ts';
import type { EventStore, RecordedEvent } from '../server/eventstore/port.ts';
import { createLogger, type Logger } from '../server/logger.ts';
import {
  applyBatch,
  checkpointKey,
  ensureCheckpoint,
  migrateCheckpoints,
  projectionLockKey,
  setCheckpoint,
} from './checkpoints.ts';
import {
  LIVE_TABLES,
  type Projection,
  READ_SCHEMA,
  REBUILD_SUFFIX,
  REBUILD_TABLES,
  readTable,
} from './projection.ts';

export interface RebuildOptions {
  store: EventStore;
  db: SqlDatabase;
  projection: Projection;
  /** Events per read and per transaction (default 5,000: large batches are where rebuild speed is). */
  batchSize?: number;
  logger?: Logger;
  /** Called after each batch commits. */
  onProgress?: (progress: { events: number; position: string }) => void;
  /**
   * Test seam: awaited when the new tables are complete and before the switch, while the old tables
   * still serve reads. Production code never passes it.
   */
  beforeSwitch?: () => Promise<void>;
}

export interface RebuildResult {
  events: number;
  /** The checkpoint the live projection continues from (null for an empty log). */
  position: string | null;
  seconds: number;
}

/**
 * Rebuilds one read model from the start of the log into fresh tables (`<table>__rebuild`), then
 * switches them in with one transaction: drop the old tables, rename the new ones (and their
 * indexes), set the checkpoint. Until that commit the old tables keep serving reads, and a running
 * runner keeps updating them; its next batch then finds the checkpoint moved, rolls back and
 * resubscribes from the rebuilt position. A failure leaves the old tables untouched.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { store, db, projection } = options;
  const batchSize = options.batchSize ?? 5000;
  const logger = options.logger ?? createLogger();
  const started = performance.now();
  await migrateCheckpoints(db);
  await dropTables(db, projection, REBUILD_SUFFIX);
  await projection.migrate(db, REBUILD_TABLES, { logger });
  const buildKey = checkpointKey(projection.name, REBUILD_TABLES);
  await db.transaction((tx) => setCheckpoint(tx, buildKey, null));
  await ensureCheckpoint(db, projection.name);

  let position: string | null = null;
  let events = 0;
  // Read the next batch while the current one is written: reads are about half of a rebuild's time.
  let next = prefetch(store, position, batchSize);
  for (;;) {
    const batch = await next;
    const last = batch[batch.length - 1];
    if (!last) break;
    next = prefetch(store, last.position, batchSize);
    position = await applyBatch(db, {
      projection,
      tables: REBUILD_TABLES,
      expected: position,
      events: batch,
      relaxedDurability: true,
    });
    events += batch.length;
    options.onProgress?.({ events, position });
  }

  await options.beforeSwitch?.();
  await db.transaction(async (tx) => {
    // The live runner's batches hold this lock too: the switch waits for one in flight, and the
    // runner's next batch sees the new tables and a checkpoint that is no longer its own.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      projectionLockKey(projection.name, LIVE_TABLES),
    ]);
    await switchTables(tx, projection);
    await setCheckpoint(tx, projection.name, position);
    await tx.query(`DELETE FROM ${READ_SCHEMA}.checkpoints WHERE projection = $1`, [buildKey]);
  });
  const seconds = (performance.now() - started) / 1000;
  logger.info('projection rebuilt and switched in', {
    projection: projection.name,
    events,
    position,
    seconds,
  });
  return { events, position, seconds };
}

function prefetch(store: EventStore, after: string | null, batchSize: number): Promise<RecordedEvent[]> {
  const read = store.readAll({ after, maxCount: batchSize });
  // Observed now so a failing write (which abandons this read) leaves no unhandled rejection.
  read.catch(() => undefined);
  return read;
}

async function dropTables(db: SqlQueryable, projection: Projection, suffix: string): Promise<void> {
  for (const table of projection.tables) {
    await db.query(`DROP TABLE IF EXISTS ${readTable(table, { suffix })} CASCADE`);
  }
}

async function switchTables(tx: SqlQueryable, projection: Projection): Promise<void> {
  await dropTables(tx, projection, '');
  for (const table of projection.tables) {
    await tx.query(`ALTER TABLE ${readTable(table, REBUILD_TABLES)} RENAME TO ${table}`);
  }
  // Index names carry the table name (`<table>__rebuild_<what>`): give them the live names, so the
  // next rebuild can create its own again.
  const { rows } = await tx.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2::text[]) AND strpos(indexname, $3) > 0`,
    [READ_SCHEMA, projection.tables, REBUILD_SUFFIX],
  );
  for (const { indexname } of rows) {
    await tx.query(
      `ALTER INDEX ${READ_SCHEMA}.${indexname} RENAME TO ${indexname.replace(REBUILD_SUFFIX, '')}`,
    );
  }
}
