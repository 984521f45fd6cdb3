import assert from 'node:assert/strict';
import pg from 'pg';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { createPgDatabase } from '../../db/pg-database.ts';
import type { SqlDatabase } from '../../db/sql-database.ts';
import { pollUntil } from '../../testkit/poll-until.ts';
import {
  createTestDatabase,
  createTestPglite,
  setConnectionsAllowed,
  TEST_SERVER_URL,
  type TestDatabase,
  terminateBackends,
} from '../../testkit/postgres.ts';
import { contractCatalogue, describeEventStoreContract } from '../contract.ts';
import { EventIdConflictError } from '../errors.ts';
import { newEventId } from '../ids.ts';
import type { EventStore, RecordedEvent } from '../port.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

describeEventStoreContract('postgres on PGlite', async () => {
  const { db, drop } = await createTestPglite();
  const store = await createPostgresEventStore({ db, catalogue: contractCatalogue });
  return {
    store,
    async cleanup() {
      await store.close();
      await drop();
    },
  };
});

describeEventStoreContract('postgres on the PostgreSQL server', async () => {
  const test = await createTestDatabase();
  const store = await createPostgresEventStore({ db: test.db, catalogue: contractCatalogue });
  return {
    store,
    async cleanup() {
      await store.close();
      await test.drop();
    },
  };
});

