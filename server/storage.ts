import { mkdirSync } from 'node:fs';
import { eventCatalogue } from '../schema/events/index.ts';
import { createChainedEventStore } from './audit-chain/chained-event-store.ts';
import type { Config } from './config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createPgDatabase } from './db/pg-database.ts';
import { createPgliteDatabase } from './db/pglite-database.ts';
import type { SqlDatabase } from './db/sql-database.ts';
import { createKurrentDbEventStore } from './eventstore/kurrentdb/kurrentdb-event-store.ts';
import type { EventStore } from './eventstore/port.ts';
import { createPostgresEventStore } from './eventstore/postgres/postgres-event-store.ts';
import type { Logger } from './logger.ts';

/** The platform's storage: the event store and the database holding the read models. */
export interface Storage {
  db: SqlDatabase;
  store: EventStore;
  mode: string;
  close(): Promise<void>;
}

/**
 * Builds the storage the configuration asks for: read models on PGlite (DATA_DIR) or the
 * PostgreSQL server (DATABASE_URL); events in that same database or in KurrentDB. DATA_DIR is locked
 * for this process before PGlite opens it (docs/adr/0003-data-dir-lock.md), and released on close.
 * @throws DataDirLockedError when another live process holds DATA_DIR.
 */
export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  let db: SqlDatabase;
  let unlock = () => {};
  if (config.databaseUrl) {
    db = createPgDatabase({
      connectionString: config.databaseUrl,
      max: 10,
      onBackgroundError: (error) => logger.warn('idle database connection lost', { error }),
    });
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    const lock = lockDataDir(config.dataDir);
    unlock = () => lock.release();
    try {
      db = await createPgliteDatabase({ dataDir: config.dataDir });
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const backend =
    config.eventStore === 'kurrentdb'
      ? createKurrentDbEventStore({
          connectionString: config.kurrentDbUrl as string,
          catalogue: eventCatalogue,
        })
      : await createPostgresEventStore({
          db,
          catalogue: eventCatalogue,
          logger: logger.child({ component: 'eventstore' }),
        });
  // Every append gets its chained hash here, whichever backend stores it (server/audit-chain).
  const store = createChainedEventStore(backend, { catalogue: eventCatalogue });
  const mode = `${store.name}, read models on ${config.databaseUrl ? 'PostgreSQL server' : `PGlite (${config.dataDir})`}`;
  return {
    db,
    store,
    mode,
    async close() {
      await store.close();
      await db.close();
      unlock();
    },
  };
}
