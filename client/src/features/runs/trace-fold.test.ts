import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../../../schema/events/examples.ts';
import { runStream } from '../../../../schema/events/index.ts';
import { entry, exampleStory, type LogEntry, recordedLog } from '../../../../server/testkit/event-log.ts';
import { historyArbitrary } from '../../../../server/testkit/history-arbitrary.ts';
import { eventsUpTo, mergeEvents } from './trace-events.ts';
import { foldTrace } from './trace-fold.ts';
import { StepStatus, type TraceEvent } from './trace-types.ts';

const run = runStream(exampleIds.runId);

/** The entries of one run as the API delivers them. */
function traceEvents(entries: readonly LogEntry[]): TraceEvent[] {
  return recordedLog(entries).map((event) => ({
    position: event.position,
    revision: event.revision,
    type: event.type,
    data: event.data,
    recordedAt: event.recordedAt.toISOString(),
  }));
}

function runOnly(entries: readonly LogEntry[]): LogEntry[] {
  return entries.filter((item) => item.stream === run);
}

const started = entry(run, 'RunStarted', exampleEvents.RunStarted);
const reasoning = entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted);
const safety = entry(run, 'SafetyEvaluated', exampleEvents.SafetyEvaluated);
const asked = entry(run, 'ApprovalRequested', exampleEvents.ApprovalRequested);
const toolStarted = entry(run, 'ToolCallStarted', exampleEvents.ToolCallStarted);

describe('foldTrace', () => {
  it('folds the example story into one row per step with approval, tool result and totals', () => {
    const trace = foldTrace(traceEvents(runOnly(exampleStory())));
    assert.equal(trace.run.phase, 'completed');
    assert.equal(trace.run.goal, exampleEvents.RunStarted.inputs.goal);
    assert.deepEqual(
      trace.steps.map((step) => [step.step, step.status]),
      [
        [1, StepStatus.Succeeded],
        [2, StepStatus.Finished],
      ],
    );
    const [first] = trace.steps;
    assert.ok(first);
    assert.equal(first.tool, 'send_email');
    assert.equal(first.thought, exampleEvents.ReasoningCompleted.thought);
    assert.deepEqual(first.safety, {
      risk: 'HIGH',
      decision: 'require_approval',
      reasons: ['Email to an external address.'],
      policyId: exampleIds.policyId,
      policyVersion: 1,
    });
    assert.equal(first.approval?.status, 'approved');
    assert.equal(first.approval?.by, exampleEvents.ApprovalGranted.by);
    assert.deepEqual(first.approval?.editedParams, exampleEvents.ApprovalGranted.editedParams);
    assert.equal(first.toolCalls[0]?.status, 'succeeded');
    assert.deepEqual(first.toolCalls[0]?.result, exampleEvents.ToolCallSucceeded.result);
    assert.equal(first.toolCalls[0]?.durationMs, exampleEvents.ToolCallSucceeded.durationMs);
    assert.equal(first.tokens.input, exampleEvents.ReasoningCompleted.usage.inputTokens);
    assert.equal(first.llmLatencyMs, exampleEvents.ReasoningCompleted.latencyMs);
    assert.equal(
      trace.tokens.input,
      trace.steps.reduce((sum, step) => sum + step.tokens.input, 0),
    );
  });

  it('shows a step waiting for approval, then rejected with the comment', () => {
    const waiting = foldTrace(traceEvents([started, reasoning, safety, asked]));
    assert.equal(waiting.steps[0]?.status, StepStatus.AwaitingApproval);
    assert.equal(waiting.run.phase, 'running');
    const rejected = foldTrace(
      traceEvents([
        started,
        reasoning,
        safety,
        asked,
        entry(run, 'ApprovalRejected', exampleEvents.ApprovalRejected),
      ]),
    );
    assert.equal(rejected.steps[0]?.status, StepStatus.Rejected);
    assert.equal(rejected.steps[0]?.approval?.comment, exampleEvents.ApprovalRejected.comment);
  });

  it('applies the expiry action: reject expires the step, approve lets it run, escalate keeps it open', () => {
    const expire = (action: 'reject' | 'approve' | 'escalate') =>
      foldTrace(
        traceEvents([
          started,
          reasoning,
          safety,
          asked,
          entry(run, 'ApprovalExpired', { approvalId: exampleIds.approvalId, action }),
        ]),
      ).steps[0];
    assert.equal(expire('reject')?.status, StepStatus.Expired);
    assert.equal(expire('approve')?.status, StepStatus.Approved);
    assert.equal(expire('escalate')?.status, StepStatus.AwaitingApproval);
    const escalated = foldTrace(
      traceEvents([
        started,
        reasoning,
        safety,
        asked,
        entry(run, 'ApprovalEscalated', exampleEvents.ApprovalEscalated),
      ]),
    ).steps[0];
    assert.equal(escalated?.approval?.escalated, true);
    assert.equal(escalated?.approval?.escalatedTo, 'role:admin');
  });

  it('records tool failures, unknown outcomes, retried reasoning and rejected model output', () => {
    const failed = foldTrace(
      traceEvents([
        started,
        reasoning,
        toolStarted,
        entry(run, 'ToolCallFailed', exampleEvents.ToolCallFailed),
      ]),
    ).steps[0];
    assert.equal(failed?.status, StepStatus.Failed);
    assert.equal(failed?.toolCalls[0]?.error?.message, 'SMTP connection timed out.');
    const unknown = foldTrace(
      traceEvents([
        started,
        reasoning,
        toolStarted,
        entry(run, 'ToolCallOutcomeUnknown', exampleEvents.ToolCallOutcomeUnknown),
      ]),
    ).steps[0];
    assert.equal(unknown?.status, StepStatus.OutcomeUnknown);
    const retried = foldTrace(
      traceEvents([
        started,
        entry(run, 'ReasoningFailed', exampleEvents.ReasoningFailed),
        entry(run, 'ModelOutputRejected', exampleEvents.ModelOutputRejected),
      ]),
    );
    const step = retried.steps[0];
    assert.equal(step?.status, StepStatus.Malformed);
    assert.equal(step?.failures[0]?.code, 'http_503');
    assert.equal(step?.rejections[0]?.problem, 'unknown_tool');
    assert.equal(retried.costUsd, exampleEvents.ModelOutputRejected.costUsd);
  });

  it('marks the open step interrupted when the run is cancelled, and keeps who cancelled', () => {
    const trace = foldTrace(
      traceEvents([
        started,
        reasoning,
        safety,
        asked,
        entry(run, 'RunCancelled', exampleEvents.RunCancelled),
      ]),
    );
    assert.equal(trace.run.phase, 'cancelled');
    assert.equal(trace.run.cancelledBy, 'user-operator');
    assert.equal(trace.steps[0]?.status, StepStatus.Interrupted);
  });

  it('skips event types it does not know', () => {
    const events = traceEvents([started, reasoning]);
    const withUnknown = [
      ...events,
      { ...events[1], revision: 2, position: 'z', type: 'SomethingNew' } as TraceEvent,
    ];
    assert.deepEqual(foldTrace(withUnknown).steps, foldTrace(events).steps);
  });
});

