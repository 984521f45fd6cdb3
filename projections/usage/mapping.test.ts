import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { agentStream, runStream } from '../../schema/events/index.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import {
  entry,
  exampleStory,
  recordedLog,
  storyIds,
  TEST_LOG_START,
  troubledRunStory,
} from '../../server/testkit/event-log.ts';
import { type LlmCallRow, mapUsageEvents, mergeToolCall, type ToolCallChange } from './mapping.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const { failedCallId: otherCall, unknownCallId: unknownCall } = storyIds;

/**
 * What the writer makes of a sequence of batches, in memory: the same rules (calls written once,
 * tool call fields first-non-null, agents looked up from the runs seen before).
 */
function applyBatches(batches: readonly RecordedEvent[][]) {
  const agents = new Map<string, string>();
  const calls = new Map<string, LlmCallRow>();
  const tools = new Map<string, ToolCallChange>();
  for (const batch of batches) {
    const changes = mapUsageEvents(batch);
    for (const run of changes.runs) if (!agents.has(run.runId)) agents.set(run.runId, run.agentId);
    for (const call of changes.llmCalls) {
      if (!calls.has(call.eventId))
        calls.set(call.eventId, { ...call, agentId: call.agentId ?? agents.get(call.runId) ?? null });
    }
    for (const change of changes.toolCalls) {
      const resolved = { ...change, agentId: change.agentId ?? agents.get(change.runId) ?? null };
      const row = tools.get(change.callId);
      if (row) mergeToolCall(row, resolved);
      else tools.set(change.callId, resolved);
    }
  }
  const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  return { agents: sorted(agents), calls: sorted(calls), tools: sorted(tools) };
}

describe('usage mapping', () => {
  it('given the example story → two answered calls, one tool call and the run’s agent', () => {
    const events = recordedLog(exampleStory());
    const changes = mapUsageEvents(events);
    assert.deepEqual(changes.runs, [{ runId: exampleIds.runId, agentId: exampleIds.agentId }]);
    assert.deepEqual(changes.llmCalls[0], {
      eventId: events[2]?.id,
      runId: exampleIds.runId,
      agentId: exampleIds.agentId,
      step: 1,
      outcome: 'completed',
      model: 'demo-scripted-1',
      inputTokens: 812,
      outputTokens: 64,
      cachedInputTokens: 512,
      reasoningTokens: 0,
      costNanoUsd: 1_200_000,
      latencyMs: 420,
      recordedAt: at(2),
      position: 't:000003',
    });
    assert.deepEqual(
      changes.llmCalls.map((call) => [call.step, call.outcome]),
      [
        [1, 'completed'],
        [2, 'completed'],
      ],
    );
    assert.deepEqual(changes.toolCalls, [
      {
        callId: exampleIds.callId,
        runId: exampleIds.runId,
        agentId: exampleIds.agentId,
        tool: 'send_email',
        step: 1,
        startedAt: at(7),
        outcome: 'succeeded',
        durationMs: 35,
        finishedAt: at(8),
      },
    ]);
  });

  it('records failed and rejected calls, failed tools and unknown outcomes', () => {
    const changes = mapUsageEvents(recordedLog(troubledRunStory()));
    assert.deepEqual(
      changes.llmCalls.map((call) => [call.outcome, call.model, call.latencyMs, call.costNanoUsd]),
      [
        ['failed', null, null, 0],
        ['rejected', 'demo-scripted-1', 390, 1_100_000],
      ],
    );
    assert.deepEqual(
      changes.toolCalls.map((call) => [call.callId, call.outcome, call.durationMs, call.step]),
      [
        [otherCall, 'failed', 10_000, 2],
        [unknownCall, 'unknown', null, 3],
      ],
    );
  });

  it('keeps cached input and reasoning tokens apart from the totals they are part of', () => {
    const run = runStream(exampleIds.runId);
    const usage = { inputTokens: 2000, outputTokens: 900, cachedTokens: 1500, reasoningTokens: 700 };
    const changes = mapUsageEvents(
      recordedLog([
        entry(run, 'ReasoningCompleted', { ...exampleEvents.ReasoningCompleted, usage }),
        entry(run, 'ModelOutputRejected', { ...exampleEvents.ModelOutputRejected, usage }),
        entry(run, 'ReasoningFailed', exampleEvents.ReasoningFailed),
      ]),
    );
    assert.deepEqual(
      changes.llmCalls.map((call) => [
        call.outcome,
        call.inputTokens,
        call.outputTokens,
        call.cachedInputTokens,
        call.reasoningTokens,
      ]),
      [
        ['completed', 2000, 900, 1500, 700],
        ['rejected', 2000, 900, 1500, 700],
        ['failed', 0, 0, 0, 0],
      ],
    );
  });

  it('a batch without RunStarted leaves the agent to the writer; other streams are ignored', () => {
    const run = runStream(exampleIds.runId);
    const changes = mapUsageEvents(
      recordedLog([
        entry(agentStream(exampleIds.agentId), 'AgentCreated', exampleEvents.AgentCreated),
        entry(run, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
        entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted),
      ]),
    );
    assert.deepEqual(changes.runs, []);
    assert.equal(changes.llmCalls[0]?.agentId, null);
    assert.deepEqual(changes.toolCalls[0], {
      callId: exampleIds.callId,
      runId: exampleIds.runId,
      agentId: null,
      tool: null,
      step: null,
      startedAt: null,
      outcome: 'succeeded',
      durationMs: 35,
      finishedAt: at(1),
    });
  });

  it('gives the same rows however the log is cut into batches', () => {
    const events = recordedLog([...exampleStory(), ...troubledRunStory()]);
    const whole = applyBatches([events]);
    assert.equal(whole.calls.length, 4);
    assert.ok(whole.calls.every(([, call]) => call.agentId === exampleIds.agentId));
    for (let cut = 1; cut < events.length; cut++) {
      for (const size of [1, 3]) {
        const batches = [events.slice(0, cut), events.slice(cut, cut + size), events.slice(cut + size)];
        assert.deepEqual(applyBatches(batches), whole, `cut at ${cut}, then ${size}`);
      }
    }
  });
});
