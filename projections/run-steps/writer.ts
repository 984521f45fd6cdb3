import type { SqlQueryable } from '../../server/db/sql-database.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import { readTable, type TableSet } from '../projection.ts';
import { mapRunStepEvents } from './mapping.ts';
import { fromRecord, RUN_STEP_COLUMNS, type RunStepRecord, toRecordJson } from './row-codec.ts';
import type { RunStepRow } from './step-row.ts';

const UPDATED = RUN_STEP_COLUMNS.split(',')
  .map((column) => column.trim())
  .filter((column) => column !== 'run_id' && column !== 'step')
  .map((column) => `${column} = EXCLUDED.${column}`)
  .join(', ');

/** `[v]` → v for the JSON columns (see `toRecordJson`). */
const unwrap = (column: string) => `(u.${column} -> 0)`;

function upsertSql(tables: TableSet): string {
  return `
INSERT INTO ${readTable('run_steps', tables)} (${RUN_STEP_COLUMNS})
SELECT u.run_id, u.step, u.status, u.kind, u.thought, u.tool, ${unwrap('params')}, ${unwrap('proposed_params')},
       u.params_summary, ${unwrap('output')}, u.risk, u.decision, u.outcome, ${unwrap('result')}, u.edited_by,
       u.input_tokens, u.output_tokens, u.cached_tokens, u.reasoning_tokens, u.cost_nanos, u.latency_ms,
       u.started_at, u.finished_at, u.duration_ms, u.reasoning_revision, u.first_revision, u.last_revision
  FROM jsonb_to_recordset($1::jsonb) AS u(
    run_id text, step integer, status text, kind text, thought text, tool text, params jsonb,
    proposed_params jsonb, params_summary text, output jsonb, risk text, decision text, outcome text,
    result jsonb, edited_by text, input_tokens bigint, output_tokens bigint, cached_tokens bigint,
    reasoning_tokens bigint, cost_nanos bigint, latency_ms integer, started_at timestamptz,
    finished_at timestamptz, duration_ms bigint, reasoning_revision integer, first_revision integer,
    last_revision integer)
ON CONFLICT (run_id, step) DO UPDATE SET ${UPDATED}`;
}

/**
 * Run ids of the batch's run events, the (run, step) pairs its events name, and the sources of the
 * forks it starts.
 */
function runsOf(events: readonly RecordedEvent[]): {
  runs: string[];
  named: { runIds: string[]; steps: number[] };
  sources: string[];
} {
  const runs = new Set<string>();
  const named = new Map<string, { runId: string; step: number }>();
  const sources = new Set<string>();
  for (const event of events) {
    if (!event.stream.startsWith('run-')) continue;
    const runId = event.stream.slice('run-'.length);
    runs.add(runId);
    const step = event.data.step;
    if (typeof step === 'number' && Number.isInteger(step)) named.set(`${runId}/${step}`, { runId, step });
    const forkedFrom = event.type === 'RunStarted' ? event.data.forkedFrom : undefined;
    if (forkedFrom && typeof forkedFrom === 'object' && 'runId' in forkedFrom)
      sources.add(String(forkedFrom.runId));
  }
  const pairs = [...named.values()];
  return {
    runs: [...runs],
    named: { runIds: pairs.map((pair) => pair.runId), steps: pairs.map((pair) => pair.step) },
    sources: [...sources],
  };
}

/**
 * What the fold needs from earlier batches: each run's latest step row (events that name no step
 * belong to it), the rows of the steps the batch's events name (an event may name an earlier step:
 * folding it onto a fresh row would overwrite what is there, and a rebuild would differ), and every
 * row of a fork's source (the fork copies them). Three statements at most.
 */
async function knownRows(
  tx: SqlQueryable,
  events: readonly RecordedEvent[],
  tables: TableSet,
): Promise<RunStepRow[]> {
  const table = readTable('run_steps', tables);
  const { runs, named, sources } = runsOf(events);
  if (runs.length === 0) return [];
  const latest = await tx.query<RunStepRecord>(
    `SELECT DISTINCT ON (run_id) ${RUN_STEP_COLUMNS} FROM ${table}
      WHERE run_id = ANY($1::text[]) ORDER BY run_id, step DESC`,
    [runs],
  );
  const rows = latest.rows.map(fromRecord);
  if (named.steps.length > 0) {
    const earlier = await tx.query<RunStepRecord>(
      `SELECT ${RUN_STEP_COLUMNS} FROM ${table}
        WHERE (run_id, step) IN (SELECT * FROM unnest($1::text[], $2::integer[]))`,
      [named.runIds, named.steps],
    );
    rows.push(...earlier.rows.map(fromRecord));
  }
  if (sources.length > 0) {
    const all = await tx.query<RunStepRecord>(
      `SELECT ${RUN_STEP_COLUMNS} FROM ${table} WHERE run_id = ANY($1::text[])`,
      [sources],
    );
    rows.push(...all.rows.map(fromRecord));
  }
  return rows;
}

/**
 * Applies a batch: reads the rows the fold continues from, folds the batch (the same pure fold the
 * live step stream uses) and writes every changed row with one set-based statement. Rows are
 * written whole, so any cut of the log into batches gives the same table.
 */
export async function writeRunStepEvents(
  tx: SqlQueryable,
  events: readonly RecordedEvent[],
  tables: TableSet,
): Promise<void> {
  const changed = mapRunStepEvents(await knownRows(tx, events, tables), events);
  if (changed.length === 0) return;
  await tx.query(upsertSql(tables), [JSON.stringify(changed.map(toRecordJson))]);
}