describe('mergeEvents and eventsUpTo', () => {
  const runEventsOf = fc
    .tuple(historyArbitrary(), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }))
    .map(([history, chunks]) => {
      const entries = history.flatMap((append) => append.entries);
      const runStreams = [...new Set(entries.map((item) => item.stream))].filter((s) => s.startsWith('run-'));
      return {
        perRun: runStreams.map((stream) => traceEvents(entries.filter((item) => item.stream === stream))),
        chunks,
      };
    });

  it('folds the same trace whatever the delivery: chunked, with redeliveries after a resume', () => {
    fc.assert(
      fc.property(runEventsOf, ({ perRun, chunks }) => {
        for (const events of perRun) {
          let merged: TraceEvent[] = [];
          for (let at = 0, c = 0; at < events.length; c++) {
            const size = chunks[c % chunks.length] as number;
            // A resumed subscription may send again what came just before the cut.
            merged = mergeEvents(merged, events.slice(Math.max(0, at - 1), at + size));
            at += size;
          }
          assert.deepEqual(merged, events);
          assert.deepEqual(foldTrace(merged), foldTrace(events));
        }
      }),
    );
  });

  it('replays a prefix: the trace as of a revision ends at that revision and sums its own steps', () => {
    fc.assert(
      fc.property(runEventsOf, fc.nat(), ({ perRun }, pick) => {
        for (const events of perRun) {
          const revision = pick % events.length;
          const trace = foldTrace(eventsUpTo(events, revision));
          assert.equal(trace.lastRevision, revision);
          assert.equal(trace.eventCount, revision + 1);
          const steps = trace.steps.map((step) => step.step);
          assert.deepEqual(
            steps,
            [...new Set(steps)].sort((a, b) => a - b),
          );
          assert.equal(
            trace.tokens.output,
            trace.steps.reduce((sum, step) => sum + step.tokens.output, 0),
          );
        }
      }),
    );
  });

  it('returns the same array when nothing is new, so a render can be skipped', () => {
    const events = traceEvents([started, reasoning]);
    assert.equal(mergeEvents(events, events.slice(1)), events);
  });
});
