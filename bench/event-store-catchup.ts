// Catch-up read rate of subscribeToAll over N events (default 1,000,000) on the PostgreSQL server,
// beside a plain keyset scan of the same table in the same run (issue target: >= 100k events/s).
// Usage: BENCH_EVENTS=1000000 npx tsx bench/event-store-catchup.ts
import { eventCatalogue } from '../schema/events/index.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, report } from './bench-kit.ts';

const total = envNumber('BENCH_EVENTS', 1_000_000);
const batchSize = envNumber('BENCH_BATCH', 5000);
const test = await createTestDatabase('spark_bench');
try {
  const store = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue, batchSize });
  // Seeded in SQL (not through append) so the benchmark measures reading: 1,000 runs of realistic
  // ToolCallSucceeded events of ~300 bytes, committed in 100 transactions.
  const seedStarted = performance.now();
  const perTx = Math.ceil(total / 100);
  for (let offset = 0; offset < total; offset += perTx) {
    await test.db.query(
      `INSERT INTO es.events (stream_id, stream_revision, event_id, event_type, data, metadata)
       SELECT 'run-' || (g % 1000), g / 1000, gen_random_uuid(), 'ToolCallSucceeded',
              jsonb_build_object('callId', gen_random_uuid(), 'durationMs', g % 997,
                'result', jsonb_build_object('rows', g % 50, 'summary', repeat('lorem ipsum ', 16))),
              '{"schemaVersion":1,"actor":"bench"}'::jsonb
         FROM generate_series($1::bigint, $2::bigint) AS g`,
      [offset, Math.min(total, offset + perTx) - 1],
    );
  }
  await test.db.query('VACUUM ANALYZE es.events');
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const controller = new AbortController();
  let received = 0;
  const started = performance.now();
  for await (const _event of store.subscribeToAll({ signal: controller.signal, batchSize })) {
    if (++received === total) break;
  }
  const seconds = (performance.now() - started) / 1000;

  // Floor: the same rows by a plain keyset scan of the primary key, decoded by pg alone, with no
  // visibility rule and no event objects built.
  let floorRead = 0;
  let last = { tx: '0', gp: '0' };
  const floorStarted = performance.now();
  while (floorRead < total) {
    const { rows } = await test.db.query<{ tx: string; gp: string }>(
      `SELECT tx_id::text AS tx, global_position::text AS gp, event_id::text, stream_id, stream_revision::int,
              event_type, data, metadata, recorded_at
         FROM es.events WHERE (tx_id, global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY tx_id, global_position LIMIT $3`,
      [last.tx, last.gp, batchSize],
    );
    if (rows.length === 0) break;
    floorRead += rows.length;
    last = rows[rows.length - 1] as { tx: string; gp: string };
  }
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  report({
    bench: 'event_store_catchup',
    store: 'postgres-server',
    events: received,
    batch: batchSize,
    events_per_s: Math.round(received / seconds),
    plain_keyset_events_per_s: Math.round(floorRead / floorSeconds),
    ratio: Number((received / seconds / (floorRead / floorSeconds)).toFixed(3)),
    seed_seconds: Number(seedSeconds.toFixed(1)),
  });
  await store.close();
} finally {
  await test.drop();
}
