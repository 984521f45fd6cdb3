// The policy editor's form view: each rule as one row of text fields (tool, matcher, risk, deadline,
// on-expiry, escalation) and back. A row keeps the rule it came from, so whatever the form does not
// show (a key a later server knows, say) survives a trip through it: switching views loses nothing.
import { isJsonObject, parseJsonObject, prettyJson } from '../../lib/json';

export const RISKS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const ON_EXPIRY = ['reject', 'approve', 'escalate'] as const;
/** The server's limit (`MAX_APPROVAL_TIMEOUT_MS`): an approval waits 30 days at most. */
const MAX_DEADLINE_MS = 30 * 24 * 60 * 60 * 1000;

export interface RuleRow {
  /** The rule as it was read; the fields below replace their parts of it. */
  source: Record<string, unknown>;
  id: string;
  description: string;
  /** "send_email", or "a, b" for a list of tools; empty: every tool. */
  tool: string;
  /** `match` apart from its tool, as JSON (params, agentIds, totals); empty: nothing more. */
  matcher: string;
  risk: string;
  reason: string;
  /** "30m", "2h", "1d 12h"; empty: the agent's or the platform's deadline. */
  deadline: string;
  /** One of ON_EXPIRY, or empty for the default. */
  onExpiry: string;
  /** "role:admin", "role:operator" or "a@example.com, b@example.com"; empty: nobody named here. */
  escalation: string;
}

export type RowField = Exclude<keyof RuleRow, 'source'>;
export type RowErrors = Partial<Record<RowField, string>>;
export type RowsResult = { ok: true; rules: unknown[] } | { ok: false; errors: RowErrors[] };

const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
] as const;

/** 5_400_000 → "1h 30m": exact, so that parsing it gives the same milliseconds back. */
export function formatDeadline(ms: number): string {
  const parts: string[] = [];
  let left = ms;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(left / size);
    if (count > 0) parts.push(`${count}${unit}`);
    left -= count * size;
  }
  return parts.join(' ') || '0ms';
}

/** "1h 30m", "90m", "2d" → milliseconds; null when the text is not a duration. */
export function parseDeadline(text: string): number | null {
  const compact = text.trim().toLowerCase();
  if (!/^(\d+\s*(ms|s|m|h|d)\s*)+$/.test(compact)) return null;
  let total = 0;
  for (const [, count, unit] of compact.matchAll(/(\d+)\s*(ms|s|m|h|d)/g)) {
    const size = UNITS.find(([name]) => name === unit)?.[1] ?? 0;
    total += Number(count) * size;
  }
  return total;
}

