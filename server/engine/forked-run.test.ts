import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import type { AgentConfig, RunEventData } from '../../schema/events/index.ts';
import { buildConversation } from './conversation-builder.ts';
import { decide } from './decide.ts';
import { foldForkedRun, forkedRunStates, forkPointProblem, forkPointRefusal } from './forked-run.ts';
import { foldRun, initialRunState, RunStatus, usageSoFar } from './run-state.ts';
import { ev, recorded, runEventArbitrary, runHistoryArbitrary, story } from './testing.ts';

const FORK_ID = '01930000-0000-7000-8000-0000000000f1';
const FORK_START = new Date('2025-01-02T09:00:00.000Z');
const email = exampleEvents.ApprovalRequested.params;
const sourceAgent = exampleEvents.RunStarted.agent;

/** The source: a lookup (allowed), an email (approved), the final answer; a memory after each step. */
const source: RunEventData[] = [
  story.runStarted(), // 0
  story.action(1), // 1
  story.safety(1, 'allow'), // 2
  story.toolStarted(1), // 3
  story.toolSucceeded(), // 4
  story.remembered(1), // 5
  story.action(2, 'send_email', email), // 6
  story.safety(2, 'require_approval', 'send_email'), // 7
  story.approvalAsked(2, 'send_email', email), // 8
  story.granted(), // 9
  story.toolStarted(2, false, 'send_email', email), // 10
  story.toolSucceeded({ delivered: true }), // 11
  story.remembered(2), // 12
  story.finish(3), // 13
  story.remembered(3), // 14
  ev('RunCompleted'), // 15
];

function forkStarted(atRevision: number, agent: Partial<AgentConfig> = {}): RunEventData {
  return ev('RunStarted', {
    runId: FORK_ID,
    agent: { ...sourceAgent, ...agent },
    inputs: { goal: 'Resolve ticket 4711 differently.' },
    forkedFrom: { runId: exampleIds.runId, atRevision },
  });
}

/** The source's history up to `atRevision` without its RunStarted, as the loader reads it. */
const inheritedUpTo = (events: RunEventData[], atRevision: number) =>
  recorded(events).slice(1, atRevision + 1);

/** A fork of `source` at `atRevision`: its own RunStarted (recorded at FORK_START), then `own`. */
function fork(atRevision: number, own: RunEventData[] = [], agent: Partial<AgentConfig> = {}) {
  const events = recorded([forkStarted(atRevision, agent), ...own], FORK_START);
  return foldForkedRun(events, inheritedUpTo(source, atRevision));
}

describe('foldForkedRun', () => {
  test("after only its RunStarted: the fork's agent, inputs and start, the source's history, revision 0", () => {
    const state = fork(5, [], { systemPrompt: 'Be brief.' });
    assert.equal(state.runId, FORK_ID);
    assert.equal(state.revision, 0);
    assert.equal(state.status, RunStatus.Queued);
    assert.equal(state.agent?.systemPrompt, 'Be brief.');
    assert.deepEqual(state.inputs, { goal: 'Resolve ticket 4711 differently.' });
    assert.deepEqual(state.forkedFrom, { runId: exampleIds.runId, atRevision: 5 });
    assert.deepEqual(state.totals.startedAt, FORK_START);
    const atFork = foldRun(recorded(source.slice(0, 6)));
    assert.equal(state.step, 1);
    assert.deepEqual(state.steps, atFork.steps);
    assert.deepEqual(state.memories, atFork.memories);
    assert.deepEqual(decide(state, { now: FORK_START }), { kind: 'call_llm', step: 2, attempt: 1 });
  });

  test('its own events continue its own revisions and steps', () => {
    const sql = { sql: 'SELECT 2' };
    const state = fork(5, [story.action(2, 'run_sql', sql), story.safety(2, 'allow')]);
    assert.equal(state.revision, 2);
    assert.equal(state.status, RunStatus.Running);
    assert.deepEqual(
      state.steps.map((item) => item.step),
      [1, 2],
    );
    assert.deepEqual(decide(state, { now: FORK_START }), {
      kind: 'call_tool',
      step: 2,
      tool: 'run_sql',
      params: sql,
    });
  });

  test("inherited tokens and cost are set apart: the fork's totals are its own calls", () => {
    const usage = exampleEvents.ReasoningCompleted.usage;
    const inherited = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: 0.0012 };
    const atFork = fork(5);
    assert.deepEqual(atFork.inherited, inherited);
    assert.deepEqual(
      { ...atFork.totals, startedAt: null },
      {
        steps: 1,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        startedAt: null,
      },
    );
    const after = fork(5, [story.action(2)]);
    assert.deepEqual(after.inherited, inherited);
    assert.equal(after.totals.steps, 2);
    assert.equal(after.totals.inputTokens, usage.inputTokens);
    assert.deepEqual(usageSoFar(after), {
      steps: 2,
      inputTokens: 2 * usage.inputTokens,
      outputTokens: 2 * usage.outputTokens,
      costUsd: 0.0024,
    });
  });

  test('budgets count what the fork inherited; wall time counts from its own start', () => {
    const used = exampleEvents.ReasoningCompleted.usage;
    const now = { now: new Date(FORK_START.getTime() + 1000) };
    const tokens = fork(5, [], { budget: { maxTokens: used.inputTokens + used.outputTokens } });
    assert.equal(decide(tokens, now).kind, 'fail');
    assert.match(JSON.stringify(decide(tokens, now)), /budget_exceeded/);
    const steps = fork(5, [], { budget: { maxSteps: 1 } });
    assert.match(JSON.stringify(decide(steps, now)), /maxSteps/);
    // The source started (TEST_START) a day before the fork: only the fork's own second counts.
    const wall = fork(5, [], { budget: { maxWallTimeMs: 60_000 } });
    assert.deepEqual(decide(wall, now), { kind: 'call_llm', step: 2, attempt: 1 });
  });

  test("a proposal the source had evaluated or approved goes through the fork's safety again", () => {
    for (const atRevision of [7, 9]) {
      const state = fork(atRevision);
      assert.equal(state.proposal?.verdict, null);
      assert.equal(state.proposal?.approvedBy, null);
      assert.deepEqual(decide(state, { now: FORK_START }), {
        kind: 'evaluate_safety',
        step: 2,
        tool: 'send_email',
        params: email,
      });
    }
  });

  test('a fork of a fork inherits through the chain', () => {
    // F1 forks the source at 5 and proposes an email; F2 forks F1 at its revision 2 (the verdict).
    const f1Own = [
      forkStarted(5),
      story.action(2, 'send_email', email),
      story.safety(2, 'allow', 'send_email'),
    ];
    const f2Inherited = [...inheritedUpTo(source, 5), ...inheritedUpTo(f1Own, 2)];
    const f2 = foldForkedRun(recorded([forkStarted(2)], FORK_START), f2Inherited);
    assert.equal(f2.revision, 0);
    assert.deepEqual(
      f2.steps.map((item) => item.step),
      [1, 2],
    );
    assert.equal(f2.inherited.inputTokens, 2 * exampleEvents.ReasoningCompleted.usage.inputTokens);
    assert.equal(decide(f2, { now: FORK_START }).kind, 'evaluate_safety');
  });

  test('with nothing inherited it is foldRun', () => {
    fc.assert(
      fc.property(runHistoryArbitrary(), (events) => {
        const own = recorded(events);
        assert.deepEqual(foldForkedRun(own, []), foldRun(own));
      }),
      { numRuns: 300 },
    );
  });

  test("a fork's conversation and usage are the source's at the fork point", () => {
    const history = fc
      .array(runEventArbitrary(), { maxLength: 30 })
      .chain((events) => fc.tuple(fc.constant(events), fc.nat(events.length)));
    fc.assert(
      fc.property(history, ([events, atRevision]) => {
        const sourceEvents = [story.runStarted(), ...events];
        const atFork = foldRun(recorded(sourceEvents.slice(0, atRevision + 1)));
        const own = recorded([ev('RunStarted', { runId: FORK_ID })], FORK_START);
        const state = foldForkedRun(own, inheritedUpTo(sourceEvents, atRevision));
        assert.equal(state.revision, 0);
        assert.deepEqual(buildConversation(state, []), buildConversation(atFork, []));
        assert.deepEqual(usageSoFar(state), usageSoFar(atFork));
        assert.deepEqual(state.memories, atFork.memories);
        assert.equal(state.step, atFork.step);
      }),
      { numRuns: 300 },
    );
  });
});

