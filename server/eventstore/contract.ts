import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { z } from 'zod';
import { defineEventCatalogue } from '../../schema/events/define.ts';
import { pollUntil } from '../testkit/poll-until.ts';
import {
  EventIdConflictError,
  EventValidationError,
  PayloadTooLargeError,
  WrongExpectedVersionError,
} from './errors.ts';
import { newEventId } from './ids.ts';
import type { EventStore, NewEvent, RecordedEvent } from './port.ts';

/** The catalogue every store under contract test is built with. */
export const contractCatalogue = defineEventCatalogue([
  {
    type: 'ThingHappened',
    schemaVersion: 1,
    schema: z.strictObject({
      n: z.number().int(),
      payload: z.string().optional(),
      nested: z.object({ ok: z.boolean() }).optional(),
    }),
  },
  { type: 'OtherThingHappened', schemaVersion: 1, schema: z.strictObject({ label: z.string() }) },
]);

export interface StoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

const thing = (n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
  id: newEventId(),
  type: 'ThingHappened',
  data: { n },
  ...extra,
});

/** Collects events from an async iterable until `until` holds or the timeout passes. */
async function collect(
  iterable: AsyncIterable<RecordedEvent>,
  controller: AbortController,
  until: (seen: RecordedEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const event of iterable) {
      seen.push(event);
      if (until(seen)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectWrongVersion(promise: Promise<unknown>, actual: number | 'no_stream'): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof WrongExpectedVersionError, `expected WrongExpectedVersionError, got ${error}`);
    assert.equal(error.actual, actual);
    assert.equal(error.code, 'WRONG_EXPECTED_VERSION');
    return true;
  });
}

/**
 * The event store contract (ARCHITECTURE.md §3), run against every adapter with no opt-outs. Each
 * test uses its own stream prefix, and global reads filter by it, so a shared server (KurrentDB)
 * can run the suite too.
 */
