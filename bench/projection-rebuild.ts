// Rebuild speed of the `runs` read model from N events (default 1,000,000) on the PostgreSQL server
// (target: >= 30k events/s). The events are appended through the event store first: runs of ~10
// steps, each step's four events (reasoning, safety, tool start, tool result) in one append, so about
// one event in four is a step. Usage: BENCH_EVENTS=200000 npx tsx bench/projection-rebuild.ts

import { loadavg } from 'node:os';
import { rebuildProjection } from '../projections/rebuild.ts';
import { runsProjection } from '../projections/runs/runs-projection.ts';
import { exampleEvents } from '../schema/events/examples.ts';
import { eventCatalogue, type ReasoningCompletedData, runStream } from '../schema/events/index.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import type { NewEvent } from '../server/eventstore/port.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, report } from './bench-kit.ts';

const total = envNumber('BENCH_EVENTS', 1_000_000);
const batchSize = envNumber('BENCH_BATCH', 5000);
const writers = envNumber('BENCH_WRITERS', 8);
const STEPS_PER_RUN = 10;

const event = (type: string, data: object): NewEvent => ({
  id: newEventId(),
  type,
  data: data as Record<string, unknown>,
  metadata: { actor: 'bench' },
});

/** The appends of one run: RunStarted, then one append per step, then the finish. */
function runAppends(runId: string, agentId: string): NewEvent[][] {
  const appends: NewEvent[][] = [[event('RunStarted', { ...exampleEvents.RunStarted, runId, agentId })]];
  for (let step = 1; step <= STEPS_PER_RUN; step++) {
    const callId = newEventId();
    appends.push([
      event('ReasoningCompleted', { ...exampleEvents.ReasoningCompleted, step, costUsd: 0.0001 * step }),
      event('SafetyEvaluated', { ...exampleEvents.SafetyEvaluated, step, decision: 'allow', risk: 'LOW' }),
      event('ToolCallStarted', { ...exampleEvents.ToolCallStarted, step, callId }),
      event('ToolCallSucceeded', { ...exampleEvents.ToolCallSucceeded, callId, durationMs: 20 + step }),
    ]);
  }
  const { action: _, ...reasoning } = exampleEvents.ReasoningCompleted;
  const finish: ReasoningCompletedData = {
    ...reasoning,
    step: STEPS_PER_RUN + 1,
    finish: { output: 'done' },
  };
  appends.push([event('ReasoningCompleted', finish), event('RunCompleted', exampleEvents.RunCompleted)]);
  return appends;
}

const test = await createTestDatabase('spark_bench');
try {
  const store = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue });
  const seedStarted = performance.now();
  let seeded = 0;
  let runs = 0;
  // Each writer drives its own runs, so appends interleave in the log as live runs do.
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (seeded < total) {
        const runId = newEventId();
        runs++;
        for (const events of runAppends(runId, exampleEvents.RunStarted.agentId)) {
          if (seeded >= total) break;
          seeded += events.length;
          await store.append(runStream(runId), events, { expected: 'any' });
        }
      }
    }),
  );
  await test.db.query('VACUUM ANALYZE es.events');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  report({
    bench: 'projection_rebuild_seed',
    store: 'postgres',
    events: seeded,
    runs,
    writers,
    seconds: Number(seedSeconds.toFixed(1)),
    events_per_s: Math.round(seeded / seedSeconds),
  });

  // The floor: reading the same log through the same port with the same batch, doing nothing else.
  // Measured before and after the rebuild, so that a busy machine shows in both figures alike.
  const readRate = async (): Promise<number> => {
    const started = performance.now();
    let read = 0;
    for (let after: string | null = null; ; ) {
      const events = await store.readAll({ after, maxCount: batchSize });
      const last = events[events.length - 1];
      if (!last) break;
      read += events.length;
      after = last.position;
    }
    return read / ((performance.now() - started) / 1000);
  };
  const readBefore = await readRate();
  const cpuBefore = process.cpuUsage();
  const result = await rebuildProjection({
    store,
    db: test.db,
    projection: runsProjection,
    batchSize,
    logger: silentLogger,
  });
  const cpu = process.cpuUsage(cpuBefore);
  const readAfter = await readRate();
  const readPerS = (readBefore + readAfter) / 2;
  const { rows } = await test.db.query<{ runs: number; steps: number }>(
    'SELECT count(*)::int AS runs, sum(steps)::int AS steps FROM read.runs',
  );
  report({
    bench: 'projection_rebuild',
    store: 'postgres',
    projection: 'runs',
    events: result.events,
    batch: batchSize,
    seconds: Number(result.seconds.toFixed(2)),
    events_per_s: Math.round(result.events / result.seconds),
    read_only_events_per_s: Math.round(readPerS),
    ratio_to_read: Number((result.events / result.seconds / readPerS).toFixed(3)),
    node_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    load_avg_1m: Number(loadavg()[0]?.toFixed(1)),
    runs: rows[0]?.runs,
    steps: rows[0]?.steps,
  });
  await store.close();
} finally {
  await test.drop();
}
