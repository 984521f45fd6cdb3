import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import { MAX_INDEXED_CHARS, type RunSearchChange } from './mapping.ts';

/**
 * One statement for the whole batch, merged by the rules on `RunSearchChange`. The new text is cut
 * to the room the existing row has left (read in the same transaction: the runner is the only
 * writer), so that a run's document is the same however the log was batched. `WHERE
 * r.last_revision < …` makes a batch that was already applied a no-op.
 */
function upsertSql(tables: TableSet): string {
  const table = readTable('run_search', tables);
  return `
INSERT INTO ${table} AS r (run_id, indexed_text, indexed_chars, tools, risk_rank, last_revision)
SELECT u.run_id,
       left(u.text, greatest(0, ${MAX_INDEXED_CHARS} - coalesce(old.indexed_chars, 0))), u.text_chars, tools.list, u.risk_rank, u.last_revision
  FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::int[])
    AS u(run_id, text, text_chars, tools_json, risk_rank, last_revision)
  LEFT JOIN ${table} AS old ON old.run_id = u.run_id
  CROSS JOIN LATERAL (SELECT coalesce(array_agg(t ORDER BY t), '{}') AS list
                        FROM jsonb_array_elements_text(u.tools_json::jsonb) AS t) AS tools
ON CONFLICT (run_id) DO UPDATE SET
  indexed_text  = r.indexed_text || EXCLUDED.indexed_text,
  indexed_chars = least(${MAX_INDEXED_CHARS}, r.indexed_chars + EXCLUDED.indexed_chars),
  tools         = ARRAY(SELECT DISTINCT t FROM unnest(r.tools || EXCLUDED.tools) AS t ORDER BY t),
  risk_rank     = greatest(r.risk_rank, EXCLUDED.risk_rank),
  last_revision = EXCLUDED.last_revision
WHERE r.last_revision < EXCLUDED.last_revision`;
}

/** Each changed run's positionless document, copied from the row the upsert just wrote. */
function termsSql(tables: TableSet): string {
  const table = readTable('run_search', tables);
  const terms = readTable('run_search_terms', tables);
  return `
INSERT INTO ${terms} AS t (run_id, terms)
SELECT s.run_id, strip(s.document) FROM ${table} AS s WHERE s.run_id = ANY($1::text[])
ON CONFLICT (run_id) DO UPDATE SET terms = EXCLUDED.terms`;
}

/** Writes a batch's search changes with two set-based statements (documents, then their terms). */
export async function writeRunSearchChanges(
  tx: SqlQueryable,
  changes: readonly RunSearchChange[],
  tables: TableSet,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(upsertSql(tables), [
    changes.map((c) => c.runId),
    changes.map((c) => c.text),
    changes.map((c) => c.textChars),
    changes.map((c) => JSON.stringify(c.tools)),
    changes.map((c) => c.riskRank),
    changes.map((c) => c.lastRevision),
  ]);
  await tx.query(termsSql(tables), [[...new Set(changes.map((c) => c.runId))]]);
}
