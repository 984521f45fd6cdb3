import type { ToolRegistry } from '../activities/tools/registry.ts';
import { NotFoundError } from '../application/errors.ts';
import { readRunHistory } from '../application/run-history.ts';
import { safetyEvaluatorFor } from '../application/safety-verdicts.ts';
import { foldRun, type RunState } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import { type ReplayChecks, type ReplayDivergence, replayHistory } from './replay-history.ts';

/** `ReplayReport`: whether the engine, agent checks and policies of today decide what the run recorded. */
export interface ReplayReport {
  runId: string;
  matched: boolean;
  decisionsCompared: number;
  firstDivergence: ReplayDivergence | null;
}

export interface ReplayDeps {
  store: EventStore;
  tools: ToolRegistry;
  loadPolicies(policyIds: readonly string[]): Promise<PolicyState[]>;
}

/**
 * The checks of a replay against this deployment: safety under the policies in force now (loaded
 * once, for the agent the run recorded) and the agent's tools as their schemas are now. Neither
 * runs a tool or calls a model.
 */
export async function currentChecks(state: RunState, deps: ReplayDeps): Promise<ReplayChecks> {
  const evaluateSafety = await safetyEvaluatorFor(state, deps);
  return {
    evaluateSafety,
    actionProblem: (run, tool, params) => {
      if (!run.agent?.tools.includes(tool)) return `unknown tool ${tool}`;
      const problem = deps.tools.validate(tool, params);
      return problem === null ? null : `invalid params for ${tool}: ${problem}`;
    },
  };
}

/**
 * `replayRun`: reads the run's events (a fork's source history too) and replays them through the
 * pure engine (`replayHistory`), serving every model answer, tool outcome, embedding and approval
 * from the log. Nothing but the event store is read.
 * @throws NotFoundError when the run does not exist; BrokenForkError (see `readRunHistory`).
 */
export async function replayRun(deps: ReplayDeps, runId: string): Promise<ReplayReport> {
  const history = await readRunHistory(deps.store, runId);
  const started = history.own[0];
  if (started?.type !== 'RunStarted') throw new NotFoundError('Run', runId);
  const checks = await currentChecks(foldRun([started]), deps);
  return { runId, ...replayHistory(history, checks) };
}
