// Engine overhead per step with a zero-latency fake model and a no-op tool, every event durable, on
// PGlite and on the PostgreSQL server; 500 concurrent runs to completion; and, in the same run,
// LangGraph.js + PostgresSaver on the same loop (../shared/peer-bench/langgraph), for the ratio.
// A step = one model turn + safety + one tool call (+ its memory), as LangGraph's agent turn + tool call.
// Both engines are measured warm, REPS times (default 3, the peer bench's default), and each figure
// is the median: the peer with its own warm-up, this engine after WARMUP_SINGLE_RUNS runs of K_SINGLE
// steps and WARMUP_CONCURRENT_ROUNDS rounds of the concurrent figure, the peer after its own warm-up
// and PEER_WARM_REPS uncounted repetitions.
// Usage: npx tsx bench/engine-steps.ts   (BENCH_SKIP_LANGGRAPH=1 to skip the peer; BENCH_CPU_PROFILE=
// /tmp/engine writes a CPU profile of each measured section)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { eventCatalogue } from '../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../server/activities/providers/fake-provider.ts';
import { defineTool } from '../server/activities/tools/tool.ts';
import { loadConfig } from '../server/config.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import { stepsLeftOut } from '../server/engine/conversation-builder.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { createPlatform } from '../server/platform.ts';
import { createTestDatabase, createTestPglite } from '../server/testkit/postgres.ts';
import {
  type CpuPerUnit,
  cpuMeter,
  envNumber,
  instantModel,
  median,
  percentile,
  profiled,
  report,
} from './bench-kit.ts';
import { countingStore, perStep, type StoreCounts } from './store-count-kit.ts';

const K_SINGLE = envNumber('K_SINGLE', 200);
const N_CONC = envNumber('N_CONC', 100);
const K_CONC = envNumber('K_CONC', 10);
const N_MANY = envNumber('N_MANY', 500);
/** Measured repetitions of each figure, as the peer bench's default (REPS=3); the median is the figure. */
const REPS = envNumber('REPS', 3);
const WARMUP_SINGLE_RUNS = envNumber('WARMUP_SINGLE_RUNS', 5);
const WARMUP_CONCURRENT_ROUNDS = envNumber('WARMUP_CONCURRENT_ROUNDS', 3);
const PEER_WARM_REPS = envNumber('PEER_WARM_REPS', 2);

/**
 * One engine over one database: the platform (createPlatform) with a no-op tool and the model
 * below, no scheduler and no projection runner (the engine alone); drive runs of `k` noop steps.
 */
async function createEngine(db: SqlDatabase) {
  const counting = countingStore(
    await createPostgresEventStore({ db, catalogue: eventCatalogue, logger: silentLogger }),
  );
  const tools = [
    defineTool({
      name: 'noop',
      description: 'Does nothing',
      inputSchema: z.object({ i: z.number() }),
      defaultRisk: 'LOW',
      timeoutMs: 1000,
      idempotent: true,
      run: async ({ i }) => `ok ${i}`,
    }),
  ];
  // Zero latency, no recording: turn t calls noop while t <= k, then finishes (k read from the goal).
  const model = instantModel((request) => {
    const goal = String((request.messages[0] as { content?: unknown } | undefined)?.content ?? '');
    const k = Number(/k=(\d+)/.exec(goal)?.[1] ?? 1);
    const done = request.messages.filter((message) => message.role === 'tool').length + stepsLeftOut(goal);
    return done < k ? fakeToolCall('noop', { i: done }) : fakeFinish('done');
  });
  const platform = await createPlatform(
    loadConfig({ JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }),
    {
      logger: silentLogger,
      db,
      store: counting.store,
      reasoning: model,
      tools,
      worker: false,
      projections: { run: false },
    },
  );
  const { agents, runs } = platform;
  const { agent } = await agents.create(
    {
      name: 'bench',
      purpose: 'bench',
      llm: { provider: 'openai', model: 'fake' },
      tools: ['noop'],
      systemPrompt: '',
    },
    { id: 'bench' },
  );
  const runOnce = async (k: number) => {
    const { runId } = await runs.start(
      { agentId: agent.agentId, inputs: { goal: `k=${k}` } },
      { id: 'bench' },
    );
    counting.take();
    const started = performance.now();
    await platform.drive(runId, new AbortController().signal);
    const ms = performance.now() - started;
    const counts = counting.take();
    return { ms, counts, runId, k };
  };
  // Checked after the timed section, as the peer bench checks its runs after timing them.
  const check = async ({ runId, k }: { runId: string; k: number }) => {
    const state = await runs.get(runId);
    if (state.status !== 'COMPLETED' || state.totals.steps !== k + 1)
      throw new Error(`run ${runId} ended ${state.status} after ${state.totals.steps} steps`);
  };
  return {
    runOnce,
    check,
    async close() {
      await platform.close();
      await counting.store.close();
    },
  };
}

