// The runs explorer's queries over many runs on the PostgreSQL server: the first page of runs
// (newest first), a status + agent filter, full-text search for a common and a rare word, and a
// cost range, each as the API runs it (the page, then `totalCount`). The runs are seeded as events
// (started, two reasoning steps, a safety verdict, completed or failed) projected by the `runs`
// and `run_search` projections in large batches, as a rebuild would.
// Usage: BENCH_RUNS=100000 BENCH_REPEATS=40 node --import tsx bench/runs-search.ts
// (BENCH_EXPLAIN=1 also prints the plans of the text-search counts on stderr.)
import { LIVE_TABLES } from '../projections/projection.ts';
import { runSearchProjection } from '../projections/run-search/run-search-projection.ts';
import { countRuns, listRuns, type RunFilter } from '../projections/runs/queries.ts';
import { RunStatus } from '../projections/runs/run-status.ts';
import { runsProjection } from '../projections/runs/runs-projection.ts';
import { exampleEvents } from '../schema/events/examples.ts';
import { runStream } from '../schema/events/index.ts';
import { silentLogger } from '../server/logger.ts';
import { entry, type LogEntry, recordedLog, TEST_LOG_START } from '../server/testkit/event-log.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, median, percentile, report } from './bench-kit.ts';

const runs = envNumber('BENCH_RUNS', 100_000);
const repeats = envNumber('BENCH_REPEATS', 40);
const batchRuns = envNumber('BENCH_BATCH_RUNS', 2000);
const AGENTS = Array.from(
  { length: 20 },
  (_, i) => `01930000-0000-7000-8000-0000000a${String(i).padStart(4, '0')}`,
);
const TOOLS = ['send_email', 'search_orders', 'refund_payment', 'read_sheet', 'http_get'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/**
 * A few words many runs use ("customer" is in half the goals, "invoice" in about a fifth of the
 * runs' text), a long tail of words each in a few percent of runs, and RARE in one run of a thousand.
 */
const COMMON = ['customer', 'order', 'refund', 'invoice', 'shipment'];
const RARE = 'zanzibar';
const TAIL = Array.from({ length: 2000 }, (_, i) => `term${i}x`);

/** A small deterministic generator, so that two runs of the bench seed the same runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rand = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rand() < 0.02 ? pick(COMMON) : pick(TAIL));
  return out.join(' ');
}

function runStory(n: number): LogEntry[] {
  const runId = `01930000-0000-7000-${String(8000 + (n % 1000)).padStart(4, '0')}-${String(n).padStart(12, '0')}`;
  const stream = runStream(runId);
  const agentId = AGENTS[n % AGENTS.length] as string;
  const tool = pick(TOOLS);
  const { action: _, ...reasoning } = exampleEvents.ReasoningCompleted;
  const entries: LogEntry[] = [
    entry(stream, 'RunStarted', {
      ...exampleEvents.RunStarted,
      runId,
      agentId,
      agentVersion: 1 + (n % 3),
      inputs: {
        goal: `${rand() < 0.5 ? 'Help the customer with' : 'Look into'} ${sentence(8)}${n % 1000 === 7 ? ` in ${RARE}` : ''}`,
      },
    }),
    entry(stream, 'ReasoningCompleted', {
      ...reasoning,
      finish: undefined,
      step: 1,
      thought: sentence(30),
      action: { tool, params: {} },
      costUsd: Math.round(rand() * 1_000_000) / 10_000_000,
    }),
    entry(stream, 'SafetyEvaluated', { ...exampleEvents.SafetyEvaluated, step: 1, tool, risk: pick(RISKS) }),
  ];
  if (rand() < 0.8) {
    entries.push(
      entry(stream, 'ReasoningCompleted', {
        ...reasoning,
        step: 2,
        thought: sentence(20),
        finish: { output: { answer: sentence(12) } },
        costUsd: Math.round(rand() * 1_000_000) / 10_000_000,
      }),
      entry(stream, 'RunCompleted', { ...exampleEvents.RunCompleted, output: { answer: sentence(12) } }),
    );
  } else {
    entries.push(entry(stream, 'RunFailed', exampleEvents.RunFailed));
  }
  return entries;
}

const database = await createTestDatabase('spark_bench_runs');
const { db } = database;
try {
  for (const projection of [runsProjection, runSearchProjection])
    await projection.migrate(db, LIVE_TABLES, { logger: silentLogger });
  const seedStarted = performance.now();
  let events = 0;
  for (let first = 0; first < runs; first += batchRuns) {
    const entries: LogEntry[] = [];
    for (let n = first; n < Math.min(runs, first + batchRuns); n++) entries.push(...runStory(n));
    // Interleaved as a busy system's log would be: runs overlap in time.
    const batch = recordedLog(entries, new Date(TEST_LOG_START.getTime() + events * 1000));
    events += batch.length;
    await db.transaction(async (tx) => {
      await runsProjection.apply(tx, batch, LIVE_TABLES);
      await runSearchProjection.apply(tx, batch, LIVE_TABLES);
    });
  }
  // What autovacuum does to a table written this much: statistics and the visibility map.
  for (const table of ['read.runs', 'read.run_search', 'read.run_search_terms'])
    await db.query(`VACUUM ANALYZE ${table}`);
  if (process.env.BENCH_EXPLAIN) {
    for (const setting of ['on', 'off']) {
      await db.query(`SET enable_seqscan = ${setting}`);
      for (const word of ['customer', 'invoice']) {
        const plan = await db.query(
          `EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM read.run_search s WHERE s.document @@ websearch_to_tsquery('english', '${word}')`,
        );
        for (const row of plan.rows) process.stderr.write(`${setting} ${word} ${Object.values(row)[0]}\n`);
      }
    }
    await db.query('SET enable_seqscan = on');
  }
  report({
    bench: 'runs-search',
    figure: 'seed',
    runs,
    events,
    ms: Math.round(performance.now() - seedStarted),
  });

  const cases: { figure: string; filter: RunFilter }[] = [
    { figure: 'first-page', filter: {} },
    { figure: 'status-agent', filter: { status: [RunStatus.Failed], agentId: AGENTS[3] as string } },
    { figure: 'search-very-common', filter: { search: 'customer' } },
    { figure: 'search-common', filter: { search: 'invoice' } },
    { figure: 'search-rare', filter: { search: RARE } },
    { figure: 'search-common-and-rare', filter: { search: `customer ${RARE}` } },
    { figure: 'cost-range', filter: { minCostUsd: 0.02, maxCostUsd: 0.03 } },
  ];
  for (const { figure, filter } of cases) {
    const page: number[] = [];
    const withCount: number[] = [];
    let matches = 0;
    for (let i = 0; i < repeats + 3; i++) {
      const started = performance.now();
      await listRuns(db, filter, { first: 50 });
      const pageMs = performance.now() - started;
      matches = await countRuns(db, filter);
      const totalMs = performance.now() - started;
      if (i < 3) continue; // warm-up
      page.push(pageMs);
      withCount.push(totalMs);
    }
    report({
      bench: 'runs-search',
      figure,
      runs,
      matches,
      pageP50Ms: +median(page).toFixed(1),
      pageP95Ms: +percentile(page, 95).toFixed(1),
      withTotalCountP50Ms: +median(withCount).toFixed(1),
      withTotalCountP95Ms: +percentile(withCount, 95).toFixed(1),
    });
  }
} finally {
  if (!process.env.BENCH_KEEP_DB) await database.drop();
}
