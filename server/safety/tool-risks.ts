// The base risk of each built-in tool, in one place. The tool definitions carry it (so the agent
// form and the integrations page show it) and the built-in policy's per-tool rules use it (so the
// trace's verdicts say the same). Before, run_sql was LOW in one and MEDIUM in the other.
import type { RiskLevel } from '../../schema/events/index.ts';

/** Risk of a built-in tool before any parameter-specific rule raises it. */
export const BUILTIN_TOOL_RISK = {
  web_search: 'LOW',
  http_request: 'MEDIUM',
  run_sql: 'MEDIUM',
  execute_python: 'MEDIUM',
  send_email: 'HIGH',
} as const satisfies Record<string, RiskLevel>;

export type BuiltinToolName = keyof typeof BUILTIN_TOOL_RISK;
