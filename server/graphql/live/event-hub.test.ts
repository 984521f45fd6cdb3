import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../../schema/events/examples.ts';
import { eventCatalogue } from '../../../schema/events/index.ts';
import { newEventId } from '../../eventstore/ids.ts';
import { createMemoryEventStore } from '../../eventstore/memory/memory-event-store.ts';
import { silentLogger } from '../../logger.ts';
import { runEventStream } from '../../read/live/run-event-stream.ts';
import { createEventHub } from './event-hub.ts';
import { SlowSubscriberError } from './subscriber-queue.ts';

const runId = '01930000-0000-7000-8000-000000000010';
const stream = `run-${runId}`;
const failed = (attempt: number) => ({
  id: newEventId(),
  type: 'ReasoningFailed',
  data: { ...exampleEvents.ReasoningFailed, attempt },
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(check(), 'condition not reached in time');
}

describe('event hub', () => {
  it('one tail fans out; a subscriber that does not read overflows alone', async () => {
    const store = createMemoryEventStore({ catalogue: eventCatalogue });
    const hub = createEventHub({ store, logger: silentLogger, slowConsumer: { maxBytes: 2000 } });
    await hub.start();
    const overflowed: Error[] = [];
    const slow = hub.subscribe({ stream }, { onOverflow: (error) => overflowed.push(error) });
    const fast = hub.subscribe({ stream });
    const received: number[] = [];
    const reading = (async () => {
      for await (const event of fast) {
        received.push(event.revision);
        if (received.length === 20) break;
      }
    })();
    await store.append(stream, [
      { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted } },
    ]);
    for (let attempt = 1; attempt < 20; attempt++) await store.append(stream, [failed(attempt)]);
    await reading;
    assert.deepEqual(
      received,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.equal(overflowed.length, 1);
    await assert.rejects(slow.next(), SlowSubscriberError);
    await waitUntil(() => hub.subscriberCount() === 0);
    await hub.stop();
  });

  it('runEventStream: history after the cursor, then live, no gap and no duplicate', async () => {
    const store = createMemoryEventStore({ catalogue: eventCatalogue });
    const hub = createEventHub({ store, logger: silentLogger });
    await hub.start();
    await store.append(stream, [
      { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted } },
    ]);
    for (let attempt = 1; attempt <= 5; attempt++) await store.append(stream, [failed(attempt)]);
    const history = await store.readStream(stream);
    const events = runEventStream({ store, hub }, runId, history[2]?.position ?? null);
    const seen: number[] = [];
    const writer = (async () => {
      for (let attempt = 6; attempt <= 15; attempt++) await store.append(stream, [failed(attempt)]);
    })();
    for await (const event of events) {
      seen.push(event.revision);
      if (seen.length === 13) break;
    }
    await writer;
    assert.deepEqual(
      seen,
      Array.from({ length: 13 }, (_, i) => i + 3),
    );
    await hub.stop();
  });

  it('several types, or every stream with a prefix; each event once per subscriber', async () => {
    const store = createMemoryEventStore({ catalogue: eventCatalogue });
    const hub = createEventHub({ store, logger: silentLogger });
    await hub.start();
    const approvals = hub.subscribe({ types: ['ApprovalRequested', 'ApprovalGranted', 'ApprovalGranted'] });
    const runs = hub.subscribe({ streamPrefix: 'run-' });
    assert.equal(hub.subscriberCount(), 2);
    const other = `run-${exampleIds.agentId}`;
    await store.append(stream, [
      { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted } },
      { id: newEventId(), type: 'ApprovalRequested', data: { ...exampleEvents.ApprovalRequested } },
      { id: newEventId(), type: 'ApprovalGranted', data: { ...exampleEvents.ApprovalGranted } },
    ]);
    await store.append(other, [
      {
        id: newEventId(),
        type: 'RunStarted',
        data: { ...exampleEvents.RunStarted, runId: exampleIds.agentId },
      },
    ]);
    await store.append(`agent-${exampleIds.agentId}`, [
      { id: newEventId(), type: 'AgentCreated', data: { ...exampleEvents.AgentCreated } },
    ]);
    await store.append(other, [
      { id: newEventId(), type: 'ApprovalRequested', data: { ...exampleEvents.ApprovalRequested } },
    ]);
    const take = async (queue: typeof runs, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++)
        out.push(((await queue.next()).value as { stream: string; type: string }).type);
      return out;
    };
    // The last event follows the agent's: had it been delivered, it would come in its place.
    assert.deepEqual(await take(approvals, 3), ['ApprovalRequested', 'ApprovalGranted', 'ApprovalRequested']);
    assert.deepEqual(await take(runs, 5), [
      'RunStarted',
      'ApprovalRequested',
      'ApprovalGranted',
      'RunStarted',
      'ApprovalRequested',
    ]);
    await approvals.return();
    await runs.return();
    assert.equal(hub.subscriberCount(), 0);
    await hub.stop();
  });
});
