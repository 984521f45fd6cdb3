import type { SqlDatabase, SqlQueryable } from '../server/db/sql-database.ts';
import type { RecordedEvent } from '../server/eventstore/port.ts';
import type { Logger } from '../server/logger.ts';

/** The schema every read model lives in. */
export const READ_SCHEMA = 'read';

/** Suffix of the tables a rebuild writes before it switches them in. */
export const REBUILD_SUFFIX = '__rebuild';

/**
 * Where a projection writes: the live tables (`suffix` '') or a rebuild's fresh copies. Table names
 * are constants of the code, never user input, so they are spliced into SQL as they are.
 */
export interface TableSet {
  suffix: string;
}

export const LIVE_TABLES: TableSet = { suffix: '' };
export const REBUILD_TABLES: TableSet = { suffix: REBUILD_SUFFIX };

/** `read.<table><suffix>`: the qualified name of one of a projection's tables. */
export function readTable(table: string, tables: TableSet): string {
  return `${READ_SCHEMA}.${table}${tables.suffix}`;
}

export interface MigrationContext {
  logger: Logger;
}

/**
 * A read model: how to create its tables and how to apply a batch of events to them. `apply` runs
 * inside the runner's transaction together with the checkpoint update, so it must only use `tx`, and
 * applying batches [a, b] then [c, d] must give the same rows as applying [a, b, c, d] at once (the
 * runner and a rebuild cut the log into different batches).
 */
export interface Projection {
  /** Stable name: the checkpoint key and the argument of `npm run projections -- rebuild <name>`. */
  readonly name: string;
  /** Every table the projection owns, without schema or suffix; a rebuild replaces them together. */
  readonly tables: readonly string[];
  /** Creates the tables (and indexes) of `tables` if they do not exist. Idempotent. */
  migrate(db: SqlDatabase, tables: TableSet, context: MigrationContext): Promise<void>;
  /** Applies a batch of events, in log order, to the read model. */
  apply(tx: SqlQueryable, events: readonly RecordedEvent[], tables: TableSet): Promise<void>;
}
