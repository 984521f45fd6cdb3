import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../../schema/events/examples.ts';
import { eventCatalogue, runStream } from '../../../schema/events/index.ts';
import { createMemoryEventStore } from '../../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../../eventstore/port.ts';
import { appendLog, entry, exampleStory } from '../../testkit/event-log.ts';
import { createLiveViews } from './live-views.ts';

/** The example story in a memory store, and how often a stream was read. */
async function storyStore() {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  await appendLog(store, exampleStory());
  const reads = { count: 0 };
  const counting: EventStore = Object.create(store, {
    readStream: {
      value: (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
        reads.count++;
        return store.readStream(stream, options);
      },
    },
  });
  return { store: counting, events: await store.readStream(runStream(exampleIds.runId)), reads };
}

describe('live views', () => {
  it('folds a run event by event, reading its stream once, once per event whatever the subscribers', async () => {
    const { store, events, reads } = await storyStore();
    const views = createLiveViews(store);
    const statuses: string[] = [];
    for (const event of events) {
      const [a, b] = await Promise.all([views.runAt(event), views.runAt(event)]);
      assert.equal(a, b, 'one view object per event');
      statuses.push(a.status);
    }
    assert.equal(reads.count, 1, 'only the first event read the stream');
    assert.deepEqual(statuses, [
      'QUEUED',
      'RUNNING',
      'RUNNING',
      'WAITING_FOR_APPROVAL',
      'RUNNING',
      'RUNNING',
      'RUNNING',
      'RUNNING',
      'RUNNING',
      'COMPLETED',
    ]);
    const last = await views.runAt(events.at(-1) as (typeof events)[number]);
    assert.deepEqual(
      [last.id, last.steps, last.inputTokens, last.lastRevision],
      [exampleIds.runId, 2, 1624, 9],
    );
  });

  it('a finished run keeps the finish time its events recorded, however often and late it is read', async () => {
    const { store, events } = await storyStore();
    const completed = events.at(-1) as (typeof events)[number];
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const views of [createLiveViews(store), createLiveViews(store, { maxRuns: 0 })]) {
      for (const event of events) await views.runAt(event);
      const view = await views.runAt(completed);
      assert.deepEqual(view.finishedAt, completed.recordedAt);
      assert.deepEqual(view.updatedAt, completed.recordedAt);
    }
    const cold = await createLiveViews(store).runAt(completed);
    assert.deepEqual(cold.finishedAt, completed.recordedAt, 'folded from the stream at once');
  });

  it('a run it does not hold (or holds behind) is folded from its stream up to the event', async () => {
    const { store, events, reads } = await storyStore();
    const views = createLiveViews(store, { maxRuns: 1 });
    const middle = await views.runAt(events[3] as (typeof events)[number]);
    assert.deepEqual([middle.status, middle.lastRevision], ['WAITING_FOR_APPROVAL', 3]);
    const later = await views.runAt(events[8] as (typeof events)[number]);
    assert.deepEqual([later.status, later.lastRevision], ['RUNNING', 8]);
    assert.equal(reads.count, 2);
  });

  it('a fork is folded with what it inherited from its source', async () => {
    const { store } = await storyStore();
    const forkId = '01930000-0000-7000-8000-0000000000f1';
    await appendLog(store, [
      entry(runStream(forkId), 'RunStarted', {
        ...exampleEvents.RunStarted,
        runId: forkId,
        forkedFrom: { runId: exampleIds.runId, atRevision: 1 },
      }),
    ]);
    const [started] = await store.readStream(runStream(forkId));
    const view = await createLiveViews(store).runAt(started as NonNullable<typeof started>);
    assert.deepEqual(
      [view.id, view.steps, view.inputTokens],
      [forkId, 1, 0],
      'step 1 inherited, not its cost',
    );
  });

  it('shows an approval as of each of its events', async () => {
    const { store, events } = await storyStore();
    const views = createLiveViews(store);
    const byType = (type: string) => events.find((event) => event.type === type) as (typeof events)[number];
    const requested = await views.approvalAt(byType('ApprovalRequested'));
    assert.deepEqual(
      [requested?.id, requested?.status, requested?.agentId, requested?.tool, requested?.decidedBy],
      [exampleIds.approvalId, 'PENDING', exampleIds.agentId, 'send_email', null],
    );
    const granted = await views.approvalAt(byType('ApprovalGranted'));
    assert.deepEqual(
      [granted?.status, granted?.decidedBy, granted?.comment, granted?.runEndedAt],
      ['APPROVED', 'user-operator', 'Softened the wording.', null],
    );
    assert.equal(await views.approvalAt(byType('RunStarted')), null);
  });
});
