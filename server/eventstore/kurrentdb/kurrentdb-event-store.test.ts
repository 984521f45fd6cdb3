import assert from 'node:assert/strict';
import {
  type KurrentDBClient,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { describe, it } from 'vitest';
import { contractCatalogue } from '../contract.ts';
import { EventIdConflictError, WrongExpectedVersionError } from '../errors.ts';
import { newEventId } from '../ids.ts';
import type { NewEvent, RecordedEvent } from '../port.ts';
import { createFakeKurrentDbClient } from './fake-kurrentdb-client.ts';
import { createKurrentDbEventStore } from './kurrentdb-event-store.ts';

// The adapter's own logic over a fake client with KurrentDB's documented behaviour; the contract
// suite against a real server (kurrentdb-event-store.int.test.ts) is what keeps the fake honest.
function setup() {
  const fake = createFakeKurrentDbClient();
  const store = createKurrentDbEventStore({
    connectionString: 'kurrentdb://fake:2113?tls=false',
    catalogue: contractCatalogue,
    client: fake as unknown as KurrentDBClient,
  });
  return { fake, store };
}

const thing = (n: number): NewEvent => ({ id: newEventId(), type: 'ThingHappened', data: { n } });

async function take(iterable: AsyncIterable<RecordedEvent>, count: number, onEach?: (seen: number) => void) {
  const seen: RecordedEvent[] = [];
  for await (const event of iterable) {
    seen.push(event);
    onEach?.(seen.length);
    if (seen.length === count) break;
  }
  return seen;
}

describe('KurrentDB adapter: idempotent re-append', () => {
  it('answers a re-append found at the tail without writing, under any expected state', async () => {
    const { fake, store } = setup();
    const batch = [thing(1), thing(2)];
    const first = await store.append('run-a', batch, { expected: 'no_stream' });
    const written = fake.log.length;
    for (const expected of ['any', 'no_stream', 'stream_exists', 0, 7] as const) {
      assert.deepEqual(
        await store.append('run-a', batch, { expected }),
        { ...first, replayed: true },
        String(expected),
      );
    }
    assert.equal(fake.log.length, written);
  });

  it('recognises the server’s own idempotent answer when later events sit on top', async () => {
    const { fake, store } = setup();
    const batch = [thing(1), thing(2)];
    const first = await store.append('run-b', batch, { expected: 'no_stream' });
    await store.append('run-b', [thing(3)]);
    const written = fake.log.length;
    assert.deepEqual(await store.append('run-b', batch, { expected: 'no_stream' }), {
      ...first,
      replayed: true,
    });
    assert.equal(fake.log.length, written);
  });

  it('finds a retry sent with another expected revision after the server refuses it', async () => {
    const { store } = setup();
    const original = thing(1);
    const first = await store.append('run-c', [original]);
    await store.append('run-c', [thing(2)]);
    // The server compares the ids after revision 0 (thing 2), refuses, and the adapter looks further back.
    assert.deepEqual(await store.append('run-c', [original], { expected: 0 }), { ...first, replayed: true });
  });

  it('refuses reused ids with other content, at the tail or where the server matched ids alone', async () => {
    const { fake, store } = setup();
    const original = thing(1);
    await store.append('run-d', [original], { expected: 'no_stream' });
    await assert.rejects(store.append('run-d', [{ ...original, data: { n: 2 } }]), EventIdConflictError);
    await store.append('run-d', [thing(3)]);
    const written = fake.log.length;
    await assert.rejects(
      store.append('run-d', [{ ...original, data: { n: 2 } }], { expected: 'no_stream' }),
      EventIdConflictError,
    );
    assert.equal(fake.log.length, written);
  });
});

describe('KurrentDB adapter: appends', () => {
  it('translates the client’s wrong-version error, keeping it as the cause', async () => {
    const { store } = setup();
    await assert.rejects(
      store.append('run-e', [thing(1)], { expected: 'stream_exists' }),
      (error: unknown) => {
        assert.ok(error instanceof WrongExpectedVersionError);
        assert.equal(error.actual, 'no_stream');
        assert.equal(error.expected, 'stream_exists');
        assert.ok(error.cause instanceof KurrentWrongExpectedVersionError);
        return true;
      },
    );
    await store.append('run-e', [thing(1), thing(2)]);
    await assert.rejects(
      store.append('run-e', [thing(3)], { expected: 0 }),
      (error: unknown) => error instanceof WrongExpectedVersionError && error.actual === 1,
    );
  });

  it('returns the position readers see for the last event, not the append answer’s commit position', async () => {
    const { store } = setup();
    const result = await store.append('run-f', [thing(1), thing(2), thing(3)]);
    const events = await store.readStream('run-f');
    assert.equal(result.position, events[2]?.position);
    assert.ok((events[0]?.position ?? '') < (events[1]?.position ?? ''), 'events of one append are ordered');
  });

  it('awaits beforeCommit before anything is visible', async () => {
    const { fake, store } = setup();
    const before = fake.log.length;
    let seenInside = -1;
    await store.append('run-g', [thing(1)], {
      beforeCommit: async () => {
        seenInside = fake.log.length;
      },
    });
    assert.equal(seenInside, before);
    assert.equal(fake.log.length, before + 1);
  });
});

describe('KurrentDB adapter: global reads', () => {
  it('hides system events from readAll, headPosition and countAfter', async () => {
    const { store } = setup();
    assert.deepEqual(await store.readAll(), []);
    assert.equal(await store.headPosition(), null);
    assert.equal(await store.countAfter(null, 10), 0);
    const result = await store.append('run-h', [thing(1), thing(2)]);
    assert.equal(await store.headPosition(), result.position);
    assert.equal(await store.countAfter(null, 10), 2);
    assert.deepEqual(
      (await store.readAll()).map((e) => e.stream),
      ['run-h', 'run-h'],
    );
  });

  it('pages past events the server sends but the client-side check rejects', async () => {
    const { store } = setup();
    const noise = Array.from({ length: 60 }, (_, i) => thing(i));
    for (let i = 0; i < 20; i++)
      await store.append(
        'run-i',
        noise.map((e) => ({ ...e, id: newEventId() })),
      );
    await store.append('run-i', [
      { id: newEventId(), type: 'OtherThingHappened', data: { label: 'needle' } },
    ]);
    const found = await store.readAll({
      filter: { streamPrefixes: ['run-'], eventTypes: ['OtherThingHappened'] },
    });
    assert.deepEqual(
      found.map((e) => e.data.label),
      ['needle'],
    );
    assert.equal(await store.countAfter(null, 5000), 1201);
  });
});

describe('KurrentDB adapter: subscriptions', () => {
  it('resubscribes to $all after a drop from the last delivered position, with no gap or duplicate', async () => {
    const { fake, store } = setup();
    await store.append('run-j', [thing(0), thing(1), thing(2)]);
    const controller = new AbortController();
    const reading = take(
      store.subscribeToAll({ filter: { streamPrefixes: ['run-j'] }, signal: controller.signal }),
      6,
      (n) => {
        if (n === 2) fake.dropSubscriptions();
      },
    );
    await store.append('run-j', [thing(3), thing(4), thing(5)]);
    const seen = await reading;
    controller.abort();
    assert.deepEqual(
      seen.map((e) => e.revision),
      [0, 1, 2, 3, 4, 5],
    );
  });

  it('resubscribes to a stream after a drop from the last delivered revision', async () => {
    const { fake, store } = setup();
    await store.append('run-k', [thing(0), thing(1), thing(2)]);
    const controller = new AbortController();
    const reading = take(
      store.subscribeToStream('run-k', { afterRevision: 0, signal: controller.signal }),
      4,
      (n) => {
        if (n === 1) fake.dropSubscriptions();
      },
    );
    await store.append('run-k', [thing(3), thing(4)]);
    const seen = await reading;
    controller.abort();
    assert.deepEqual(
      seen.map((e) => e.revision),
      [1, 2, 3, 4],
    );
  });

  it('ends live subscriptions when the store closes', async () => {
    const { store } = setup();
    const controller = new AbortController();
    const reading = take(store.subscribeToAll({ signal: controller.signal }), 100);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.close();
    assert.deepEqual(await reading, []);
  });

  it('idles until aborted when the filter can match nothing', async () => {
    const { store } = setup();
    const controller = new AbortController();
    const reading = take(store.subscribeToAll({ filter: { eventTypes: [] }, signal: controller.signal }), 1);
    await store.append('run-l', [thing(0)]);
    setTimeout(() => controller.abort(), 20);
    assert.deepEqual(await reading, []);
  });
});
