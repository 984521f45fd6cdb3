import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { exampleIds } from '../../schema/events/examples.ts';
import type { RunEvent, RunState } from '../engine/run-state.ts';
import { simulateRun } from '../engine/simulated-world.ts';
import { defaultPolicy } from '../safety/default-policy.ts';
import { evaluateRisk } from '../safety/evaluate-risk.ts';
import { type ReplayChecks, replayHistory } from './replay-history.ts';

// The same evaluation the simulated world recorded its verdicts with.
const samePolicy: ReplayChecks = {
  evaluateSafety: (state: RunState, tool, params) =>
    evaluateRisk({
      tool,
      params,
      agentId: exampleIds.agentId,
      totals: state.totals,
      policies: [defaultPolicy],
      toolDefaults: {},
    }),
};

// Step 1 proposes a web search (choice 7), safety and the tool answer with choice 0, step 2 finishes.
const recordedRun = () => simulateRun([7, 0, 0, 0, 0, 0, 0, 0]);

const indexOf = (log: RunEvent[], type: string) => log.findIndex((event) => event.type === type);

describe('replayHistory (given a recorded run, when replayed, then …)', () => {
  test('every run the scripted world records replays as matched, comparing every engine decision', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 60 }), (choices) => {
        const log = simulateRun(choices);
        const outcome = replayHistory({ own: log, inherited: [] }, samePolicy);
        assert.equal(outcome.firstDivergence, null, JSON.stringify(outcome.firstDivergence));
        assert.equal(outcome.matched, true);
        assert.ok(outcome.decisionsCompared >= 2, 'at least a model answer and the ending were compared');
      }),
      { numRuns: 300 },
    );
  });

  test('a run still under way (its log cut short) matches what it recorded so far', () => {
    const log = recordedRun();
    const outcome = replayHistory({ own: log.slice(0, indexOf(log, 'ToolCallStarted') + 1), inherited: [] });
    assert.equal(outcome.matched, true);
    assert.equal(outcome.decisionsCompared, 3); // the answer, the verdict, the tool start
  });

  test('a tampered verdict shows as the divergence of the decision after it', () => {
    const log = recordedRun();
    const at = indexOf(log, 'SafetyEvaluated');
    const verdict = log[at];
    assert.ok(verdict?.type === 'SafetyEvaluated' && verdict.data.decision !== 'block');
    const tampered = [...log];
    tampered[at] = { ...verdict, data: { ...verdict.data, decision: 'block', risk: 'CRITICAL' } };

    const outcome = replayHistory({ own: tampered, inherited: [] });

    assert.equal(outcome.matched, false);
    // A blocked step runs no tool: the engine now stores the step's memory where the log started the tool.
    assert.equal(outcome.firstDivergence?.revision, at + 1);
    assert.match(outcome.firstDivergence?.expected ?? '', /^ToolCallStarted step 1 web_search/);
    assert.match(outcome.firstDivergence?.actual ?? '', /^MemoryStored step 1 observation/);
  });

  test('a policy that now blocks the call diverges at the recorded verdict, naming both', () => {
    const log = recordedRun();
    const blockAll: ReplayChecks = {
      evaluateSafety: () => ({
        risk: 'CRITICAL',
        decision: 'block',
        reasons: ['blocked now'],
        policyId: null,
        policyVersion: null,
      }),
    };
    const outcome = replayHistory({ own: log, inherited: [] }, blockAll);
    const at = indexOf(log, 'SafetyEvaluated');
    assert.deepEqual(outcome.firstDivergence?.revision, at);
    assert.match(
      outcome.firstDivergence?.expected ?? '',
      /^SafetyEvaluated step 1 web_search: allow \(LOW\)$/,
    );
    assert.equal(outcome.firstDivergence?.actual, 'SafetyEvaluated step 1 web_search: block (CRITICAL)');
    assert.equal(outcome.decisionsCompared, 2);
  });

  test('an agent that no longer has the tool diverges at the model answer that used it', () => {
    const log = recordedRun();
    const withoutSql: ReplayChecks = {
      actionProblem: (state, tool) => (state.agent?.tools.includes(tool) ? null : `unknown tool ${tool}`),
    };
    const started = log[0];
    assert.ok(started?.type === 'RunStarted');
    const agent = { version: 9, config: { ...started.data.agent, tools: ['send_email'] } };

    const outcome = replayHistory({ own: log, inherited: [], agent }, withoutSql);

    assert.equal(outcome.firstDivergence?.revision, indexOf(log, 'ReasoningCompleted'));
    assert.equal(outcome.firstDivergence?.actual, 'ModelOutputRejected step 1: unknown tool web_search');
  });

  test('a log without RunStarted has nothing to compare', () => {
    assert.deepEqual(replayHistory({ own: [], inherited: [] }), {
      matched: true,
      decisionsCompared: 0,
      firstDivergence: null,
    });
  });

  test('feedback on steps (StepAnnotated, mid-run and after the end) is folded as a fact, never compared', () => {
    const log = recordedRun();
    const annotation = (step: number, at: Date): RunEvent => ({
      type: 'StepAnnotated',
      data: { annotationId: exampleIds.annotationId, step, label: 'good', score: 1, by: 'user-analyst' },
      revision: 0,
      recordedAt: at,
    });
    const answer = indexOf(log, 'ReasoningCompleted');
    const last = log.at(-1) as RunEvent;
    const withFeedback = [
      ...log.slice(0, answer + 1),
      annotation(1, (log[answer] as RunEvent).recordedAt),
      ...log.slice(answer + 1),
      annotation(1, last.recordedAt),
    ].map((event, revision) => ({ ...event, revision }));

    const plain = replayHistory({ own: log, inherited: [] }, samePolicy);
    const outcome = replayHistory({ own: withFeedback, inherited: [] }, samePolicy);

    assert.equal(outcome.firstDivergence, null, JSON.stringify(outcome.firstDivergence));
    assert.equal(outcome.decisionsCompared, plain.decisionsCompared);
  });

  test('the recall a reasoning event recorded (memory ids and scores) is served from the log, with or without it', () => {
    const log = recordedRun();
    const withRecall = log.map((event) =>
      event.type === 'ReasoningCompleted'
        ? { ...event, data: { ...event.data, recalled: [{ memoryId: exampleIds.memoryId, score: 0.9 }] } }
        : event,
    );
    const withoutRecall = log.map((event) => {
      if (event.type !== 'ReasoningCompleted') return event;
      const { recalled: _, ...data } = event.data;
      return { ...event, data } as RunEvent;
    });
    for (const own of [withRecall, withoutRecall]) {
      const outcome = replayHistory({ own, inherited: [] }, samePolicy);
      assert.equal(outcome.matched, true, JSON.stringify(outcome.firstDivergence));
    }
  });
});