export function describeEventStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`event store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    let prefix: string;
    const stream = (label: string) => `${prefix}${label}`;
    const mine = () => ({ streamPrefixes: [prefix] });

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
      prefix = `t${randomUUID().slice(0, 8)}-`;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('appends and reads a stream in revision order, round-tripping data and metadata', async () => {
      const s = stream('a');
      const events = [
        thing(1, {
          metadata: { correlationId: 'c-1', causationId: 'cause', actor: 'user:ann', extra: [1, 'x'] },
        }),
        thing(2, { data: { n: 2, payload: 'zażółć 🚀 "quoted" \\ back', nested: { ok: true } } }),
        { id: newEventId(), type: 'OtherThingHappened', data: { label: 'third' } },
      ];
      const result = await store.append(s, events, { expected: 'no_stream' });
      assert.equal(result.nextExpectedRevision, 2);
      assert.equal(result.replayed, false);
      const read = await store.readStream(s);
      assert.deepEqual(
        read.map((e) => [e.id, e.stream, e.revision, e.type]),
        events.map((e, i) => [e.id, s, i, e.type]),
      );
      assert.deepEqual(read[1]?.data, { n: 2, payload: 'zażółć 🚀 "quoted" \\ back', nested: { ok: true } });
      assert.equal(read[0]?.metadata.correlationId, 'c-1');
      assert.equal(read[0]?.metadata.actor, 'user:ann');
      assert.deepEqual(read[0]?.metadata.extra, [1, 'x']);
      assert.equal(read[0]?.metadata.schemaVersion, 1);
      assert.ok(read[0]?.recordedAt instanceof Date);
      assert.equal(read[2]?.position, result.position);
      assert.ok((read[0]?.position ?? '') < (read[1]?.position ?? ''));
    });

    it('reads a missing stream as empty and honours fromRevision and maxCount', async () => {
      assert.deepEqual(await store.readStream(stream('missing')), []);
      const s = stream('b');
      await store.append(s, [thing(0), thing(1), thing(2), thing(3)]);
      const slice = await store.readStream(s, { fromRevision: 1, maxCount: 2 });
      assert.deepEqual(
        slice.map((e) => e.revision),
        [1, 2],
      );
    });

    it('enforces every expected-revision case with the actual revision in the error', async () => {
      const s = stream('c');
      await expectWrongVersion(store.append(s, [thing(0)], { expected: 'stream_exists' }), 'no_stream');
      await expectWrongVersion(store.append(s, [thing(0)], { expected: 0 }), 'no_stream');
      await store.append(s, [thing(0)], { expected: 'no_stream' });
      await expectWrongVersion(store.append(s, [thing(1)], { expected: 'no_stream' }), 0);
      await store.append(s, [thing(1)], { expected: 'stream_exists' });
      await expectWrongVersion(store.append(s, [thing(2)], { expected: 0 }), 1);
      await expectWrongVersion(store.append(s, [thing(2)], { expected: 5 }), 1);
      const exact = await store.append(s, [thing(2), thing(3)], { expected: 1 });
      assert.equal(exact.nextExpectedRevision, 3);
      const any = await store.append(s, [thing(4)], { expected: 'any' });
      assert.equal(any.nextExpectedRevision, 4);
      assert.equal((await store.readStream(s)).length, 5);
    });

    it('treats a re-append of the same event ids as idempotent, writing nothing new', async () => {
      const s = stream('d');
      const batch = [thing(1), thing(2)];
      const first = await store.append(s, batch, { expected: 'no_stream' });
      const again = await store.append(s, batch, { expected: 'no_stream' });
      const anyAgain = await store.append(s, batch, { expected: 'any' });
      for (const result of [again, anyAgain]) {
        assert.equal(result.replayed, true);
        assert.equal(result.nextExpectedRevision, first.nextExpectedRevision);
        assert.equal(result.position, first.position);
      }
      assert.equal((await store.readStream(s)).length, 2);
      assert.equal((await store.readAll({ filter: mine() })).length, 2);
    });

    // Ids are unique per stream, KurrentDB's model; Postgres also refuses reuse across streams
    // (tested in its own suite), which KurrentDB cannot check without an index by id.
    it('refuses an event id reused in its stream with other content or position', async () => {
      const s = stream('e');
      const original = thing(1);
      await store.append(s, [original]);
      await assert.rejects(store.append(s, [{ ...original, data: { n: 99 } }]), EventIdConflictError);
      await assert.rejects(
        store.append(s, [{ ...original, type: 'OtherThingHappened', data: { label: 'x' } }]),
        EventIdConflictError,
      );
      await assert.rejects(store.append(s, [original, thing(2)]), EventIdConflictError);
      assert.deepEqual(
        (await store.readStream(s)).map((e) => e.data.n),
        [1],
      );
    });

    it('refuses invalid data naming the field, unknown types and oversized payloads, writing nothing', async () => {
      const s = stream('f');
      await assert.rejects(
        store.append(s, [{ id: newEventId(), type: 'ThingHappened', data: { n: 'one' } }]),
        (error: unknown) =>
          error instanceof EventValidationError && error.path === 'n' && /"n"/.test(error.message),
      );
      await assert.rejects(
        store.append(s, [{ id: newEventId(), type: 'ThingHappened', data: { n: 1, nested: { ok: 'yes' } } }]),
        (error: unknown) => error instanceof EventValidationError && error.path === 'nested.ok',
      );
      await assert.rejects(
        store.append(s, [{ id: newEventId(), type: 'NoSuchEvent', data: {} }]),
        EventValidationError,
      );
      await assert.rejects(store.append(s, [{ ...thing(1), id: 'not-a-uuid' }]), EventValidationError);
      const huge = 'x'.repeat(1024 * 1024 + 1);
      await assert.rejects(
        store.append(s, [thing(1), thing(2, { data: { n: 2, payload: huge } })]),
        PayloadTooLargeError,
      );
      assert.deepEqual(await store.readStream(s), []);
    });

    describe('hostile: text jsonb cannot hold', () => {
      it('stores NUL and lone surrogates in data, keys and metadata as U+FFFD, noting the paths', async () => {
        const s = stream('nul');
        const result = await store.append(s, [
          thing(1, {
            data: { n: 1, payload: "SELECT 'a\u0000b' \uD800 x \uDC00 ok 🚀", nested: { ok: true } },
            metadata: { actor: 'user:\u0000', extra: { 'k\u0000': ['\uDFFF'] } },
          }),
        ]);
        assert.equal(result.replayed, false);
        const [event] = await store.readStream(s);
        assert.equal(event?.data.payload, "SELECT 'a\uFFFDb' \uFFFD x \uFFFD ok 🚀");
        assert.equal(event?.metadata.actor, 'user:\uFFFD');
        assert.deepEqual(event?.metadata.extra, { 'k\uFFFD': ['\uFFFD'] });
        assert.deepEqual(event?.metadata.sanitized, {
          data: ['payload'],
          metadata: ['actor', 'extra.k\uFFFD.0', 'extra.k\uFFFD(key)'],
        });
        // Clean events carry no note.
        await store.append(s, [thing(2)]);
        const [, clean] = await store.readStream(s);
        assert.equal(clean?.metadata.sanitized, undefined);
      });
    });

    it('round-trips a large payload just under the limit', async () => {
      const s = stream('g');
      const payload = 'λ'.repeat(400_000); // 800,000 bytes of UTF-8
      await store.append(s, [thing(7, { data: { n: 7, payload } })]);
      const [event] = await store.readStream(s);
      assert.equal(event?.data.payload, payload);
    });

    it('reads all in one monotonic order that agrees with every stream, from any position, filtered', async () => {
      const a = stream('h1');
      const b = stream('h2');
      await store.append(a, [thing(0), thing(1)]);
      await store.append(b, [{ id: newEventId(), type: 'OtherThingHappened', data: { label: 'b0' } }]);
      const last = await store.append(a, [thing(2)]);
      // The global order may lag commits (a transaction open elsewhere holds the read horizon for a
      // moment, see `headPosition`): wait for the position the last append returned, as readers do.
      const all = await readAllUntil(store, last.position, { filter: mine() });
      assert.deepEqual(
        all.map((e) => `${e.stream}@${e.revision}`),
        [`${a}@0`, `${a}@1`, `${b}@0`, `${a}@2`],
      );
      for (let i = 1; i < all.length; i++) assert.ok((all[i - 1]?.position ?? '') < (all[i]?.position ?? ''));
      const after = await store.readAll({ after: all[1]?.position, filter: mine() });
      assert.deepEqual(
        after.map((e) => e.id),
        all.slice(2).map((e) => e.id),
      );
      assert.equal((await store.readAll({ filter: mine(), maxCount: 3 })).length, 3);
      const others = await store.readAll({ filter: { ...mine(), eventTypes: ['OtherThingHappened'] } });
      assert.deepEqual(
        others.map((e) => e.stream),
        [b],
      );
      assert.deepEqual(
        (await store.readAll({ filter: { streamPrefixes: [b] } })).map((e) => e.stream),
        [b],
      );
      const head = await store.headPosition();
      assert.ok(head !== null && head >= (all[3]?.position ?? ''));
      assert.equal((await store.countAfter(all[1]?.position ?? null, 1_000_000)) >= 2, true);
      assert.equal(await store.countAfter(all[1]?.position ?? null, 1), 1);
    });

    it('subscribes to a stream: catch-up after a revision, then live, ended by abort', async () => {
      const s = stream('i');
      await store.append(s, [thing(0), thing(1), thing(2)]);
      const controller = new AbortController();
      const seenPromise = collect(
        store.subscribeToStream(s, { afterRevision: 0, signal: controller.signal }),
        controller,
        (seen) => seen.length === 4,
      );
      await delay(50);
      await store.append(s, [thing(3), thing(4)]);
      const seen = await seenPromise;
      assert.deepEqual(
        seen.map((e) => e.revision),
        [1, 2, 3, 4],
      );
    });

    it('subscribes to all: catch-up then live with no gap or duplicate', async () => {
      const a = stream('j');
      await store.append(a, [thing(0), thing(1)]);
      const [first] = await store.readAll({ filter: mine() });
      const controller = new AbortController();
      const seenPromise = collect(
        store.subscribeToAll({ after: first?.position, filter: mine(), signal: controller.signal }),
        controller,
        (seen) => seen.length === 5,
      );
      await delay(50);
      await store.append(a, [thing(2)]);
      await store.append(stream('j2'), [thing(0), thing(1)]);
      await delay(20);
      await store.append(a, [thing(3)]);
      const seen = await seenPromise;
      const expected = (await store.readAll({ filter: mine() })).slice(1).map((e) => e.id);
      assert.deepEqual(
        seen.map((e) => e.id),
        expected,
      );
    });

    it('ends an idle subscription promptly when aborted', async () => {
      const controller = new AbortController();
      const started = Date.now();
      const done = (async () => {
        const seen: RecordedEvent[] = [];
        for await (const event of store.subscribeToAll({ filter: mine(), signal: controller.signal }))
          seen.push(event);
        return seen;
      })();
      await delay(100);
      controller.abort();
      assert.deepEqual(await done, []);
      assert.ok(Date.now() - started < 5_000);
    });

    it('delivers every event exactly once while 16 writers append to overlapping streams', async () => {
      const writers = 16;
      const appendsPerWriter = 12;
      const streams = Array.from({ length: 6 }, (_, i) => stream(`k${i}`));
      const total = writers * appendsPerWriter * 2;
      const controller = new AbortController();
      const seenPromise = collect(
        store.subscribeToAll({ filter: mine(), signal: controller.signal, batchSize: 7 }),
        controller,
        (seen) => seen.length >= total,
        60_000,
      );
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < appendsPerWriter; i++) {
            const target = streams[(w + i) % streams.length] as string;
            await store.append(target, [thing(w * 1000 + i), thing(w * 1000 + i)]);
          }
        }),
      );
      const seen = await seenPromise;
      assert.equal(seen.length, total);
      assert.equal(new Set(seen.map((e) => e.id)).size, total, 'no duplicates');
      for (let i = 1; i < seen.length; i++)
        assert.ok((seen[i - 1]?.position ?? '') < (seen[i]?.position ?? ''));
      for (const s of streams) {
        const revisions = seen.filter((e) => e.stream === s).map((e) => e.revision);
        assert.deepEqual(
          revisions,
          revisions.map((_, i) => i),
          `per-stream order of ${s} agrees with global order`,
        );
        assert.equal(revisions.length, (await store.readStream(s)).length);
      }
    });

    it('never skips an append whose transaction commits after later ones', async () => {
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const reading = (async () => {
        for await (const event of store.subscribeToAll({ filter: mine(), signal: controller.signal })) {
          seen.push(event);
          if (seen.length === 5) break;
        }
      })();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written: () => void = () => undefined;
      const isWritten = new Promise<void>((resolve) => {
        written = resolve;
      });
      const late = store.append(stream('late'), [thing(1)], {
        beforeCommit: async () => {
          written();
          await held;
        },
      });
      await isWritten;
      const others = Promise.all([
        store.append(stream('early1'), [thing(2), thing(3)]),
        store.append(stream('early2'), [thing(4), thing(5)]),
      ]);
      await delay(300);
      assert.ok(
        seen.every((e) => e.stream !== stream('late')),
        'the held append is invisible before it commits',
      );
      release();
      await Promise.all([late, others]);
      const timeout = setTimeout(() => controller.abort(), 20_000);
      await reading;
      clearTimeout(timeout);
      controller.abort();
      assert.equal(seen.length, 5);
      assert.equal(new Set(seen.map((e) => e.id)).size, 5);
      assert.ok(
        seen.some((e) => e.stream === stream('late')),
        'the late commit is delivered',
      );
      for (let i = 1; i < seen.length; i++)
        assert.ok((seen[i - 1]?.position ?? '') < (seen[i]?.position ?? ''));
      assert.deepEqual(
        seen.map((e) => e.id),
        (await store.readAll({ filter: mine() })).map((e) => e.id),
      );
    });
  });
}

/** `readAll(options)` once the global log shows `position` (at most 10 s), as a reader of its own writes does. */
async function readAllUntil(
  store: EventStore,
  position: string,
  options: Parameters<EventStore['readAll']>[0],
): Promise<RecordedEvent[]> {
  const { value } = await pollUntil(
    () => store.readAll(options),
    (events) => events.some((event) => event.position === position),
    10_000,
    10,
  );
  return value;
}
