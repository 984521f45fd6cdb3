import type { ApprovalPolicy, Budget, LlmConfig } from '../../schema/events/index.ts';
import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../pagination.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import type { AgentStatus } from './mapping.ts';

/** An agent as the API shows it: its current configuration. */
export interface AgentView {
  id: string;
  name: string;
  purpose: string;
  llm: LlmConfig;
  tools: string[];
  systemPrompt: string;
  policyIds: string[];
  budget: Budget;
  /** The agent's override of its policy rules' approval settings; absent: none. */
  approval?: ApprovalPolicy;
  version: number;
  status: AgentStatus;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  /** Revision of the agent's stream the row reflects: the `expected` of an update. */
  lastRevision: number;
  lastPosition: string;
}

export interface AgentFilter {
  status?: AgentStatus;
}

interface AgentRow {
  id: string;
  name: string | null;
  purpose: string | null;
  provider: LlmConfig['provider'] | null;
  endpoint: string | null;
  model: string | null;
  temperature: number | null;
  max_tokens: number | null;
  tools: string[] | null;
  system_prompt: string | null;
  policy_ids: string[] | null;
  budget: Budget | null;
  approval: ApprovalPolicy | null;
  version: number;
  status: AgentStatus;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  last_revision: number;
  last_position: string;
}

const AGENTS = readTable('agents', LIVE_TABLES);
const COLUMNS = `id, name, purpose, provider, endpoint, model, temperature, max_tokens, tools, system_prompt,
  policy_ids, budget, approval, version, status, created_at, updated_at, archived_at, last_revision, last_position`;

// Config columns are only NULL for an agent whose AgentCreated the projection has not seen, which a
// valid log never holds; the empty values keep the view's types honest all the same.
function toView(row: AgentRow): AgentView {
  const llm: LlmConfig = { provider: row.provider ?? 'demo', model: row.model ?? '' };
  if (row.endpoint !== null) llm.endpoint = row.endpoint;
  if (row.temperature !== null) llm.temperature = row.temperature;
  if (row.max_tokens !== null) llm.maxTokens = row.max_tokens;
  return {
    id: row.id,
    name: row.name ?? '',
    purpose: row.purpose ?? '',
    llm,
    tools: row.tools ?? [],
    systemPrompt: row.system_prompt ?? '',
    policyIds: row.policy_ids ?? [],
    budget: row.budget ?? {},
    ...(row.approval !== null ? { approval: row.approval } : {}),
    version: row.version,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    lastRevision: row.last_revision,
    lastPosition: row.last_position,
  };
}

/** One agent, or null when the projection has not seen it (yet). */
export async function getAgent(db: SqlQueryable, id: string): Promise<AgentView | null> {
  const { rows } = await db.query<AgentRow>(`SELECT ${COLUMNS} FROM ${AGENTS} WHERE id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/**
 * Agents newest first, one page at a time (keyset pagination on createdAt, id).
 * @throws InvalidPageRequestError for a bad `first` or `after`.
 */
export async function listAgents(
  db: SqlQueryable,
  filter: AgentFilter = {},
  page: PageRequest = {},
): Promise<Page<AgentView>> {
  const size = pageSize(page);
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status !== undefined) where.push(`status = ${param(filter.status)}`);
  if (page.after) {
    const cursor = decodeCursor(page.after);
    where.push(`(created_at, id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)})`);
  }
  const { rows } = await db.query<AgentRow>(
    `SELECT ${COLUMNS} FROM ${AGENTS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT ${param(size + 1)}`,
    params,
  );
  return toPage(rows, size, toView, (agent) => ({ at: agent.createdAt, id: agent.id }));
}
