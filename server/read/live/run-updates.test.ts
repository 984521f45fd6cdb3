import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { RunView } from '../../../projections/runs/queries.ts';
import { exampleIds } from '../../../schema/events/examples.ts';
import { eventCatalogue, runStream } from '../../../schema/events/index.ts';
import { newEventId } from '../../eventstore/ids.ts';
import { createMemoryEventStore } from '../../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../../eventstore/port.ts';
import { createEventHub } from '../../graphql/live/event-hub.ts';
import { silentLogger } from '../../logger.ts';
import { appendLog, exampleStory } from '../../testkit/event-log.ts';
import { runUpdates } from './run-updates.ts';

/** The example story in a memory store with a live hub, counting whole-stream reads (folds). */
async function story() {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  await appendLog(store, exampleStory());
  const folds = { count: 0 };
  const counting: EventStore = Object.create(store, {
    readStream: {
      value: (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
        if (!options?.fromRevision) folds.count++;
        return store.readStream(stream, options);
      },
    },
  });
  const hub = createEventHub({ store, logger: silentLogger });
  await hub.start();
  const events = await store.readStream(runStream(exampleIds.runId));
  const head = events.at(-1)?.revision ?? -1;
  /** The read model's row: a stand-in that says which revision it holds. */
  const rowAt = (revision: number) =>
    ({ id: exampleIds.runId, status: 'ROW', lastRevision: revision }) as unknown as RunView;
  return { store, counting, hub, head, rowAt, folds };
}

const annotation = (step: number) => ({
  id: newEventId(),
  type: 'StepAnnotated',
  data: { annotationId: newEventId(), step, label: 'good', score: 1, by: 'user:analyst' },
  metadata: { actor: 'user:analyst' },
});

describe('runUpdated for one run', () => {
  it('serves a read model that holds every event as the first view, and folds only when a new event comes', async () => {
    const { store, counting, hub, head, rowAt, folds } = await story();
    try {
      const updates = runUpdates(
        { store: counting, hub, readView: async () => rowAt(head) },
        exampleIds.runId,
      );
      const first = await updates.next();
      assert.equal(first.value?.status, 'ROW');
      assert.equal(folds.count, 0, 'nothing folded to open the run');
      const next = updates.next();
      await store.append(runStream(exampleIds.runId), [annotation(1)]);
      const second = await next;
      assert.equal(second.value?.lastRevision, head + 1, 'the new event is in the folded view');
      assert.notEqual(second.value?.status, 'ROW');
      assert.equal(folds.count, 1);
      await updates.return?.();
    } finally {
      await hub.stop();
    }
  });

  it('folds at once when the read model is behind the log', async () => {
    const { counting, hub, head, rowAt, folds } = await story();
    try {
      const updates = runUpdates(
        { store: counting, hub, readView: async () => rowAt(head - 1) },
        exampleIds.runId,
      );
      const first = await updates.next();
      assert.equal(first.value?.lastRevision, head);
      assert.notEqual(first.value?.status, 'ROW');
      assert.equal(folds.count, 1);
      await updates.return?.();
    } finally {
      await hub.stop();
    }
  });
});