describe('postgres event store on the PostgreSQL server', () => {
  let test: TestDatabase;
  let store: EventStore;
  beforeEach(async () => {
    test = await createTestDatabase();
    store = await createPostgresEventStore({ db: test.db, catalogue: contractCatalogue });
  });
  afterEach(async () => {
    await store.close();
    await test.drop();
  });
  const thing = (n: number) => ({ id: newEventId(), type: 'ThingHappened', data: { n } });

  it('refuses an event id reused in another stream (ids are globally unique here)', async () => {
    const event = thing(1);
    await store.append('one-1', [event]);
    await assert.rejects(store.append('two-1', [event]), EventIdConflictError);
    assert.deepEqual(await store.readStream('two-1'), []);
  });

  it('resumes a subscription from its last position after its backend is terminated', async () => {
    await store.append('run-a', [thing(0), thing(1)]);
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const reading = (async () => {
      for await (const event of store.subscribeToAll({ signal: controller.signal })) {
        seen.push(event);
        if (seen.length === 6) break;
      }
    })();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      await waitUntil(() => seen.length === 2);
      // Down for a while: every poll of the subscriber fails until the database is back.
      await setConnectionsAllowed(test.name, false);
      assert.ok((await terminateBackends(test.name)) > 0, 'some backend was terminated');
      await new Promise((resolve) => setTimeout(resolve, 700));
      await setConnectionsAllowed(test.name, true);
      await store.append('run-a', [thing(2), thing(3)]);
      // The pool may hand this append a connection whose backend was just terminated.
      await terminateBackends(test.name);
      await store.append('run-b', [thing(4), thing(5)]);
      await reading;
    } finally {
      // A failed step above must not leave the subscriber reading from a pool the cleanup ends.
      controller.abort();
      clearTimeout(timer);
      await reading.catch(() => undefined);
    }
    assert.deepEqual(
      seen.map((e) => e.data.n),
      [0, 1, 2, 3, 4, 5],
    );
  });

  describe('an append whose connection is lost', () => {
    // What a terminated or failed-over backend does to the one append statement in flight: it never
    // reaches the server, or it commits and only its answer is lost.
    type Loss = 'before-the-statement' | 'after-the-commit';
    const losing = (losses: Loss[]): SqlDatabase => ({
      ...test.db,
      kind: test.db.kind,
      async query(text, params, options) {
        const loss = text.includes('es.append') ? losses.shift() : undefined;
        if (loss === 'before-the-statement') throw adminShutdown();
        const result = await test.db.query(text, params, options);
        if (loss === 'after-the-commit') throw adminShutdown();
        return result as never;
      },
    });
    const storeOn = (db: SqlDatabase) => createPostgresEventStore({ db, catalogue: contractCatalogue });

    it('is retried when the statement never ran, writing the events once', async () => {
      const flaky = await storeOn(losing(['before-the-statement', 'before-the-statement']));
      const result = await flaky.append('run-l', [thing(1), thing(2)], { expected: 'no_stream' });
      assert.equal(result.nextExpectedRevision, 1);
      assert.deepEqual(
        (await store.readStream('run-l')).map((e) => e.data.n),
        [1, 2],
      );
    });

    it('is retried when only the answer was lost, answering with the committed result', async () => {
      for (const expected of ['any', 'no_stream'] as const) {
        const stream = `run-${expected}`;
        const flaky = await storeOn(losing(['after-the-commit']));
        const result = await flaky.append(stream, [thing(1)], { expected });
        assert.equal(result.nextExpectedRevision, 0);
        assert.equal(result.replayed, true);
        assert.deepEqual(
          (await store.readStream(stream)).map((e) => e.data.n),
          [1],
        );
      }
    });

    it('fails with the connection error when the database stays away, writing nothing', async () => {
      const flaky = await storeOn(losing(Array(10).fill('before-the-statement')));
      await assert.rejects(flaky.append('run-down', [thing(1)]), /terminating connection/);
      assert.deepEqual(await store.readStream('run-down'), []);
    });
  });

  it('wakes a subscriber in another process (another pool and LISTEN connection) on append', async () => {
    const other = await createPostgresEventStore({
      db: createPgDatabase({ connectionString: test.url }),
      catalogue: contractCatalogue,
      // The idle poll doubles from 10 ms: after 5.5 s idle the reader sleeps until ~10.2 s, so an
      // append at 5.5 s is found within 3 s only by a NOTIFY, with room for a loaded machine.
      maxIdleMs: 60_000,
    });
    try {
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const reading = (async () => {
        for await (const event of other.subscribeToStream('run-x', { signal: controller.signal })) {
          seen.push(event);
          if (seen.length === 1) break;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 5500));
      const appendedAt = Date.now();
      await store.append('run-x', [thing(1)]);
      await reading;
      // A missed NOTIFY would only be found by the idle poll, over 4 s later.
      assert.ok(Date.now() - appendedAt < 3000, `woken by NOTIFY in ${Date.now() - appendedAt} ms`);
    } finally {
      await other.close();
    }
  });

  it('is not held back by a transaction open in another database, but is by one in its own', async () => {
    const elsewhere = new pg.Client({ connectionString: TEST_SERVER_URL });
    const here = new pg.Client({ connectionString: test.url });
    await Promise.all([elsewhere.connect(), here.connect()]);
    // PostgreSQL's own work in this fresh database (an autovacuum ANALYZE of the catalogues the
    // schema filled writes pg_statistic, so it holds an xid) rightly holds readers back for a
    // moment: wait for the expected read, and name what held it back if it never comes.
    const readAllBecomes = async (expected: number[]) => {
      const { value, accepted } = await pollUntil(
        async () => (await store.readAll()).map((e) => e.data.n),
        (ns) => ns.length >= expected.length,
        10_000,
      );
      const holders = accepted
        ? []
        : (
            await here.query(
              `SELECT pid, backend_type, backend_xid::text, state, left(query, 80) AS query
                 FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL`,
            )
          ).rows;
      assert.deepEqual(value, expected, `transactions of this database: ${JSON.stringify(holders)}`);
    };
    try {
      // xids are cluster-wide: with the plain snapshot xmin, this would hide every later append.
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      await store.append('run-h', [thing(1)]);
      await store.append('run-h', [thing(2)]);
      await readAllBecomes([1, 2]);
      // A transaction of this database might still write events, so readers wait for it to end.
      await here.query('BEGIN');
      await here.query('SELECT pg_current_xact_id()');
      await store.append('run-h', [thing(3)]);
      assert.deepEqual(
        (await store.readAll()).map((e) => e.data.n),
        [1, 2],
      );
      await here.query('COMMIT');
      await readAllBecomes([1, 2, 3]);
    } finally {
      await elsewhere.query('ROLLBACK').catch(() => undefined);
      await Promise.all([elsewhere.end(), here.end()]);
    }
  });

  it('refuses an append that is not the first write of its transaction', async () => {
    await assert.rejects(
      test.db.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE scratch (x int)');
        await tx.query('INSERT INTO scratch VALUES (1)');
        await tx.query(
          `SELECT * FROM es.append('s-1', NULL, ARRAY[$1]::uuid[], ARRAY['ThingHappened'], ARRAY['{"n":1}']::jsonb[], ARRAY['{}']::jsonb[])`,
          [newEventId()],
        );
      }),
      /first write of its transaction/,
    );
  });
});

function adminShutdown(): Error {
  return Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
