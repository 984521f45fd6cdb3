import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents } from '../../../schema/events/examples.ts';
import { eventCatalogue } from '../../../schema/events/index.ts';
import { newEventId } from '../../eventstore/ids.ts';
import { createMemoryEventStore } from '../../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../../eventstore/port.ts';
import { createEventHub } from '../../graphql/live/event-hub.ts';
import { silentLogger } from '../../logger.ts';
import { firstRevisionAfter, readRunEvents, runEventStream } from './run-event-stream.ts';

const runId = '01930000-0000-7000-8000-000000000020';
const stream = `run-${runId}`;

async function storeWithRun(events: number): Promise<EventStore> {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  await store.append(stream, [
    { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted } },
  ]);
  // Another stream interleaved, so positions of the run are not consecutive.
  for (let attempt = 1; attempt < events; attempt++) {
    await store.append(stream, [
      { id: newEventId(), type: 'ReasoningFailed', data: { ...exampleEvents.ReasoningFailed, attempt } },
    ]);
    if (attempt % 7 === 0) {
      await store.append(`run-other-${attempt}`, [
        { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted } },
      ]);
    }
  }
  return store;
}

describe('run event stream', () => {
  it('finds the first revision after any cursor, for every cursor of the run', async () => {
    const store = await storeWithRun(37);
    const history = await store.readStream(stream);
    assert.equal(await firstRevisionAfter(store, stream, null), 0);
    for (const event of history) {
      assert.equal(await firstRevisionAfter(store, stream, event.position), event.revision + 1);
    }
    // A cursor between two of the run's events (another stream's position).
    const [between] = await store.readStream('run-other-7');
    assert.ok(between);
    const next = history.find((event) => event.position > between.position);
    assert.equal(await firstRevisionAfter(store, stream, between.position), next?.revision);
  });

  it('pages the Run.events connection from the cursor', async () => {
    const store = await storeWithRun(25);
    const history = await store.readStream(stream);
    const page = await readRunEvents(store, runId, history[9]?.position ?? null, 10);
    assert.deepEqual(
      page.events.map((event) => event.revision),
      [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
    );
    assert.equal(page.hasNextPage, true);
    const lastPage = await readRunEvents(store, runId, history[19]?.position ?? null, 10);
    assert.equal(lastPage.events.length, 5);
    assert.equal(lastPage.hasNextPage, false);
  });

  it('streams a history longer than a page, then live events, each once', async () => {
    const store = await storeWithRun(1234);
    const hub = createEventHub({ store, logger: silentLogger });
    await hub.start();
    const history = await store.readStream(stream);
    const events = runEventStream({ store, hub }, runId, history[600]?.position ?? null);
    const seen: number[] = [];
    const writer = (async () => {
      for (let attempt = 1234; attempt < 1240; attempt++) {
        await store.append(stream, [
          { id: newEventId(), type: 'ReasoningFailed', data: { ...exampleEvents.ReasoningFailed, attempt } },
        ]);
      }
    })();
    for await (const event of events) {
      seen.push(event.revision);
      if (seen.length === 1240 - 601) break;
    }
    await writer;
    assert.deepEqual(
      seen,
      Array.from({ length: 1240 - 601 }, (_, i) => i + 601),
    );
    await hub.stop();
  });
});
