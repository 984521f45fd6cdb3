import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { RunRowChange } from './mapping.ts';
import { TERMINAL_RUN_STATUSES } from './run-status.ts';

const TERMINAL = TERMINAL_RUN_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * One statement for the whole batch: the changes travel as one array per column and are merged
 * into the rows by the rules documented on `RunRowChange`. `WHERE r.last_revision < …` makes a batch
 * that was already applied a no-op (defence in depth: the checkpoint already guarantees it).
 */
function upsertSql(tables: TableSet): string {
  return `
INSERT INTO ${readTable('runs', tables)} AS r (
  id, agent_id, agent_version, goal, forked_from, forked_at_revision, started_at, status, status_revision,
  steps, input_tokens, output_tokens, cost_usd, output, error, error_code, finished_at,
  updated_at, last_revision, last_position)
SELECT u.id, u.agent_id, u.agent_version, u.goal, u.forked_from, u.forked_at_revision, u.started_at,
       u.status, u.status_revision, u.steps, u.input_tokens, u.output_tokens,
       u.cost_nanos::numeric / 1000000000, u.output::jsonb, u.error, u.error_code, u.finished_at,
       u.updated_at, u.last_revision, u.last_position
  FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::timestamptz[],
              $8::text[], $9::int[], $10::int[], $11::bigint[], $12::bigint[], $13::bigint[], $14::text[],
              $15::text[], $16::text[], $17::timestamptz[], $18::timestamptz[], $19::int[], $20::text[])
    AS u(id, agent_id, agent_version, goal, forked_from, forked_at_revision, started_at, status, status_revision,
         steps, input_tokens, output_tokens, cost_nanos, output, error, error_code, finished_at,
         updated_at, last_revision, last_position)
ON CONFLICT (id) DO UPDATE SET
  agent_id           = coalesce(r.agent_id, EXCLUDED.agent_id),
  agent_version      = coalesce(r.agent_version, EXCLUDED.agent_version),
  goal               = coalesce(r.goal, EXCLUDED.goal),
  forked_from        = coalesce(r.forked_from, EXCLUDED.forked_from),
  forked_at_revision = coalesce(r.forked_at_revision, EXCLUDED.forked_at_revision),
  started_at         = coalesce(r.started_at, EXCLUDED.started_at),
  status             = CASE WHEN r.status IN (${TERMINAL}) OR EXCLUDED.status_revision < r.status_revision
                            THEN r.status ELSE EXCLUDED.status END,
  status_revision    = CASE WHEN r.status IN (${TERMINAL}) THEN r.status_revision
                            ELSE greatest(r.status_revision, EXCLUDED.status_revision) END,
  output             = CASE WHEN r.status IN (${TERMINAL}) THEN r.output ELSE EXCLUDED.output END,
  error              = CASE WHEN r.status IN (${TERMINAL}) THEN r.error ELSE EXCLUDED.error END,
  error_code         = CASE WHEN r.status IN (${TERMINAL}) THEN r.error_code ELSE EXCLUDED.error_code END,
  finished_at        = CASE WHEN r.status IN (${TERMINAL}) THEN r.finished_at ELSE EXCLUDED.finished_at END,
  steps              = greatest(r.steps, EXCLUDED.steps),
  input_tokens       = r.input_tokens + EXCLUDED.input_tokens,
  output_tokens      = r.output_tokens + EXCLUDED.output_tokens,
  cost_usd           = r.cost_usd + EXCLUDED.cost_usd,
  updated_at         = EXCLUDED.updated_at,
  last_revision      = EXCLUDED.last_revision,
  last_position      = EXCLUDED.last_position
WHERE r.last_revision < EXCLUDED.last_revision`;
}

/** Writes a batch's run changes with one set-based statement. */
export async function writeRunChanges(
  tx: SqlQueryable,
  changes: readonly RunRowChange[],
  tables: TableSet,
): Promise<void> {
  if (changes.length === 0) return;
  const column = <T>(pick: (change: RunRowChange) => T): T[] => changes.map(pick);
  await tx.query(upsertSql(tables), [
    column((c) => c.id),
    column((c) => c.agentId),
    column((c) => c.agentVersion),
    column((c) => c.goal),
    column((c) => c.forkedFrom),
    column((c) => c.forkedAtRevision),
    column((c) => c.startedAt),
    column((c) => c.status),
    column((c) => c.statusRevision),
    column((c) => c.steps),
    column((c) => c.inputTokens),
    column((c) => c.outputTokens),
    column((c) => c.costNanoUsd),
    column((c) => c.output),
    column((c) => c.error),
    column((c) => c.errorCode),
    column((c) => c.finishedAt),
    column((c) => c.updatedAt),
    column((c) => c.lastRevision),
    column((c) => c.lastPosition),
  ]);
}
