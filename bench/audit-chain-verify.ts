// verifyAuditChain over N events (default 1,000,000) on the PostgreSQL server: events/s, beside a
// plain read of the same events through the port (no hashing) in the same run, and the one-time
// migration anchor over the same log. The events are seeded in SQL without hashes (as a log written
// before the chain), so the migration anchors their heads and verification recomputes every hash.
// Usage: BENCH_EVENTS=1000000 node --import tsx bench/audit-chain-verify.ts
import { loadavg } from 'node:os';
import { eventCatalogue } from '../schema/events/index.ts';
import { createAnchorer } from '../server/audit-chain/anchors.ts';
import { createChainedEventStore } from '../server/audit-chain/chained-event-store.ts';
import { verifyChain } from '../server/audit-chain/verify.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, report } from './bench-kit.ts';

const total = envNumber('BENCH_EVENTS', 1_000_000);
const pageSize = envNumber('BENCH_PAGE', 10_000);
const test = await createTestDatabase('spark_bench');
try {
  const inner = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue });
  const store = createChainedEventStore(inner, { catalogue: eventCatalogue });
  // 1,000 runs of realistic ToolCallSucceeded events of ~300 bytes, in 100 transactions.
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

  const migrationStarted = performance.now();
  const migration = await createAnchorer(store).migrate('bench');
  const migrationSeconds = (performance.now() - migrationStarted) / 1000;

  const readStarted = performance.now();
  let read = 0;
  for (let after: string | null = null; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize, raw: true });
    read += page.length;
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.position ?? null;
  }
  const readSeconds = (performance.now() - readStarted) / 1000;

  const verifyStarted = performance.now();
  const result = await verifyChain(store, { pageSize });
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (!result.ok) throw new Error(`the seeded log does not verify: ${JSON.stringify(result.brokenAt)}`);

  report({
    bench: 'audit_chain_verify',
    store: 'postgres-server',
    events: result.eventsChecked,
    page_size: pageSize,
    verify_events_per_s: Math.round(result.eventsChecked / verifySeconds),
    verify_seconds: Number(verifySeconds.toFixed(2)),
    plain_read_events_per_s: Math.round(read / readSeconds),
    verify_vs_plain_read: Number((result.eventsChecked / verifySeconds / (read / readSeconds)).toFixed(3)),
    migration_anchor_events_per_s: Math.round(total / migrationSeconds),
    migration_streams: migration.streams,
    load_average: loadavg().map((l) => Number(l.toFixed(1))),
  });
  await inner.close();
} finally {
  await test.drop();
}