describe('forkPointProblem', () => {
  const states = [...forkedRunStates(recorded(source), [])];
  const problemAt = (revision: number) => forkPointProblem(states[revision] ?? initialRunState);

  test('a run can be forked between steps and before a tool runs, nowhere else', () => {
    const valid = states.filter((state) => forkPointProblem(state) === null).map((state) => state.revision);
    assert.deepEqual(valid, [0, 1, 2, 4, 5, 6, 7, 9, 11, 12, 13, 14]);
  });

  test('says why: ended, waiting for approval, a tool call under way, not started', () => {
    assert.match(problemAt(15) ?? '', /already ended \(COMPLETED\)/);
    assert.match(problemAt(8) ?? '', /waiting for approval .* of send_email \(step 2\)/);
    assert.match(
      problemAt(3) ?? '',
      /run_sql \(step 1, call .*\) had started and its outcome was not recorded/,
    );
    assert.equal(forkPointProblem(initialRunState), 'the run had not started');
  });

  test('an unknown tool outcome waiting for a human is refused too', () => {
    const interrupted = [...source.slice(0, 11), story.outcomeUnknown(2, 'send_email')];
    const state = foldRun(recorded(interrupted));
    assert.match(forkPointProblem(state) ?? '', /outcome of send_email \(step 2\) was unknown/);
  });
});

describe('forkPointRefusal', () => {
  const own = recorded(source);

  test('names the nearest revisions that can be forked', () => {
    assert.equal(forkPointRefusal({ own, inherited: [] }, 5), null);
    assert.match(
      forkPointRefusal({ own, inherited: [] }, 8) ?? '',
      /waiting for approval .*; the nearest revisions to fork at are 7 and 9$/,
    );
    assert.match(
      forkPointRefusal({ own, inherited: [] }, 15) ?? '',
      /already ended \(COMPLETED\); the nearest revision to fork at is 14$/,
    );
    assert.equal(forkPointRefusal({ own, inherited: [] }, 16), 'it has no revision 16 (its last is 15)');
  });

  test("counts a fork's revisions in its own stream", () => {
    const f1 = recorded(
      [
        forkStarted(5),
        story.action(2, 'send_email', email),
        story.safety(2, 'require_approval', 'send_email'),
        story.approvalAsked(2, 'send_email', email),
      ],
      FORK_START,
    );
    const inherited = inheritedUpTo(source, 5);
    assert.equal(forkPointRefusal({ own: f1, inherited }, 0), null);
    assert.match(
      forkPointRefusal({ own: f1, inherited }, 3) ?? '',
      /waiting for approval .*; the nearest revision to fork at is 2$/,
    );
  });
});