type Engine = Awaited<ReturnType<typeof createEngine>>;

/** Median, least and most of a figure over the repetitions. */
const spread = (values: readonly number[]) => ({
  median: Math.round(median(values) * 10) / 10,
  min: Math.round(Math.min(...values) * 10) / 10,
  max: Math.round(Math.max(...values) * 10) / 10,
});

const machineSpread = (values: readonly (number | null)[]) =>
  values.every((value) => value !== null) ? spread(values as number[]) : null;

/** Runs `n` runs of `k` steps at once; throws if any failed or did not complete. */
async function runMany(engine: Engine, n: number, k: number, profile: string) {
  const started = performance.now();
  const cpu = cpuMeter();
  const results = await profiled(profile, () =>
    Promise.all(Array.from({ length: n }, () => engine.runOnce(k))),
  );
  const wallMs = performance.now() - started;
  const cpuPerStep = cpu.per(n * k);
  await Promise.all(results.map((result) => engine.check(result)));
  const latencies = results.map((result) => result.ms);
  return { stepsPerS: ((n * k) / wallMs) * 1000, cpuPerStep, latencies };
}

async function measure(label: string, db: SqlDatabase) {
  const engine = await createEngine(db);
  // Warm-up until steady, untimed. The peer bench warms LangGraph with a fifth of each figure and
  // its figures are flat from the first repetition on; this engine's JIT needs longer (a 200-step
  // run did 163 steps/s cold and 250–300 from its fourth run on), and a server process is warm.
  for (let i = 0; i < WARMUP_SINGLE_RUNS; i++) {
    const run = await engine.runOnce(K_SINGLE);
    await engine.check(run);
    // The first run of a fresh process, for the record: what a run gets right after a restart.
    if (i === 0)
      report({
        bench: 'engine_steps',
        figure: 'a_single_run_cold',
        store: label,
        steps: K_SINGLE,
        steps_per_s: Math.round((K_SINGLE / run.ms) * 1000 * 10) / 10,
      });
  }
  for (let i = 0; i < WARMUP_CONCURRENT_ROUNDS; i++) await runMany(engine, N_CONC, K_CONC, '');
  const singles: { stepsPerS: number; cpu: CpuPerUnit }[] = [];
  let counts: StoreCounts | null = null;
  for (let rep = 1; rep <= REPS; rep++) {
    const cpu = cpuMeter();
    const single = await profiled(rep === 1 ? `${label}-single` : '', () => engine.runOnce(K_SINGLE));
    singles.push({ stepsPerS: (K_SINGLE / single.ms) * 1000, cpu: cpu.per(K_SINGLE) });
    await engine.check(single);
    counts ??= single.counts;
  }
  const singleRates = singles.map((s) => s.stepsPerS);
  report({
    bench: 'engine_steps',
    figure: 'a_single_run',
    store: label,
    steps: K_SINGLE,
    reps: REPS,
    steps_per_s: spread(singleRates),
    ms_per_step: Number((1000 / median(singleRates)).toFixed(2)),
    process_cpu_ms_per_step: spread(singles.map((s) => s.cpu.process_cpu_ms)),
    machine_cpu_ms_per_step: machineSpread(singles.map((s) => s.cpu.machine_cpu_ms)),
  });
  // What one step asks of the event store while a run is driven (the goal: no re-read of the run).
  if (counts)
    report({
      bench: 'engine_steps',
      figure: 'store_calls_per_step',
      store: label,
      steps: K_SINGLE,
      appends: perStep(counts.appends, K_SINGLE),
      appended_events: perStep(counts.appendedEvents, K_SINGLE),
      stream_reads: perStep(counts.streamReads, K_SINGLE),
    });
  const rates: Record<string, number> = {};
  for (const [figure, n, k] of [
    ['b_concurrent', N_CONC, K_CONC],
    ['many_runs', N_MANY, 3],
  ] as const) {
    const reps = [];
    for (let rep = 1; rep <= REPS; rep++)
      reps.push(await runMany(engine, n, k, rep === 1 ? `${label}-${figure}` : ''));
    report({
      bench: 'engine_steps',
      figure,
      store: label,
      runs: n,
      steps_per_run: k,
      reps: REPS,
      agg_steps_per_s: spread(reps.map((r) => r.stepsPerS)),
      process_cpu_ms_per_step: spread(reps.map((r) => r.cpuPerStep.process_cpu_ms)),
      machine_cpu_ms_per_step: machineSpread(reps.map((r) => r.cpuPerStep.machine_cpu_ms)),
      run_latency_p50_ms: Math.round(
        percentile(
          reps.flatMap((r) => r.latencies),
          50,
        ),
      ),
      run_latency_p95_ms: Math.round(
        percentile(
          reps.flatMap((r) => r.latencies),
          95,
        ),
      ),
    });
    rates[figure] = median(reps.map((r) => r.stepsPerS));
  }
  await engine.close();
  return { single: median(singleRates), concurrent: rates.b_concurrent ?? Number.NaN };
}

