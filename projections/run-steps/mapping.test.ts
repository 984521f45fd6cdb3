import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import {
  entry,
  exampleStory,
  recordedLog,
  storyIds,
  TEST_LOG_START,
  troubledRunStory,
} from '../../server/testkit/event-log.ts';
import { mapRunStepEvents, RunStepsFold } from './mapping.ts';
import { INHERITED_REVISION, PARAMS_SUMMARY_MAX, RunStepStatus, summarizeParams } from './step-row.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const forkId = '01930000-0000-7000-8000-000000000012';
const forkStarted = (atRevision: number, editedParams?: Record<string, unknown>) =>
  entry(runStream(forkId), 'RunStarted', {
    ...exampleEvents.RunStarted,
    runId: forkId,
    forkedFrom: { runId: exampleIds.runId, atRevision, ...(editedParams ? { editedParams } : {}) },
  });

describe('run_steps mapping', () => {
  it('summarizes params alike whatever their key order (jsonb reorders keys; a rebuild must agree)', () => {
    const fromEvent = {
      to: 'a@example.com',
      subject: 'Hi',
      body: 'Text',
      meta: { z: 1, a: [{ y: 2, b: 3 }] },
    };
    const fromJsonb = {
      to: 'a@example.com',
      body: 'Text',
      meta: { a: [{ b: 3, y: 2 }], z: 1 },
      subject: 'Hi',
    };
    assert.equal(summarizeParams(fromEvent), summarizeParams(fromJsonb));
  });

  it('given the example story → an approved, edited, succeeded step and a finish step', () => {
    const [first, second, ...rest] = mapRunStepEvents([], recordedLog(exampleStory()));
    assert.equal(rest.length, 0);
    assert.deepEqual(first, {
      runId: exampleIds.runId,
      step: 1,
      status: RunStepStatus.Succeeded,
      kind: 'action',
      thought: 'The customer is owed a refund; tell them by email.',
      tool: 'send_email',
      params: exampleEvents.ToolCallStarted.params,
      proposedParams: exampleEvents.ReasoningCompleted.action?.params,
      paramsSummary:
        '{"body":"Your refund is on its way.","subject":"Your refund","to":"customer@example.com"}',
      output: null,
      risk: 'HIGH',
      decision: 'require_approval',
      outcome: 'succeeded',
      result: { result: exampleEvents.ToolCallSucceeded.result },
      editedBy: 'user-operator',
      inputTokens: 812,
      outputTokens: 64,
      cachedTokens: 512,
      reasoningTokens: 0,
      costNanoUsd: 1_200_000,
      latencyMs: 420,
      startedAt: at(2),
      finishedAt: at(8),
      durationMs: 6000,
      reasoningRevision: 1,
      firstRevision: 1,
      lastRevision: 6,
    });
    assert.equal(second?.status, RunStepStatus.Finished);
    assert.deepEqual(second?.output, exampleEvents.RunCompleted.output);
    assert.deepEqual([second?.startedAt, second?.finishedAt, second?.durationMs], [at(10), at(10), 0]);
    assert.deepEqual([second?.firstRevision, second?.lastRevision], [8, 8]);
  });

  it('follows a step through each status, live, one event at a time', () => {
    const fold = new RunStepsFold();
    const statuses = recordedLog(exampleStory()).flatMap((event) =>
      fold.apply(event).map((row) => `${row.step}:${row.status}`),
    );
    assert.deepEqual(statuses, [
      '1:RUNNING_TOOL',
      '1:WAITING_FOR_APPROVAL',
      '1:WAITING_FOR_APPROVAL',
      '1:RUNNING_TOOL',
      '1:RUNNING_TOOL',
      '1:SUCCEEDED',
      '2:FINISHED',
    ]);
  });

  it('given a troubled run → retried, malformed, failed and unknown-outcome steps', () => {
    const rows = mapRunStepEvents([], recordedLog(troubledRunStory()));
    assert.deepEqual(
      rows.map((row) => [row.step, row.status, row.outcome]),
      [
        [1, RunStepStatus.Malformed, null],
        [2, RunStepStatus.Failed, 'failed'],
        [3, RunStepStatus.OutcomeUnknown, null],
      ],
      'RunFailed names step 10, which never began: no row is made for it',
    );
    assert.deepEqual(rows[0]?.result, {
      problem: 'unknown_tool',
      detail: exampleEvents.ModelOutputRejected.detail,
      raw: exampleEvents.ModelOutputRejected.raw,
    });
    assert.equal(rows[0]?.inputTokens, 812);
    assert.deepEqual(rows[1]?.result, { error: exampleEvents.ToolCallFailed.error });
  });

  it('a step whose model call failed is REASONING until it answers', () => {
    const run = runStream(storyIds.otherRunId);
    const fold = new RunStepsFold();
    const events = recordedLog([
      entry(run, 'RunStarted', { ...exampleEvents.RunStarted, runId: storyIds.otherRunId }),
      entry(run, 'ReasoningFailed', exampleEvents.ReasoningFailed),
    ]);
    const changed = events.flatMap((event) => fold.apply(event));
    assert.deepEqual(
      changed.map((row) => [row.step, row.status, row.kind]),
      [[1, RunStepStatus.Reasoning, null]],
    );
  });

  it('the same rows however the events are cut into batches', () => {
    const events = recordedLog([...exampleStory(), ...troubledRunStory()]);
    const whole = mapRunStepEvents([], events);
    for (let cut = 1; cut < events.length; cut++) {
      const first = mapRunStepEvents([], events.slice(0, cut));
      // The writer hands the fold each run's latest row; hand it every row here.
      const second = mapRunStepEvents(first, events.slice(cut));
      const merged = new Map(first.map((row) => [`${row.runId}/${row.step}`, row]));
      for (const row of second) merged.set(`${row.runId}/${row.step}`, row);
      assert.deepEqual([...merged.values()], whole, `cut at ${cut}`);
    }
  });

  it('a fork forked after a step ended inherits that step as it was', () => {
    const rows = mapRunStepEvents([], recordedLog([...exampleStory(), forkStarted(6)]));
    const inherited = rows.filter((row) => row.runId === forkId);
    assert.equal(inherited.length, 1);
    const source = rows.find((row) => row.runId === exampleIds.runId && row.step === 1);
    assert.deepEqual(inherited[0], {
      ...source,
      runId: forkId,
      reasoningRevision: INHERITED_REVISION,
      firstRevision: INHERITED_REVISION,
      lastRevision: INHERITED_REVISION,
    });
  });

  it('a fork forked after the proposal restarts the step from it: params, thought and tokens kept', () => {
    const rows = mapRunStepEvents([], recordedLog([...exampleStory(), forkStarted(1)]));
    const [step, ...more] = rows.filter((row) => row.runId === forkId);
    assert.equal(more.length, 0);
    assert.equal(step?.status, RunStepStatus.RunningTool);
    assert.deepEqual(step?.params, exampleEvents.ReasoningCompleted.action?.params);
    assert.equal(step?.thought, exampleEvents.ReasoningCompleted.thought);
    assert.equal(step?.inputTokens, 812);
    assert.deepEqual([step?.risk, step?.decision, step?.outcome, step?.editedBy], [null, null, null, null]);
    assert.deepEqual(step?.finishedAt, null);
  });

  it('a fork with edited params restarts the proposed step with them; the model’s proposal is kept apart', () => {
    const edited = { sql: 'SELECT 2' };
    const rows = mapRunStepEvents([], recordedLog([...exampleStory(), forkStarted(1, edited)]));
    const step = rows.find((row) => row.runId === forkId);
    assert.deepEqual(step?.params, edited);
    assert.equal(step?.paramsSummary, summarizeParams(edited));
    assert.deepEqual(step?.proposedParams, exampleEvents.ReasoningCompleted.action?.params);
  });

  it('the fork at a point equals folding the source only up to that point (the live path)', () => {
    const story = exampleStory();
    const sourceEvents = recordedLog(story).filter((event) => event.stream === runStream(exampleIds.runId));
    for (const atRevision of [1, 2, 4, 6]) {
      const fromFinal = mapRunStepEvents([], recordedLog([...story, forkStarted(atRevision)]));
      const upToPoint = sourceEvents.filter((event) => event.revision <= atRevision);
      const [forkStart] = recordedLog([forkStarted(atRevision)]);
      const live = mapRunStepEvents([], [...upToPoint, forkStart as (typeof upToPoint)[number]]);
      const ofFork = (rows: typeof live) => rows.filter((row) => row.runId === forkId);
      assert.deepEqual(ofFork(live), ofFork(fromFinal), `at revision ${atRevision}`);
    }
  });

  it('summarizes params on one line of at most 200 characters', () => {
    assert.equal(summarizeParams({ q: 'a  b' }), '{"q":"a b"}');
    const long = summarizeParams({ text: 'x'.repeat(500) }) ?? '';
    assert.equal(long.length, PARAMS_SUMMARY_MAX);
    assert.ok(long.endsWith('…'));
    assert.equal(summarizeParams(null), null);
  });
});
