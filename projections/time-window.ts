// The time window (and optional agent) the observability queries of the read models aggregate over.

/** `[from, to)`; a null bound is open. `agentId` narrows to one agent's runs when set. */
export interface TimeWindow {
  from: Date | null;
  to: Date | null;
  agentId?: string | null;
}

/** Builds positional parameters (`$1`, `$2`, …) next to the SQL that uses them. */
export function sqlParams(): { values: unknown[]; add(value: unknown): string } {
  const values: unknown[] = [];
  return {
    values,
    add(value) {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/** The conditions of `window` on a time column and an agent column. */
export function windowConditions(
  window: TimeWindow,
  columns: { time: string; agent: string },
  params: ReturnType<typeof sqlParams>,
): string[] {
  const where: string[] = [];
  if (window.from) where.push(`${columns.time} >= ${params.add(window.from)}`);
  if (window.to) where.push(`${columns.time} < ${params.add(window.to)}`);
  if (window.agentId) where.push(`${columns.agent} = ${params.add(window.agentId)}`);
  return where;
}

/** `WHERE a AND b`, or nothing. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}
