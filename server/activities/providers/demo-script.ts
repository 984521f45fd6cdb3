/**
 * The fixed texts and tolerant readers behind the demo provider's "Support Ticket Analyzer" loop.
 * Tool results arrive as strings whose exact shape belongs to the tools, so the readers accept
 * the plausible ones (JSON rows or `{columns, rows}`, `{stdout}` or plain text) rather than one.
 */

/**
 * Last 30 days of data, broken down once by category and once by priority (grouping sets: about a
 * dozen rows for the demo data, which keeps the result well under the engine's 4,000-character
 * cut of tool results; category × priority would be 32 rows).
 */
export const DEMO_TICKETS_SQL = `SELECT CASE WHEN grouping(category) = 0 THEN 'category' ELSE 'priority' END AS breakdown,
       coalesce(category, priority) AS name,
       count(*)::int AS tickets,
       round(avg(resolution_hours)::numeric, 1)::float8 AS avg_resolution_hours,
       round(avg(first_response_minutes)::numeric)::int AS avg_first_response_minutes,
       round(avg(satisfaction)::numeric, 2)::float8 AS avg_satisfaction
FROM tickets
WHERE created_at >= (SELECT max(created_at) FROM tickets) - interval '30 days'
GROUP BY GROUPING SETS ((category), (priority))
ORDER BY breakdown, tickets DESC, name`;

/** Analyses the SQL rows, passed as `inputs["rows"]`; prints one fact per line. */
export const DEMO_ANALYSIS_PYTHON = `rows = inputs["rows"]
categories = [r for r in rows if r["breakdown"] == "category"]
priorities = [r for r in rows if r["breakdown"] == "priority"]
total = sum(r["tickets"] for r in categories)
print(f"total tickets: {total}")
for r in sorted(categories, key=lambda r: (-r["tickets"], r["name"])):
    line = f"{r['name']}: {r['tickets']} tickets ({100 * r['tickets'] / total:.0f}%)"
    if r.get("avg_resolution_hours") is not None:
        line += f", avg resolution {r['avg_resolution_hours']:.1f} h"
    if r.get("avg_satisfaction") is not None:
        line += f", satisfaction {r['avg_satisfaction']:.2f}"
    print(line)
for r in sorted(priorities, key=lambda r: (-r["tickets"], r["name"])):
    print(f"priority {r['name']}: {r['tickets']} tickets")
timed = [r for r in categories if r.get("avg_resolution_hours") is not None]
if timed:
    slowest = max(timed, key=lambda r: r["avg_resolution_hours"])
    print(f"slowest category: {slowest['name']} ({slowest['avg_resolution_hours']:.1f} h to resolve)")
`;

/**
 * Phrases of a tool message that did not run or failed: the engine's outcome texts ("Error: …
 * failed", "Blocked by the safety policy", "A human (…) rejected this call … was not made",
 * expiry and unknown-outcome notes) and plain "rejected/denied" answers.
 */
const failureText =
  /^\s*(error|rejected|blocked|denied|failed)\b|\b(rejected this call|was not made|not run again)\b/im;

/** Why a tool result is a failure (error, rejection, block), or undefined when it looks fine. */
export function toolFailure(content: string): string | undefined {
  const parsed = parseJson(content);
  if (isRecord(parsed)) {
    const error = parsed.error;
    if (error !== undefined && error !== null && error !== false) {
      return isRecord(error) && typeof error.message === 'string' ? error.message : String(error);
    }
    const status = typeof parsed.status === 'string' ? parsed.status.toLowerCase() : '';
    if (parsed.ok === false || ['error', 'failed', 'rejected', 'blocked', 'denied'].includes(status)) {
      const reason = parsed.reason ?? parsed.message ?? parsed.comment;
      return typeof reason === 'string' ? `${status || 'failed'}: ${reason}` : status || 'failed';
    }
    return undefined;
  }
  if (parsed !== undefined) return undefined;
  return failureText.test(content) ? content.trim() : undefined;
}

/** The rows of a run_sql result as objects: a JSON array, `{rows}` or `{columns, rows}`. */
export function sqlRows(content: string): Record<string, unknown>[] | undefined {
  const parsed = parseJson(content);
  const rows = Array.isArray(parsed) ? parsed : isRecord(parsed) ? parsed.rows : undefined;
  if (!Array.isArray(rows)) return undefined;
  const columns = isRecord(parsed) && Array.isArray(parsed.columns) ? parsed.columns : undefined;
  return rows.flatMap((row): Record<string, unknown>[] => {
    if (isRecord(row)) return [row];
    if (Array.isArray(row) && columns) {
      return [Object.fromEntries(columns.map((column, i) => [columnName(column), row[i]]))];
    }
    return [];
  });
}

/** The printed output of an execute_python result: `{stdout}` / `{output}` or the plain text. */
export function pythonStdout(content: string): string {
  const parsed = parseJson(content);
  if (isRecord(parsed)) {
    const out = parsed.stdout ?? parsed.output;
    return typeof out === 'string' ? out.trim() : '';
  }
  return typeof parsed === 'string' ? parsed.trim() : content.trim();
}

function columnName(column: unknown): string {
  return isRecord(column) && typeof column.name === 'string' ? column.name : String(column);
}

/**
 * The JSON in a tool message: the whole content, else its last line (the engine puts notes about
 * edits and retries on lines before the result) without a trailing "(cut from N bytes)" note.
 * A result the engine truncated mid-JSON does not parse: undefined.
 */
function parseJson(content: string): unknown {
  const lastLine = (content.split('\n').at(-1) ?? '').replace(/ \(cut from \d+ bytes\)$/, '');
  for (const candidate of [content, lastLine]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
