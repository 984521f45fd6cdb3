import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../schema/events/examples.ts';
import { runStream } from '../schema/events/index.ts';
import type { RecordedEvent } from '../server/eventstore/port.ts';
import { entry, recordedLog } from '../server/testkit/event-log.ts';
import { createEventBatcher } from './batcher.ts';

const events = recordedLog(
  Array.from({ length: 7 }, () =>
    entry(runStream(exampleIds.runId), 'MemoryStored', exampleEvents.MemoryStored),
  ),
);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Yields `events`, pausing `gapMs` before the ones at the given indexes. */
async function* source(gaps: Record<number, number> = {}): AsyncGenerator<RecordedEvent> {
  for (const [i, event] of events.entries()) {
    if (gaps[i]) await sleep(gaps[i]);
    yield event;
  }
}

const positions = (batch: RecordedEvent[] | null) => batch?.map((event) => event.position) ?? null;

describe('event batcher', () => {
  it('cuts at batchSize and ends with null when the source ends', async () => {
    const batcher = createEventBatcher(source(), { batchSize: 3, maxBatchMs: 1000 });
    assert.deepEqual(positions(await batcher.next()), ['t:000001', 't:000002', 't:000003']);
    assert.deepEqual(positions(await batcher.next()), ['t:000004', 't:000005', 't:000006']);
    assert.deepEqual(positions(await batcher.next()), ['t:000007']);
    assert.equal(await batcher.next(), null);
    assert.equal(await batcher.next(), null);
  });

  it('closes a batch maxBatchMs after its first event and loses nothing still being read', async () => {
    const batcher = createEventBatcher(source({ 2: 80, 5: 80 }), { batchSize: 100, maxBatchMs: 20 });
    assert.deepEqual(positions(await batcher.next()), ['t:000001', 't:000002']);
    assert.deepEqual(positions(await batcher.next()), ['t:000003', 't:000004', 't:000005']);
    assert.deepEqual(positions(await batcher.next()), ['t:000006', 't:000007']);
    assert.equal(await batcher.next(), null);
  });

  it('waits as long as it takes for the first event of a batch', async () => {
    const batcher = createEventBatcher(source({ 0: 60 }), { batchSize: 2, maxBatchMs: 5 });
    assert.deepEqual(positions(await batcher.next()), ['t:000001', 't:000002']);
  });
});
