import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { SafetyVerdict } from '../engine/run-state.ts';
import { simulateRun } from '../engine/simulated-world.ts';
import { recorded, story } from '../engine/testing.ts';
import { backtestCalls, type DraftVerdict, wouldHaveStopped } from './backtest-calls.ts';

const RUN = 'run-under-test';
const verdict = (decision: SafetyVerdict['decision'], risk: SafetyVerdict['risk']): SafetyVerdict => ({
  decision,
  risk,
  reasons: [`draft says ${decision}`],
  policyId: null,
  policyVersion: null,
});
const blockSql: DraftVerdict = (_state, tool) =>
  tool === 'run_sql' ? verdict('block', 'CRITICAL') : verdict('allow', 'LOW');

describe('backtestCalls (given a recorded run, when a draft judges its calls, then …)', () => {
  test('each recorded verdict is set beside the draft’s, with the params the proposal carried', () => {
    const log = recorded([
      story.runStarted(),
      story.action(1, 'run_sql', { sql: 'SELECT 1' }),
      story.safety(1, 'allow', 'run_sql'),
      story.toolStarted(1),
      story.toolSucceeded(),
      story.remembered(1),
      story.action(2, 'send_email', { to: 'a@example.com' }),
      story.safety(2, 'require_approval', 'send_email'),
    ]);

    const calls = backtestCalls(RUN, { own: log, inherited: [] }, blockSql);

    assert.deepEqual(
      calls.map(
        ({
          step,
          tool,
          params,
          recordedDecision,
          draftDecision,
          recordedRisk,
          draftRisk,
          changed,
          revision,
        }) => ({
          step,
          tool,
          params,
          recordedDecision,
          draftDecision,
          recordedRisk,
          draftRisk,
          changed,
          revision,
        }),
      ),
      [
        {
          step: 1,
          tool: 'run_sql',
          params: { sql: 'SELECT 1' },
          recordedDecision: 'allow',
          draftDecision: 'block',
          recordedRisk: 'MEDIUM',
          draftRisk: 'CRITICAL',
          changed: true,
          revision: 2,
        },
        {
          step: 2,
          tool: 'send_email',
          params: { to: 'a@example.com' },
          recordedDecision: 'require_approval',
          draftDecision: 'allow',
          recordedRisk: 'HIGH',
          draftRisk: 'LOW',
          changed: true,
          revision: 7,
        },
      ],
    );
    assert.deepEqual(calls[0]?.reasons, ['draft says block']);
    assert.deepEqual(calls.map(wouldHaveStopped), [true, false]);
  });

  test('an operator’s edit is judged with the edited params', () => {
    const seen: Record<string, unknown>[] = [];
    const log = recorded([
      story.runStarted(),
      story.action(1, 'run_sql', { sql: 'SELECT 1' }),
      story.safety(1, 'require_approval'),
      story.approvalAsked(1, 'run_sql', { sql: 'SELECT 1' }),
      story.granted({ sql: 'SELECT 2' }),
      story.safety(1, 'allow'),
    ]);
    backtestCalls(RUN, { own: log, inherited: [] }, (_state, _tool, params) => {
      seen.push(params);
      return verdict('allow', 'MEDIUM');
    });
    assert.deepEqual(seen, [{ sql: 'SELECT 1' }, { sql: 'SELECT 2' }]);
  });

  test('a draft that judges as the recorded policy did changes nothing, over any simulated run', () => {
    for (let seed = 0; seed < 200; seed++) {
      const choices = Array.from({ length: 30 }, (_, i) => (seed * 7919 + i * 104729) % 1000);
      const log = simulateRun(choices);
      const verdicts = new Map(
        log.flatMap((event) =>
          event.type === 'SafetyEvaluated' ? [[event.revision, event.data] as const] : [],
        ),
      );
      let revision = -1;
      const sameAsRecorded: DraftVerdict = (state) => {
        // The recorded verdict of the event right after this state.
        revision = state.revision + 1;
        const data = verdicts.get(revision);
        assert.ok(data, `a verdict was asked only before a SafetyEvaluated (revision ${revision})`);
        return verdict(data.decision, data.risk);
      };
      const calls = backtestCalls(RUN, { own: log, inherited: [] }, sameAsRecorded);
      assert.equal(calls.length, verdicts.size);
      assert.equal(calls.filter((call) => call.changed).length, 0);
    }
  });

  test('a stream without RunStarted has no calls', () => {
    assert.deepEqual(backtestCalls(RUN, { own: [], inherited: [] }, blockSql), []);
  });
});
