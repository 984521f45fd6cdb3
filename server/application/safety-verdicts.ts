import { loadPgParser } from '../activities/sql/pg-parser.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import { type RunState, type SafetyVerdict, usageSoFar } from '../engine/run-state.ts';
import { evaluateRisk } from '../safety/evaluate-risk.ts';
import type { PolicyState } from '../safety/policy-state.ts';

/** A pure verdict function over policies loaded once (what `handle` takes as `evaluateSafety`). */
export type SafetyEvaluator = (
  state: RunState,
  tool: string,
  params: Record<string, unknown>,
) => SafetyVerdict;

/**
 * Loads the policies that govern the run's agent (the built-in default plus its own) and returns
 * the verdict function over them, with the tools' default risks: the same evaluation the run driver
 * performs for a model's proposal.
 */
export async function safetyEvaluatorFor(
  state: RunState,
  deps: { tools: ToolRegistry; loadPolicies(policyIds: readonly string[]): Promise<PolicyState[]> },
): Promise<SafetyEvaluator> {
  const policies = await deps.loadPolicies(state.agent?.policyIds ?? []);
  const toolDefaults = Object.fromEntries(deps.tools.describe().map((info) => [info.name, info.defaultRisk]));
  // The `sql|sqlKind` view decides on PostgreSQL's own parse tree (without it, SQL is never a read).
  const parseSql = await loadPgParser();
  return (run, tool, params) =>
    evaluateRisk({
      tool,
      params,
      agentId: run.agentId ?? '',
      totals: usageSoFar(run),
      policies,
      toolDefaults,
      parseSql,
    });
}
