import { z } from 'zod';
import type { Page, PageRequest } from '../../projections/pagination.ts';
import type { RunFilter, RunView } from '../../projections/runs/queries.ts';
import { PolicyRule } from '../../schema/events/index.ts';
import { loadPgParser } from '../activities/sql/pg-parser.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import { InvalidInputError, NotFoundError } from '../application/errors.ts';
import { loadPolicy } from '../application/policies.ts';
import { readRunHistory } from '../application/run-history.ts';
import { usageSoFar } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import { DEFAULT_POLICY_ID } from '../safety/default-policy.ts';
import { evaluateRisk } from '../safety/evaluate-risk.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import { type BacktestCall, backtestCalls, type DraftVerdict } from './backtest-calls.ts';

export type { BacktestCall } from './backtest-calls.ts';

/** Runs back-tested when `lastRuns` is not given, and the most one back-test may read. */
export const DEFAULT_BACKTEST_RUNS = 100;
export const MAX_BACKTEST_RUNS = 2000;
const RUNS_PAGE = 200;
const READ_CONCURRENCY = 4;

export interface BacktestInput {
  policyId: string;
  /** The draft's rules (what `updatePolicy` would get as `rules`). */
  draft: unknown;
  /** The latest runs to consider (newest first); default 100, at most 2000. */
  lastRuns?: number;
  agentId?: string;
  /** Only runs started at or after this time. */
  since?: Date;
}

export interface BacktestReport {
  policyId: string;
  runsEvaluated: number;
  callsEvaluated: number;
  changedCalls: number;
  /** Every evaluated call, run by run (newest run first), in the order each run recorded them. */
  calls: BacktestCall[];
}

export interface BacktestDeps {
  store: EventStore;
  tools: ToolRegistry;
  loadPolicies(policyIds: readonly string[]): Promise<PolicyState[]>;
  listRuns(filter: RunFilter, page: PageRequest): Promise<Page<RunView>>;
}

const DraftRules = z
  .array(PolicyRule)
  .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, {
    message: 'must not use the same rule id twice',
  });

function parseDraft(draft: unknown) {
  const parsed = DraftRules.safeParse(draft);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = ['draft', ...(issue?.path ?? [])].join('.');
  throw new InvalidInputError(path, `${path}: ${issue?.message ?? 'is not a list of policy rules'}`);
}

async function selectRuns(deps: BacktestDeps, input: BacktestInput, limit: number): Promise<RunView[]> {
  const filter: RunFilter = {
    ...(input.agentId ? { agentId: input.agentId } : {}),
    ...(input.since ? { startedFrom: input.since } : {}),
  };
  const runs: RunView[] = [];
  for (let after: string | null = null; runs.length < limit; ) {
    const page: Page<RunView> = await deps.listRuns(filter, {
      first: Math.min(RUNS_PAGE, limit - runs.length),
      after,
    });
    runs.push(...page.items);
    if (!page.hasNextPage || page.endCursor === null) break;
    after = page.endCursor;
  }
  return runs;
}

/**
 * `backtestPolicy`: judges every recorded tool call of the selected runs (the latest `lastRuns`,
 * of `agentId`, since `since`) by the policies that governed each run's agent, with `policyId`'s rules
 * replaced by the draft, and sets that beside the recorded verdict. Only runs whose agent the policy
 * governs count (the built-in policy governs every agent). Events only: no tool runs, nothing is written.
 * @throws InvalidInputError (`lastRuns`, `draft.<path>`), NotFoundError (the policy).
 */
export async function backtestPolicy(deps: BacktestDeps, input: BacktestInput): Promise<BacktestReport> {
  const limit = input.lastRuns ?? DEFAULT_BACKTEST_RUNS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BACKTEST_RUNS) {
    throw new InvalidInputError('lastRuns', `lastRuns must be a whole number from 1 to ${MAX_BACKTEST_RUNS}`);
  }
  const rules = parseDraft(input.draft);
  const current = await loadPolicy(deps.store, input.policyId);
  if (!current) throw new NotFoundError('Policy', input.policyId);
  const draft: PolicyState = { ...current, rules, version: current.version + 1, archived: false };

  const toolDefaults = Object.fromEntries(deps.tools.describe().map((info) => [info.name, info.defaultRisk]));
  const parseSql = await loadPgParser();
  const verdicts = new Map<string, Promise<DraftVerdict>>();
  // One verdict function per set of policy ids (runs of one agent version share it).
  const verdictFor = (policyIds: readonly string[]) => {
    const key = policyIds.join(',');
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = deps.loadPolicies(policyIds).then((loaded) => {
        const policies = loaded.map((policy) => (policy.policyId === draft.policyId ? draft : policy));
        return (state, tool, params) =>
          evaluateRisk({
            tool,
            params,
            agentId: state.agentId ?? '',
            totals: usageSoFar(state),
            policies,
            toolDefaults,
            parseSql,
          });
      });
      verdicts.set(key, verdict);
    }
    return verdict;
  };

  const judge = async (runId: string): Promise<BacktestCall[] | null> => {
    const history = await readRunHistory(deps.store, runId);
    const started = history.own[0];
    if (started?.type !== 'RunStarted') return null;
    const policyIds = started.data.agent.policyIds;
    if (draft.policyId !== DEFAULT_POLICY_ID && !policyIds.includes(draft.policyId)) return null;
    return backtestCalls(runId, history, await verdictFor(policyIds));
  };
  const runs = await selectRuns(deps, input, limit);
  const judged: (BacktestCall[] | null)[] = [];
  // A few streams read at once: a PostgreSQL server answers them on several connections.
  for (let i = 0; i < runs.length; i += READ_CONCURRENCY) {
    judged.push(...(await Promise.all(runs.slice(i, i + READ_CONCURRENCY).map((run) => judge(run.id)))));
  }
  const evaluated = judged.filter((calls) => calls !== null);
  const calls = evaluated.flat();
  const runsEvaluated = evaluated.length;
  return {
    policyId: draft.policyId,
    runsEvaluated,
    callsEvaluated: calls.length,
    changedCalls: calls.filter((call) => call.changed).length,
    calls,
  };
}
