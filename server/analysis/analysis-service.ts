import type { Page, PageRequest } from '../../projections/pagination.ts';
import type { RunStepPage } from '../../projections/run-steps/queries.ts';
import type { RunStepRow } from '../../projections/run-steps/step-row.ts';
import type { RunFilter, RunView } from '../../projections/runs/queries.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import { NotFoundError } from '../application/errors.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import { type BacktestInput, type BacktestReport, backtestPolicy } from './backtest-policy.ts';
import { exportRun } from './export-run.ts';
import { type ReplayReport, replayRun } from './replay-run.ts';
import { diffRunSteps, type RunDiffView } from './run-diff.ts';
import type { RunFixture } from './run-fixture.ts';

export interface AnalysisDeps {
  store: EventStore;
  tools: ToolRegistry;
  /** The policies that govern an agent (the built-in default plus its own), as the run driver loads them. */
  loadPolicies(policyIds: readonly string[]): Promise<PolicyState[]>;
  /** Runs newest first from the read side (`ReadSide.runs`). */
  listRuns(filter: RunFilter, page: PageRequest): Promise<Page<RunView>>;
  /** A run (null when it does not exist) and pages of its step rows, from the read side. */
  getRun(runId: string): Promise<RunView | null>;
  listSteps(runId: string, page: { first: number; after: string | null }): Promise<RunStepPage>;
}

const STEPS_PAGE = 1000;

async function stepsOf(deps: AnalysisDeps, runId: string): Promise<RunStepRow[]> {
  if ((await deps.getRun(runId)) === null) throw new NotFoundError('Run', runId);
  const rows: RunStepRow[] = [];
  for (let after: string | null = null; ; ) {
    const page = await deps.listSteps(runId, { first: STEPS_PAGE, after });
    rows.push(...page.items);
    if (!page.hasNextPage || page.endCursor === null) return rows;
    after = page.endCursor;
  }
}

/**
 * What analysts ask of recorded runs: verified replay, export as a fixture, policy back-testing, run diff. It reads events and
 * drives the pure engine and safety code; it never calls a model, a tool, an embedder or a mail
 * server, and writes nothing.
 */
export interface AnalysisService {
  /** @throws NotFoundError when the run does not exist. */
  replayRun(runId: string): Promise<ReplayReport>;
  /** The run as a self-contained, versioned fixture (secrets redacted). @throws NotFoundError. */
  exportRun(runId: string): Promise<RunFixture>;
  /** Runs `a` and `b` step by step, from the steps read model. @throws NotFoundError (either run). */
  runDiff(a: string, b: string): Promise<RunDiffView>;
  /** @throws InvalidInputError (`lastRuns`, `draft.<path>`), NotFoundError (the policy). */
  backtestPolicy(input: BacktestInput): Promise<BacktestReport>;
}

export function createAnalysisService(deps: AnalysisDeps): AnalysisService {
  return {
    replayRun: (runId) => replayRun(deps, runId),
    exportRun: (runId) => exportRun(deps, runId),
    async runDiff(a, b) {
      const [stepsA, stepsB] = await Promise.all([stepsOf(deps, a), stepsOf(deps, b)]);
      return diffRunSteps({ runId: a, steps: stepsA }, { runId: b, steps: stepsB });
    },
    backtestPolicy: (input) => backtestPolicy(deps, input),
  };
}