function escalationText(target: unknown): string {
  if (!isJsonObject(target)) return '';
  if (typeof target.role === 'string') return `role:${target.role}`;
  if (Array.isArray(target.users)) return target.users.join(', ');
  return '';
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

function parseEscalation(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const role = /^role:\s*(\S+)$/.exec(text.trim());
  if (role) {
    return role[1] === 'admin' || role[1] === 'operator'
      ? { ok: true, value: { role: role[1] } }
      : { ok: false, error: 'The role is admin or operator (role:admin, role:operator).' };
  }
  const users = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = users.find((user) => !EMAIL.test(user));
  if (bad) return { ok: false, error: `“${bad}” is not an email (or write role:admin, role:operator).` };
  if (users.length > 20) return { ok: false, error: 'Name at most 20 people.' };
  return { ok: true, value: { users } };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The rules as rows. Rules are objects (checked by `checkRules` before a switch to the form). */
export function rowsFromRules(rules: readonly Record<string, unknown>[]): RuleRow[] {
  return rules.map((rule) => {
    const match = isJsonObject(rule.match) ? rule.match : {};
    const { tool, ...matcher } = match;
    const approval = isJsonObject(rule.approval) ? rule.approval : {};
    return {
      source: rule,
      id: text(rule.id),
      description: text(rule.description),
      tool: Array.isArray(tool) ? tool.join(', ') : text(tool),
      matcher: Object.keys(matcher).length > 0 ? prettyJson(matcher) : '',
      risk: text(rule.risk),
      reason: text(rule.reason),
      deadline: typeof approval.timeoutMs === 'number' ? formatDeadline(approval.timeoutMs) : '',
      onExpiry: text(approval.onExpiry),
      escalation: escalationText(approval.escalateTo),
    };
  });
}

/** A new, empty row (a HIGH rule, the usual reason to add one). */
export function emptyRow(index: number): RuleRow {
  return {
    source: {},
    id: `rule-${index + 1}`,
    description: '',
    tool: '',
    matcher: '',
    risk: 'HIGH',
    reason: '',
    deadline: '',
    onExpiry: '',
    escalation: '',
  };
}

/** One row back into a rule, or what is wrong with each field. */
function ruleFromRow(row: RuleRow): { rule: Record<string, unknown>; errors: RowErrors } {
  const errors: RowErrors = {};
  const { match: _match, approval: sourceApproval, ...rest } = row.source;
  const tools = row.tool
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const wasList = isJsonObject(row.source.match) && Array.isArray(row.source.match.tool);
  let matcher: Record<string, unknown> = {};
  if (row.matcher.trim() !== '') {
    const parsed = parseJsonObject(row.matcher);
    if (parsed.ok) matcher = parsed.value;
    else
      errors.matcher = `${parsed.error} (e.g. {"params": [{"path": "to", "op": "contains", "value": "@"}]})`;
    if (parsed.ok && 'tool' in parsed.value) errors.matcher = 'Put the tool in the Tool field.';
  }
  if (row.id.trim() === '') errors.id = 'Give the rule an id.';
  if (!(RISKS as readonly string[]).includes(row.risk)) errors.risk = `Risk is one of ${RISKS.join(', ')}.`;
  if (row.reason.trim() === '') errors.reason = 'Say why: the reason is shown to approvers.';
  const approval: Record<string, unknown> = isJsonObject(sourceApproval) ? { ...sourceApproval } : {};
  delete approval.timeoutMs;
  delete approval.onExpiry;
  delete approval.escalateTo;
  if (row.deadline.trim() !== '') {
    const ms = parseDeadline(row.deadline);
    if (ms === null || ms <= 0) errors.deadline = 'A duration such as 30m, 4h or 1d 12h.';
    else if (ms > MAX_DEADLINE_MS) errors.deadline = 'At most 30 days.';
    else approval.timeoutMs = ms;
  }
  if (row.onExpiry !== '') {
    if ((ON_EXPIRY as readonly string[]).includes(row.onExpiry)) approval.onExpiry = row.onExpiry;
    else errors.onExpiry = `On expiry is one of ${ON_EXPIRY.join(', ')}.`;
  }
  if (row.escalation.trim() !== '') {
    const target = parseEscalation(row.escalation);
    if (target.ok) approval.escalateTo = target.value;
    else errors.escalation = target.error;
  }
  const tool = tools.length === 0 ? undefined : tools.length === 1 && !wasList ? tools[0] : tools;
  const rule: Record<string, unknown> = {
    ...rest,
    id: row.id.trim(),
    description: row.description,
    match: { ...(tool === undefined ? {} : { tool }), ...matcher },
    risk: row.risk,
    reason: row.reason.trim(),
    ...(Object.keys(approval).length > 0 ? { approval } : {}),
  };
  return { rule, errors };
}

/** The rows as rules, or each row's errors (ids used twice are an error on both rows). */
export function rulesFromRows(rows: readonly RuleRow[]): RowsResult {
  const built = rows.map(ruleFromRow);
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const id = row.id.trim();
    const first = seen.get(id);
    if (id === '') return;
    if (first === undefined) seen.set(id, index);
    else {
      const message = `Rules ${first + 1} and ${index + 1} have the same id.`;
      (built[index] as { errors: RowErrors }).errors.id ??= message;
      (built[first] as { errors: RowErrors }).errors.id ??= message;
    }
  });
  if (built.some(({ errors }) => Object.keys(errors).length > 0)) {
    return { ok: false, errors: built.map(({ errors }) => errors) };
  }
  return { ok: true, rules: built.map(({ rule }) => rule) };
}