function runLangGraph() {
  const source = new URL('../../shared/peer-bench/langgraph/', import.meta.url).pathname;
  if (!existsSync(source)) throw new Error(`peer bench not found at ${source}`);
  const dir = join(process.env.PEER_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'peer-langgraph-')));
  if (!existsSync(join(dir, 'node_modules'))) {
    cpSync(source, dir, { recursive: true });
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  }
  // The peer warms with its own warm-up and then PEER_WARM_REPS more repetitions that are not
  // counted, so that it too is measured as warm as it gets (its figures are flat from the first
  // repetition on); the figure is the median of the last REPS repetitions.
  const out = join(dir, 'results.json');
  const result = spawnSync(process.execPath, ['--expose-gc', 'bench.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      SUITES: 'lg',
      DURABILITIES: 'async',
      REPS: String(PEER_WARM_REPS + REPS),
      WARMUP: '1',
      K_SINGLE: String(K_SINGLE),
      N_CONC: String(N_CONC),
      K_CONC: String(K_CONC),
      N_HITL: '5',
      OUT: out,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`the peer bench failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  type Rep = { steps_per_s?: number; agg_steps_per_s?: number };
  const { raw } = JSON.parse(readFileSync(out, 'utf8')) as { raw: Record<string, Rep[]> };
  const measured = (figure: string, rate: (rep: Rep) => number | undefined) => {
    const all = (raw[figure] ?? []).map(rate);
    const counted = all.slice(PEER_WARM_REPS);
    if (counted.length !== REPS || !counted.every((value) => typeof value === 'number'))
      throw new Error(`the peer bench gave no ${figure} for every repetition`);
    return {
      ...spread(counted as number[]),
      all_reps: all.map((value) => Math.round((value ?? 0) * 10) / 10),
    };
  };
  return {
    single: measured('lg.async.a_single_run', (rep) => rep.steps_per_s),
    concurrent: measured('lg.async.b_concurrent', (rep) => rep.agg_steps_per_s),
  };
}

// BENCH_STORES=postgres-server (or pglite) measures one store only, e.g. under --cpu-prof.
const stores = (process.env.BENCH_STORES ?? 'postgres-server,pglite').split(',');
let onServer: Awaited<ReturnType<typeof measure>> | null = null;
if (stores.includes('postgres-server')) {
  const server = await createTestDatabase('spark_bench_engine');
  try {
    onServer = await measure('postgres-server', server.db);
  } finally {
    await server.drop();
  }
}
if (stores.includes('pglite')) {
  const pglite = await createTestPglite();
  try {
    await measure('pglite', pglite.db);
  } finally {
    await pglite.drop();
  }
}
if (!process.env.BENCH_SKIP_LANGGRAPH) {
  const lg = runLangGraph();
  report({
    bench: 'engine_steps',
    figure: 'langgraph_postgressaver',
    durability: 'async',
    reps: REPS,
    single_steps_per_s: lg.single,
    concurrent_steps_per_s: lg.concurrent,
  });
  // The goal of issue 8 (≥ 5× on both), from medians measured in this one run.
  if (onServer)
    report({
      bench: 'engine_steps',
      figure: 'ratio_to_langgraph',
      store: 'postgres-server',
      single: Math.round((onServer.single / lg.single.median) * 100) / 100,
      concurrent: Math.round((onServer.concurrent / lg.concurrent.median) * 100) / 100,
    });
}
