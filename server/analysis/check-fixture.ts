import type { AgentConfig, RiskLevel } from '../../schema/events/index.ts';
import { usageSoFar } from '../engine/run-state.ts';
import { evaluateRisk } from '../safety/evaluate-risk.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import { type ReplayOutcome, replayHistory } from './replay-history.ts';
import { type RunFixture, runEventsOf } from './run-fixture.ts';
import { questionHash } from './run-question.ts';

export interface FixtureCheckOptions {
  /** The agent to check instead of the fixture's own (`--agent <id>[@<version>]`). */
  agent?: { version: number; config: AgentConfig };
  /** The policies to judge calls by; default the fixture's. */
  policies?: readonly PolicyState[];
  /** PostgreSQL's parser for `sql|sqlKind` matchers (`loadPgParser`); without it SQL is never a read. */
  parseSql?: Parameters<typeof evaluateRisk>[0]['parseSql'];
}

/**
 * Runs a fixture against the current engine: the model answers from the recording for as long as
 * the agent asks what it asked then (`questionHash`), tools answer from the recording, calls are
 * judged by the policies, and the agent's answer must name one of its tools. Makes no call outside.
 * @throws Error when an event of the fixture is not valid.
 */
export function checkFixture(fixture: RunFixture, options: FixtureCheckOptions = {}): ReplayOutcome {
  const own = runEventsOf(fixture.events);
  const inherited = runEventsOf(fixture.inherited);
  const policies = options.policies ?? (fixture.policies as PolicyState[]);
  const toolDefaults = fixture.toolDefaults as Record<string, RiskLevel>;
  const recorded = new Map(fixture.questions.map((question) => [question.step, question.hash]));
  return replayHistory(
    { own, inherited, ...(options.agent ? { agent: options.agent } : {}) },
    {
      evaluateSafety: (state, tool, params) =>
        evaluateRisk({
          tool,
          params,
          agentId: state.agentId ?? '',
          totals: usageSoFar(state),
          policies,
          toolDefaults,
          ...(options.parseSql ? { parseSql: options.parseSql } : {}),
        }),
      actionProblem: (state, tool) => (state.agent?.tools.includes(tool) ? null : `unknown tool ${tool}`),
      question: {
        now: (state) => questionHash(state, fixture.tools),
        recorded: (step) => recorded.get(step),
      },
    },
  );
}
