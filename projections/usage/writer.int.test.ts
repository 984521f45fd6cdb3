import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import {
  entry,
  exampleStory,
  recordedLog,
  TEST_LOG_START,
  troubledRunStory,
} from '../../server/testkit/event-log.ts';
import {
  projectEvents,
  readModelRows,
  resetReadModels,
  sqlTargets,
} from '../../server/testkit/read-models.ts';
import {
  countLlmErrors,
  llmLatency,
  llmLatencyHistogram,
  toolLatency,
  UsageBucketSize,
  usageBuckets,
  usageTotals,
} from './queries.ts';
import { usageProjection } from './usage-projection.ts';

const HOUR = 3600 * 1000;
const everything = { from: null, to: null };

/** The example story, then the troubled run two hours and a day later (its second half). */
function spreadLog(): RecordedEvent[] {
  const story = exampleStory();
  return recordedLog([...story, ...troubledRunStory()]).map((event, i) => {
    if (i < story.length) return event;
    const shift = i < story.length + 3 ? 2 * HOUR : 26 * HOUR;
    return { ...event, recordedAt: new Date(event.recordedAt.getTime() + shift) };
  });
}

for (const target of sqlTargets) {
  describe(`usage writer and queries on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('gives the same rows however the log is cut into batches', async () => {
      const events = spreadLog();
      await resetReadModels(db);
      await projectEvents(db, usageProjection, events);
      const whole = await readModelRows(db, [usageProjection]);
      assert.equal(whole.usage_llm_calls?.length, 4);
      assert.equal(whole.usage_tool_calls?.length, 3);
      assert.ok(whole.usage_llm_calls?.every((row) => row.agent_id === exampleIds.agentId));
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, usageProjection, events, [cut, Math.min(events.length, cut + 2)]);
        assert.deepEqual(await readModelRows(db, [usageProjection]), whole, `cut at ${cut}`);
      }
    });

    it('sums usage per bucket, model and agent, and reports latencies and errors', async () => {
      await resetReadModels(db);
      await projectEvents(db, usageProjection, spreadLog());
      const hourly = await usageBuckets(db, everything, UsageBucketSize.Hour);
      const start = (hours: number) => new Date(TEST_LOG_START.getTime() + hours * HOUR);
      assert.deepEqual(hourly, [
        {
          start: start(0),
          model: 'demo-scripted-1',
          agentId: exampleIds.agentId,
          llmCalls: 2,
          inputTokens: 1624,
          outputTokens: 128,
          cachedInputTokens: 1024,
          reasoningTokens: 0,
          costUsd: 0.0024,
        },
        {
          start: start(2),
          model: 'demo-scripted-1',
          agentId: exampleIds.agentId,
          llmCalls: 1,
          inputTokens: 812,
          outputTokens: 64,
          cachedInputTokens: 512,
          reasoningTokens: 0,
          costUsd: 0.0011,
        },
      ]);
      const daily = await usageBuckets(db, everything, UsageBucketSize.Day);
      assert.deepEqual(
        daily.map((row) => [row.start, row.llmCalls]),
        [[start(-12), 3]],
      );
      const minutes = await usageBuckets(db, { from: start(1), to: null }, UsageBucketSize.Minute);
      assert.deepEqual(
        minutes.map((row) => [row.start, row.llmCalls]),
        [[start(2), 1]],
      );
      assert.deepEqual(await usageBuckets(db, { ...everything, agentId: 'nobody' }, 'hour'), []);

      assert.deepEqual(await llmLatency(db, everything), {
        count: 3,
        p50: 420,
        p95: 420,
        p99: 420,
        max: 420,
      });
      assert.deepEqual(await llmLatency(db, { from: start(1), to: null }), {
        count: 1,
        p50: 390,
        p95: 390,
        p99: 390,
        max: 390,
      });
      const tools = await toolLatency(db, everything);
      assert.deepEqual(tools, { count: 2, p50: 5017.5, p95: 9501.75, p99: 9900.35, max: 10_000 });
      assert.deepEqual(await toolLatency(db, { from: start(30), to: null }), {
        count: 0,
        p50: null,
        p95: null,
        p99: null,
        max: null,
      });
      assert.equal(await countLlmErrors(db, everything), 2);
      assert.equal(await countLlmErrors(db, { from: null, to: start(1) }), 0);
    });

    it('totals every call per model and outcome, cached and reasoning tokens included', async () => {
      await resetReadModels(db);
      const run = runStream(exampleIds.runId);
      const thinking = { inputTokens: 3000, outputTokens: 1200, cachedTokens: 2048, reasoningTokens: 900 };
      await projectEvents(db, usageProjection, [
        ...spreadLog(),
        ...recordedLog([
          entry(run, 'ReasoningCompleted', {
            ...exampleEvents.ReasoningCompleted,
            model: 'o4-mini',
            usage: thinking,
            costUsd: 0.00672,
            latencyMs: 7000,
          }),
        ]).map((event) => ({ ...event, position: 't:999999' })),
      ]);
      assert.deepEqual(await usageTotals(db), [
        {
          model: null,
          outcome: 'failed',
          llmCalls: 1,
          inputTokens: 0,
          outputTokens: 0,
          cachedInputTokens: 0,
          reasoningTokens: 0,
          costUsd: 0,
        },
        {
          model: 'demo-scripted-1',
          outcome: 'completed',
          llmCalls: 2,
          inputTokens: 1624,
          outputTokens: 128,
          cachedInputTokens: 1024,
          reasoningTokens: 0,
          costUsd: 0.0024,
        },
        {
          model: 'demo-scripted-1',
          outcome: 'rejected',
          llmCalls: 1,
          inputTokens: 812,
          outputTokens: 64,
          cachedInputTokens: 512,
          reasoningTokens: 0,
          costUsd: 0.0011,
        },
        {
          model: 'o4-mini',
          outcome: 'completed',
          llmCalls: 1,
          inputTokens: 3000,
          outputTokens: 1200,
          cachedInputTokens: 2048,
          reasoningTokens: 900,
          costUsd: 0.00672,
        },
      ]);
      // Answered calls: 420, 420, 390 and 7,000 ms.
      assert.deepEqual(await llmLatencyHistogram(db, [0.4, 0.5, 10]), {
        bounds: [0.4, 0.5, 10],
        counts: [1, 3, 4],
        count: 4,
        sumSeconds: 8.23,
      });
    });
  });
}
