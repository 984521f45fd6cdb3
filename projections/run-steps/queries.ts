import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { InvalidPageRequestError } from '../pagination.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { fromRecord, RUN_STEP_COLUMNS, type RunStepRecord } from './row-codec.ts';
import type { RunStepRow } from './step-row.ts';

export const DEFAULT_STEPS_PAGE = 100;
export const MAX_STEPS_PAGE = 1000;

const STEPS = readTable('run_steps', LIVE_TABLES);

/** A page of a run's steps in step order; cursors are opaque and name the step they follow. */
export interface RunStepPage {
  items: RunStepRow[];
  endCursor: string | null;
  hasNextPage: boolean;
  /** Counted on demand: a page does not pay for it unless the client asks. */
  totalCount: () => Promise<number>;
}

export function encodeStepCursor(step: number): string {
  return Buffer.from(`step:${step}`).toString('base64url');
}

/** @throws InvalidPageRequestError when the cursor was not made by `encodeStepCursor`. */
export function decodeStepCursor(cursor: string): number {
  const match = /^step:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidPageRequestError('The cursor is not valid');
  return Number(match[1]);
}

/**
 * The steps of `runId` after the cursor, in step order, with how many the run has. A fork's
 * inherited steps are rows of its own (copied when its start was projected), so one index scan.
 * @throws InvalidPageRequestError for `first` outside 1..1000 or a cursor not made here.
 */
export async function listRunSteps(
  db: SqlQueryable,
  runId: string,
  page: { first?: number | null; after?: string | null } = {},
): Promise<RunStepPage> {
  const first = page.first ?? DEFAULT_STEPS_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_STEPS_PAGE) {
    throw new InvalidPageRequestError(`first must be a whole number from 1 to ${MAX_STEPS_PAGE}`);
  }
  const after = page.after ? decodeStepCursor(page.after) : 0;
  const rows = await db.query<RunStepRecord>(
    `SELECT ${RUN_STEP_COLUMNS} FROM ${STEPS} WHERE run_id = $1 AND step > $2 ORDER BY step LIMIT $3`,
    [runId, after, first + 1],
  );
  const items = rows.rows.slice(0, first).map(fromRecord);
  const last = items.at(-1);
  return {
    items,
    endCursor: last ? encodeStepCursor(last.step) : null,
    hasNextPage: rows.rows.length > first,
    totalCount: () => countRunSteps(db, runId),
  };
}

/** How many steps the run has (a count over its rows: asked for only when a client wants it). */
export async function countRunSteps(db: SqlQueryable, runId: string): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${STEPS} WHERE run_id = $1`,
    [runId],
  );
  return Number(rows[0]?.n ?? 0);
}

/** One step of a run, or null. */
export async function getRunStep(db: SqlQueryable, runId: string, step: number): Promise<RunStepRow | null> {
  const { rows } = await db.query<RunStepRecord>(
    `SELECT ${RUN_STEP_COLUMNS} FROM ${STEPS} WHERE run_id = $1 AND step = $2`,
    [runId, step],
  );
  return rows[0] ? fromRecord(rows[0]) : null;
}

/** The run's row with the highest step (the one events that name no step are about), or null. */
export async function latestRunStep(db: SqlQueryable, runId: string): Promise<RunStepRow | null> {
  const { rows } = await db.query<RunStepRecord>(
    `SELECT ${RUN_STEP_COLUMNS} FROM ${STEPS} WHERE run_id = $1 ORDER BY step DESC LIMIT 1`,
    [runId],
  );
  return rows[0] ? fromRecord(rows[0]) : null;
}
