// Append throughput with the audit chain (server/audit-chain) beside the same store without it,
// 16 writers on the PostgreSQL server, in one run, passes alternating (issue 11 goal: >= 0.9x).
// Usage: node --import tsx bench/audit-chain-append.ts   (BENCH_SECONDS, BENCH_PASSES, BENCH_WRITERS)

import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { exampleEvents } from '../schema/events/examples.ts';
import { eventCatalogue } from '../schema/events/index.ts';
import { createChainedEventStore } from '../server/audit-chain/chained-event-store.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, median, report, throughput } from './bench-kit.ts';

const seconds = envNumber('BENCH_SECONDS', 8);
const passes = envNumber('BENCH_PASSES', 2);
const writers = envNumber('BENCH_WRITERS', 16);
const test = await createTestDatabase('spark_bench');
try {
  const plainStore = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue });
  const chainedStore = createChainedEventStore(plainStore, { catalogue: eventCatalogue });
  const data = exampleEvents.ToolCallSucceeded as Record<string, unknown>;
  const metadata = { correlationId: randomUUID(), actor: 'bench' };
  // Each side its own streams (1,000 per writer, revisited): the chain never reads the other's.
  const append = (store: typeof plainStore, side: string) => () =>
    throughput(writers, seconds * 1000, (writer, i) =>
      store.append(`run-${side}${writer}-${i % 1000}`, [
        { id: newEventId(), type: 'ToolCallSucceeded', data, metadata },
      ]),
    );
  const plain = append(plainStore, 'p');
  const chained = append(chainedStore, 'c');
  const plainRates: number[] = [];
  const chainRates: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    // Alternate the order so neither side always runs on a warmer cache.
    if (pass % 2 === 0) {
      plainRates.push(await plain());
      chainRates.push(await chained());
    } else {
      chainRates.push(await chained());
      plainRates.push(await plain());
    }
  }
  const plainPerS = median(plainRates);
  const chainPerS = median(chainRates);
  report({
    bench: 'audit_chain_append',
    store: 'postgres-server',
    writers,
    events_per_append: 1,
    chained_append_per_s: Math.round(chainPerS),
    plain_append_per_s: Math.round(plainPerS),
    ratio: Number((chainPerS / plainPerS).toFixed(3)),
    passes: chainRates.map((c, i) => ({
      chained: Math.round(c),
      plain: Math.round(plainRates[i] as number),
    })),
    seconds_per_pass: seconds,
    load_average: loadavg().map((l) => Number(l.toFixed(1))),
  });
  await plainStore.close();
} finally {
  await test.drop();
}
