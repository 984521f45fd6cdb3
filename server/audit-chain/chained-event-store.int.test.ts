import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { z } from 'zod';
import { chainEventDefinitions } from '../../schema/events/chain-events.ts';
import { defineEventCatalogue } from '../../schema/events/define.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { contractCatalogue, describeEventStoreContract } from '../eventstore/contract.ts';
import { newEventId } from '../eventstore/ids.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../eventstore/port.ts';
import { createPostgresEventStore } from '../eventstore/postgres/postgres-event-store.ts';
import { createTestDatabase, createTestPglite } from '../testkit/postgres.ts';
import { createAnchorer } from './anchors.ts';
import { createChainedEventStore } from './chained-event-store.ts';
import { chainHash, GENESIS_HASH, storedHash } from './hash.ts';
import { verifyChain } from './verify.ts';

const chained = (inner: EventStore) => createChainedEventStore(inner, { catalogue: contractCatalogue });

// The chain changes nothing a writer or reader of the port can see: the whole contract holds.
describeEventStoreContract('memory with the audit chain', async () => {
  const store = chained(createMemoryEventStore({ catalogue: contractCatalogue }));
  return { store, cleanup: () => store.close() };
});

describeEventStoreContract('PGlite with the audit chain', async () => {
  const { db, drop } = await createTestPglite();
  const store = chained(await createPostgresEventStore({ db, catalogue: contractCatalogue }));
  return {
    store,
    async cleanup() {
      await store.close();
      await drop();
    },
  };
});

describeEventStoreContract('PostgreSQL server with the audit chain', async () => {
  const test = await createTestDatabase();
  const store = chained(await createPostgresEventStore({ db: test.db, catalogue: contractCatalogue }));
  return {
    store,
    async cleanup() {
      await store.close();
      await test.drop();
    },
  };
});

// The contract's event type and the chain's own (anchors), as the platform's catalogue has both.
const catalogue = defineEventCatalogue([
  ...chainEventDefinitions,
  {
    type: 'ThingHappened',
    schemaVersion: 1,
    schema: z.strictObject({ n: z.number().int(), nested: z.object({ ok: z.boolean() }).optional() }),
  },
]);

const thing = (n: number) => ({ id: newEventId(), type: 'ThingHappened', data: { n, nested: { ok: true } } });

const backends: [string, () => Promise<{ db: SqlDatabase; drop(): Promise<void> }>][] = [
  ['PGlite', createTestPglite],
  ['PostgreSQL server', createTestDatabase],
];

