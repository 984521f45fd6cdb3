// Budgets are checked before each new step: a step may start only while every total is below its limit.
import type { Budget } from '../../schema/events/index.ts';
import type { UsageTotals } from './rule-match.ts';

/** The names of the limits of an agent's `budget`. */
export const BudgetName = {
  MaxSteps: 'maxSteps',
  MaxTokens: 'maxTokens',
  MaxCostUsd: 'maxCostUsd',
  MaxWallTimeMs: 'maxWallTimeMs',
} as const;
export type BudgetName = (typeof BudgetName)[keyof typeof BudgetName];

/** Which limit was reached, by how much, and a sentence for the run's failure. */
export interface BudgetExceeded {
  budget: BudgetName;
  limit: number;
  actual: number;
  message: string;
}

function describe(budget: BudgetName, limit: number, actual: number): string {
  switch (budget) {
    case BudgetName.MaxSteps:
      return `${actual} steps taken of ${limit} allowed`;
    case BudgetName.MaxTokens:
      return `${actual} tokens used of ${limit} allowed`;
    case BudgetName.MaxCostUsd:
      return `$${actual} spent of $${limit} allowed`;
    case BudgetName.MaxWallTimeMs:
      return `${actual} ms elapsed of ${limit} ms allowed`;
  }
}

/**
 * The first budget (in the order steps, tokens, cost, wall time) whose total has reached its limit,
 * or null when another step may start. Tokens are input plus output tokens; wall time is
 * `now - startedAt` (never negative). An absent limit never stops the run. Never throws.
 */
export function checkBudget(
  budget: Budget,
  totals: UsageTotals,
  now: Date,
  startedAt: Date,
): BudgetExceeded | null {
  const usage: [BudgetName, number | undefined, number][] = [
    [BudgetName.MaxSteps, budget.maxSteps, totals.steps],
    [BudgetName.MaxTokens, budget.maxTokens, totals.inputTokens + totals.outputTokens],
    [BudgetName.MaxCostUsd, budget.maxCostUsd, totals.costUsd],
    [BudgetName.MaxWallTimeMs, budget.maxWallTimeMs, Math.max(0, now.getTime() - startedAt.getTime())],
  ];
  for (const [name, limit, actual] of usage) {
    if (limit !== undefined && actual >= limit) {
      return {
        budget: name,
        limit,
        actual,
        message: `Budget ${name} exceeded: ${describe(name, limit, actual)}.`,
      };
    }
  }
  return null;
}
