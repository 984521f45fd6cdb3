import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import { type AgentRowChange, AgentStatus } from './mapping.ts';

/**
 * One statement for the whole batch. The changes travel as one JSON array (agents carry arrays and
 * objects, which `unnest` would flatten) and are merged by the rules documented on `AgentRowChange`.
 * `WHERE r.last_revision < …` makes a batch that was already applied a no-op.
 */
function upsertSql(tables: TableSet): string {
  return `
INSERT INTO ${readTable('agents', tables)} AS r (
  id, name, purpose, provider, endpoint, model, temperature, max_tokens, tools, system_prompt, policy_ids,
  budget, approval, version, status, created_at, archived_at, updated_at, last_revision, last_position)
SELECT u.id, u.name, u.purpose, u.provider, u.endpoint, u.model, u.temperature, u.max_tokens, u.tools,
       u.system_prompt, u.policy_ids, u.budget, u.approval, coalesce(u.version, 1), coalesce(u.status, '${AgentStatus.Active}'), u.created_at,
       u.archived_at, u.updated_at, u.last_revision, u.last_position
  FROM jsonb_to_recordset($1::jsonb) AS u(
    id text, name text, purpose text, provider text, endpoint text, model text,
    temperature double precision, max_tokens integer, tools text[], system_prompt text, policy_ids text[],
    budget jsonb, approval jsonb, version integer,
    status text, created_at timestamptz, archived_at timestamptz, updated_at timestamptz,
    last_revision integer, last_position text)
ON CONFLICT (id) DO UPDATE SET
  name          = coalesce(EXCLUDED.name, r.name),
  purpose       = coalesce(EXCLUDED.purpose, r.purpose),
  provider      = coalesce(EXCLUDED.provider, r.provider),
  endpoint      = CASE WHEN EXCLUDED.provider IS NULL THEN r.endpoint ELSE EXCLUDED.endpoint END,
  model         = coalesce(EXCLUDED.model, r.model),
  temperature   = CASE WHEN EXCLUDED.provider IS NULL THEN r.temperature ELSE EXCLUDED.temperature END,
  max_tokens    = CASE WHEN EXCLUDED.provider IS NULL THEN r.max_tokens ELSE EXCLUDED.max_tokens END,
  tools         = coalesce(EXCLUDED.tools, r.tools),
  system_prompt = coalesce(EXCLUDED.system_prompt, r.system_prompt),
  policy_ids    = coalesce(EXCLUDED.policy_ids, r.policy_ids),
  budget        = coalesce(EXCLUDED.budget, r.budget),
  approval      = coalesce(EXCLUDED.approval, r.approval),
  version       = greatest(r.version, EXCLUDED.version),
  status        = CASE WHEN '${AgentStatus.Archived}' IN (r.status, EXCLUDED.status)
                       THEN '${AgentStatus.Archived}' ELSE r.status END,
  created_at    = r.created_at,
  archived_at   = coalesce(r.archived_at, EXCLUDED.archived_at),
  updated_at    = EXCLUDED.updated_at,
  last_revision = EXCLUDED.last_revision,
  last_position = EXCLUDED.last_position
WHERE r.last_revision < EXCLUDED.last_revision`;
}

/** Writes a batch's agent changes with one set-based statement. */
export async function writeAgentChanges(
  tx: SqlQueryable,
  changes: readonly AgentRowChange[],
  tables: TableSet,
): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((change) => ({
    id: change.id,
    name: change.name,
    purpose: change.purpose,
    provider: change.llm?.provider ?? null,
    endpoint: change.llm?.endpoint ?? null,
    model: change.llm?.model ?? null,
    temperature: change.llm?.temperature ?? null,
    max_tokens: change.llm?.maxTokens ?? null,
    tools: change.tools,
    system_prompt: change.systemPrompt,
    policy_ids: change.policyIds,
    budget: change.budget,
    approval: change.approval,
    version: change.version,
    status: change.status,
    created_at: change.createdAt.toISOString(),
    archived_at: change.archivedAt?.toISOString() ?? null,
    updated_at: change.updatedAt.toISOString(),
    last_revision: change.lastRevision,
    last_position: change.lastPosition,
  }));
  await tx.query(upsertSql(tables), [JSON.stringify(rows)]);
}