describe.each(backends)('audit chain on %s', (_name, open) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let inner: EventStore;
  let store: EventStore;
  beforeEach(async () => {
    ({ db, drop } = await open());
    inner = await createPostgresEventStore({ db, catalogue, maxIdleMs: 50 });
    store = createChainedEventStore(inner, { catalogue });
  });
  afterEach(async () => {
    await inner.close();
    await drop();
  });

  it('chains each event to the previous one of its stream, as the stored rows recompute', async () => {
    await store.append('s-1', [thing(1), thing(2)]);
    await store.append('s-1', [thing(3)], { expected: 1 });
    await store.append('s-2', [thing(4)], { expected: 'no_stream' });
    const events = await store.readStream('s-1', { raw: true });
    let previous = GENESIS_HASH;
    for (const event of events) {
      const hash = storedHash(event.metadata);
      assert.match(hash ?? '', /^[0-9a-f]{64}$/);
      assert.equal(hash, chainHash(previous, event));
      previous = hash as string;
    }
    assert.deepEqual(await verifyChain(store), { ok: true, eventsChecked: 4, brokenAt: null });
  });

  it('keeps one chain while 16 writers in separate processes append to one stream with expected any', async () => {
    // Separate chained stores over one database: 16 processes, each with its own cache of heads.
    const writers = Array.from({ length: 16 }, () => createChainedEventStore(inner, { catalogue }));
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < 4; i++) await writer.append('shared-1', [thing(w * 100 + i)]);
      }),
    );
    // And 16 writers of this process at once, queued by the one store.
    await Promise.all(Array.from({ length: 16 }, (_, i) => store.append('shared-1', [thing(i), thing(i)])));
    const events = await store.readStream('shared-1', { raw: true });
    assert.equal(events.length, 16 * 4 + 16 * 2);
    assert.deepEqual(await verifyChain(store), { ok: true, eventsChecked: 96, brokenAt: null });
  });

  it('detects a row whose data was updated in the database, naming stream and revision', async () => {
    await store.append('s-1', [thing(1), thing(2), thing(3)]);
    await db.query(
      `UPDATE es.events SET data = jsonb_set(data, '{n}', '99') WHERE stream_id = 's-1' AND stream_revision = 1`,
    );
    const result = await verifyChain(store);
    assert.equal(result.ok, false);
    assert.deepEqual(
      { stream: result.brokenAt?.stream, revision: result.brokenAt?.revision },
      { stream: 's-1', revision: 1 },
    );
    assert.match(result.brokenAt?.reason ?? '', /hash mismatch/);
  });

  it('detects a row whose hash was recomputed to match changed data, at the next event', async () => {
    await store.append('s-1', [thing(1), thing(2), thing(3)]);
    const [event] = await store.readStream('s-1', { fromRevision: 1, maxCount: 1, raw: true });
    const [before] = await store.readStream('s-1', { maxCount: 1, raw: true });
    const forged = { ...(event as NonNullable<typeof event>), data: { n: 99, nested: { ok: true } } };
    const hash = chainHash(storedHash(before?.metadata ?? {}) as string, forged);
    await db.query(
      `UPDATE es.events SET data = $1::jsonb, metadata = jsonb_set(metadata, '{chainHash}', to_jsonb($2::text))
        WHERE stream_id = 's-1' AND stream_revision = 1`,
      [JSON.stringify(forged.data), hash],
    );
    const result = await verifyChain(store);
    assert.deepEqual(
      { stream: result.brokenAt?.stream, revision: result.brokenAt?.revision },
      { stream: 's-1', revision: 2 },
    );
  });

  it('detects a deleted event as the revision missing', async () => {
    await store.append('s-1', [thing(1), thing(2), thing(3)]);
    await db.query(`DELETE FROM es.events WHERE stream_id = 's-1' AND stream_revision = 1`);
    const result = await verifyChain(store);
    assert.equal(result.ok, false);
    assert.equal(result.brokenAt?.stream, 's-1');
    assert.equal(result.brokenAt?.revision, 1);
    assert.match(result.brokenAt?.reason ?? '', /missing/);
  });

  it("detects a deleted tail once an anchor recorded the stream's head", async () => {
    await store.append('s-1', [thing(1), thing(2), thing(3)]);
    await store.append('s-2', [thing(4)]);
    const anchored = await createAnchorer(store).anchor('system');
    assert.equal(anchored.streams, 2);
    assert.equal((await verifyChain(store)).ok, true);
    await db.query(`DELETE FROM es.events WHERE stream_id = 's-1' AND stream_revision >= 1`);
    const result = await verifyChain(store);
    assert.equal(result.ok, false);
    assert.deepEqual(result.brokenAt, {
      stream: 's-1',
      revision: 1,
      reason: 'tail deleted: an anchor recorded revision 2, the stream ends at 0',
    });
  });

  it('detects a dropped stream once an anchor recorded it', async () => {
    await store.append('s-1', [thing(1)]);
    await store.append('s-2', [thing(2), thing(3)]);
    await createAnchorer(store).anchor('system');
    await db.query(`DELETE FROM es.events WHERE stream_id = 's-2'`);
    const result = await verifyChain(store);
    assert.deepEqual(result.brokenAt, {
      stream: 's-2',
      revision: 0,
      reason: 'stream is missing: an anchor recorded it at revision 1',
    });
    assert.equal(result.eventsChecked, 1 + 1);
  });

  it('anchors only what changed since the last anchor, and two processes anchoring at once write one', async () => {
    await store.append('s-1', [thing(1)]);
    const one = createAnchorer(store);
    const two = createAnchorer(createChainedEventStore(inner, { catalogue }));
    assert.equal((await one.anchor('system')).streams, 1);
    assert.deepEqual(await one.anchor('system'), { streams: 0, revision: null });
    await store.append('s-2', [thing(2)]);
    await store.append('s-3', [thing(3)]);
    const outcomes = await Promise.all([one.anchor('a'), two.anchor('b')]);
    // Both may have read the same head: one appended, the other lost the race and wrote nothing.
    assert.deepEqual(outcomes.map((o) => o.streams).toSorted(), [0, 2]);
    const anchors = await store.readStream('chain-anchors');
    assert.deepEqual(
      anchors.map((a) => (a.data.heads as { stream: string }[]).map((h) => h.stream).sort()),
      [['s-1'], ['s-2', 's-3']],
    );
    assert.equal((await verifyChain(store)).ok, true);
  });

  it('migrates events written before the chain by one anchor of their heads, without rewriting them', async () => {
    // Written by the store without the chain: no hashes.
    await inner.append('old-1', [thing(1), thing(2)]);
    await inner.append('old-2', [thing(3)]);
    const before = await verifyChain(store);
    assert.equal(before.ok, false);
    assert.match(before.brokenAt?.reason ?? '', /no chain hash/);

    const migration = await createAnchorer(store).migrate('system');
    assert.equal(migration.streams, 2);
    assert.deepEqual(await createAnchorer(store).migrate('system'), { streams: 0, revision: null });
    // New events chain onto the legacy head.
    await store.append('old-1', [thing(4)]);
    assert.deepEqual(await verifyChain(store), { ok: true, eventsChecked: 4 + 1, brokenAt: null });

    // The anchor vouches for the legacy rows: changing one is caught too.
    await db.query(`UPDATE es.events SET data = '{"n": 7}' WHERE stream_id = 'old-2'`);
    const result = await verifyChain(store);
    assert.equal(result.brokenAt?.stream, 'old-2');
    assert.equal(result.brokenAt?.revision, 0);
    assert.match(result.brokenAt?.reason ?? '', /anchor/);
  });

  it('verifies one stream alone', async () => {
    await store.append('run-1', [thing(1), thing(2)]);
    await store.append('s-2', [thing(3)]);
    await createAnchorer(store).anchor('system');
    await db.query(`UPDATE es.events SET data = '{"n": 7}' WHERE stream_id = 's-2'`);
    assert.deepEqual(await verifyChain(store, { stream: 'run-1' }), {
      ok: true,
      eventsChecked: 2,
      brokenAt: null,
    });
    assert.equal((await verifyChain(store, { stream: 's-2' })).brokenAt?.revision, 0);
  });
});
