import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleIds } from '../../../../schema/events/examples.ts';
import { runStream } from '../../../../schema/events/index.ts';
import { exampleStory, recordedLog } from '../../../../server/testkit/event-log.ts';
import type { RunSummaryFieldsFragment } from '../../gql/graphql';
import { summaryAtRevision } from './replay-summary.ts';
import { eventsUpTo } from './trace-events.ts';
import { foldTrace } from './trace-fold.ts';
import type { TraceEvent } from './trace-types.ts';

const events: TraceEvent[] = recordedLog(exampleStory())
  .filter((event) => event.stream === runStream(exampleIds.runId))
  .map((event, revision) => ({
    position: event.position,
    revision,
    type: event.type,
    data: event.data,
    recordedAt: event.recordedAt.toISOString(),
  }));

const finished = foldTrace(events);
/** The run's latest state, as the API gives it. */
const run: RunSummaryFieldsFragment = {
  id: exampleIds.runId,
  status: 'COMPLETED',
  startedAt: events[0]?.recordedAt ?? '',
  finishedAt: events.at(-1)?.recordedAt ?? null,
  updatedAt: events.at(-1)?.recordedAt ?? '',
  lastRevision: events.length - 1,
  lastPosition: events.at(-1)?.position ?? '',
  output: finished.run.output,
  error: null,
  metrics: {
    steps: 2,
    inputTokens: finished.tokens.input,
    outputTokens: finished.tokens.output,
    costUsd: finished.costUsd,
    durationMs: Date.parse(events.at(-1)?.recordedAt ?? '') - Date.parse(events[0]?.recordedAt ?? ''),
  },
};

describe('summaryAtRevision', () => {
  it('rewinds status, steps, tokens, cost, duration and the final answer', () => {
    const waiting = events.findIndex((event) => event.type === 'ApprovalRequested');
    const then = eventsUpTo(events, waiting);
    const shown = summaryAtRevision(run, foldTrace(then), then.at(-1)?.recordedAt ?? null);
    assert.equal(shown.status, 'WAITING_FOR_APPROVAL');
    assert.equal(shown.metrics.steps, 1);
    assert.ok(shown.metrics.inputTokens < run.metrics.inputTokens);
    assert.ok(shown.metrics.costUsd < run.metrics.costUsd);
    assert.equal(
      shown.metrics.durationMs,
      Date.parse(then.at(-1)?.recordedAt ?? '') - Date.parse(run.startedAt),
    );
    assert.equal(shown.output, null, 'no final answer before the run gave it');
    assert.equal(shown.finishedAt, null);
  });

  it('at the last revision is the run as it ended', () => {
    const shown = summaryAtRevision(run, finished, events.at(-1)?.recordedAt ?? null);
    assert.equal(shown.status, 'COMPLETED');
    assert.deepEqual(shown.metrics, run.metrics);
    assert.deepEqual(shown.output, run.output);
  });
});
