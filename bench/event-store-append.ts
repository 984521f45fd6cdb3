// Append throughput of the PostgreSQL event store beside plain single-row INSERTs into a plain
// table, on the PostgreSQL server, in the same run (ARCHITECTURE.md §3; issue target: append at 16
// writers >= 0.7 x plain insert). Usage: npx tsx bench/event-store-append.ts
import { randomUUID } from 'node:crypto';
import { exampleEvents } from '../schema/events/examples.ts';
import { eventCatalogue } from '../schema/events/index.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, median, report, throughput } from './bench-kit.ts';

const seconds = envNumber('BENCH_SECONDS', 8);
const passes = envNumber('BENCH_PASSES', 2);
const test = await createTestDatabase('spark_bench');
try {
  const inFlight = process.env.BENCH_IN_FLIGHT ? Number(process.env.BENCH_IN_FLIGHT) : undefined;
  const store = await createPostgresEventStore({
    db: test.db,
    catalogue: eventCatalogue,
    ...(inFlight ? { maxAppendsInFlight: inFlight } : {}),
  });
  await test.db.query(`CREATE TABLE plain_events (
    id bigserial PRIMARY KEY, stream_id text NOT NULL, stream_revision bigint NOT NULL, event_id uuid NOT NULL,
    event_type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
  const data = exampleEvents.ToolCallSucceeded as Record<string, unknown>;
  const dataJson = JSON.stringify(data);
  const metadata = { correlationId: randomUUID(), actor: 'bench', schemaVersion: 1 };
  const metadataJson = JSON.stringify(metadata);
  const streams = (writer: number, i: number) => `run-${writer}-${i % 1000}`;

  const plain = (concurrency: number) =>
    throughput(concurrency, seconds * 1000, (writer, i) =>
      test.db.query(
        'INSERT INTO plain_events (stream_id, stream_revision, event_id, event_type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
        [streams(writer, i), i, randomUUID(), 'ToolCallSucceeded', dataJson, metadataJson],
      ),
    );
  const append = (concurrency: number) =>
    throughput(concurrency, seconds * 1000, (writer, i) =>
      store.append(streams(writer, i), [{ id: newEventId(), type: 'ToolCallSucceeded', data, metadata }]),
    );

  const writerCounts = (process.env.BENCH_WRITERS ?? '1,16').split(',').map(Number);
  for (const writers of writerCounts) {
    const plainRates: number[] = [];
    const appendRates: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      // Alternate the order so neither side always runs on a warmer cache.
      if (pass % 2 === 0) {
        plainRates.push(await plain(writers));
        appendRates.push(await append(writers));
      } else {
        appendRates.push(await append(writers));
        plainRates.push(await plain(writers));
      }
    }
    const plainPerS = median(plainRates);
    const appendPerS = median(appendRates);
    report({
      bench: 'event_store_append',
      store: 'postgres-server',
      writers,
      group_commit_in_flight: inFlight ?? 4,
      events_per_append: 1,
      append_per_s: Math.round(appendPerS),
      plain_insert_per_s: Math.round(plainPerS),
      ratio: Number((appendPerS / plainPerS).toFixed(3)),
      passes: appendRates.map((a, i) => ({
        append: Math.round(a),
        plain: Math.round(plainRates[i] as number),
      })),
      seconds_per_pass: seconds,
    });
  }
  await store.close();
} finally {
  await test.drop();
}
