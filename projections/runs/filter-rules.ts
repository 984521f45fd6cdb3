// Pure: what a runs filter may hold. The API reports a problem as bad input naming the field.
import type { RunFilter } from './queries.ts';

/** Longer search text than this is refused: no one types it, and it only costs the database. */
export const MAX_SEARCH_LENGTH = 500;
export const MAX_TOOL_LENGTH = 200;

export interface FilterProblem {
  field: string;
  message: string;
}

/** The first problem of `filter`, or null when it can be run. */
export function runFilterProblem(filter: RunFilter): FilterProblem | null {
  if (filter.search !== undefined) {
    if (filter.search.length > MAX_SEARCH_LENGTH)
      return { field: 'search', message: `search has at most ${MAX_SEARCH_LENGTH} characters` };
    // PostgreSQL text cannot hold NUL; any other character is searchable (or ignored) as typed.
    if (filter.search.includes('\u0000')) return { field: 'search', message: 'search must not contain NUL' };
  }
  if (filter.tool !== undefined && (filter.tool.trim() === '' || filter.tool.length > MAX_TOOL_LENGTH))
    return { field: 'tool', message: `tool has 1 to ${MAX_TOOL_LENGTH} characters` };
  if (
    filter.agentVersion !== undefined &&
    (!Number.isInteger(filter.agentVersion) || filter.agentVersion < 1)
  )
    return { field: 'agentVersion', message: 'agentVersion is a whole number from 1' };
  for (const field of ['minCostUsd', 'maxCostUsd'] as const) {
    const value = filter[field];
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      return { field, message: `${field} is a finite amount of at least 0` };
  }
  if (
    filter.minCostUsd !== undefined &&
    filter.maxCostUsd !== undefined &&
    filter.minCostUsd > filter.maxCostUsd
  )
    return { field: 'maxCostUsd', message: 'maxCostUsd must not be below minCostUsd' };
  return null;
}
