// Engine overhead per step with a zero-latency fake model and a no-op tool, every event durable, on
// PGlite and on the PostgreSQL server; 500 concurrent runs to completion; and, in the same run,
// LangGraph.js + PostgresSaver on the same loop (../shared/peer-bench/langgraph), for the ratio.
// A step = one model turn + safety + one tool call (+ its memory), as LangGraph's agent turn + tool call.
// Usage: npx tsx bench/engine-steps.ts   (BENCH_SKIP_LANGGRAPH=1 to skip the peer; BENCH_CPU_PROFILE=
// /tmp/engine writes a CPU profile of each measured section)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
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
import { cpuMeter, envNumber, instantModel, percentile, profiled, report } from './bench-kit.ts';
import { countingStore, perStep } from './store-count-kit.ts';

const K_SINGLE = envNumber('K_SINGLE', 200);
const N_CONC = envNumber('N_CONC', 100);
const K_CONC = envNumber('K_CONC', 10);
const N_MANY = envNumber('N_MANY', 500);

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

async function measure(label: string, db: SqlDatabase) {
  const engine = await createEngine(db);
  await engine.check(await engine.runOnce(5)); // warm-up
  const singleCpu = cpuMeter();
  const single = await profiled(`${label}-single`, () => engine.runOnce(K_SINGLE));
  const singleCpuPerStep = singleCpu.per(K_SINGLE);
  await engine.check(single);
  const singleMs = single.ms;
  report({
    bench: 'engine_steps',
    figure: 'a_single_run',
    store: label,
    steps: K_SINGLE,
    steps_per_s: Math.round((K_SINGLE / singleMs) * 1000 * 10) / 10,
    ms_per_step: Number((singleMs / K_SINGLE).toFixed(2)),
    cpu_ms_per_step: singleCpuPerStep,
  });
  // What one step asks of the event store while a run is driven (the goal: no re-read of the run).
  report({
    bench: 'engine_steps',
    figure: 'store_calls_per_step',
    store: label,
    steps: K_SINGLE,
    appends: perStep(single.counts.appends, K_SINGLE),
    appended_events: perStep(single.counts.appendedEvents, K_SINGLE),
    stream_reads: perStep(single.counts.streamReads, K_SINGLE),
  });
  for (const [figure, n, k] of [
    ['b_concurrent', N_CONC, K_CONC],
    ['many_runs', N_MANY, 3],
  ] as const) {
    const started = performance.now();
    const cpu = cpuMeter();
    const results = await profiled(`${label}-${figure}`, () =>
      Promise.allSettled(Array.from({ length: n }, () => engine.runOnce(k))),
    );
    const wallMs = performance.now() - started;
    const cpuPerStep = cpu.per(n * k);
    const checked = await Promise.allSettled(
      results.flatMap((r) => (r.status === 'fulfilled' ? [engine.check(r.value)] : [])),
    );
    const latencies = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.ms] : []));
    report({
      bench: 'engine_steps',
      figure,
      store: label,
      runs: n,
      steps_per_run: k,
      wall_ms: Math.round(wallMs),
      agg_steps_per_s: Math.round(((n * k) / wallMs) * 1000),
      cpu_ms_per_step: cpuPerStep,
      run_latency_p50_ms: Math.round(percentile(latencies, 50)),
      run_latency_p95_ms: Math.round(percentile(latencies, 95)),
      errors: [...results, ...checked].filter((r) => r.status === 'rejected').length,
    });
  }
  await engine.close();
}

function runLangGraph(): Record<string, number> {
  const source = new URL('../../shared/peer-bench/langgraph/', import.meta.url).pathname;
  if (!existsSync(source)) throw new Error(`peer bench not found at ${source}`);
  const dir = join(process.env.PEER_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'peer-langgraph-')));
  if (!existsSync(join(dir, 'node_modules'))) {
    cpSync(source, dir, { recursive: true });
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  }
  const result = spawnSync(process.execPath, ['--expose-gc', 'bench.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      SUITES: 'lg',
      DURABILITIES: 'async',
      REPS: '1',
      WARMUP: '0',
      K_SINGLE: String(K_SINGLE),
      N_CONC: String(N_CONC),
      K_CONC: String(K_CONC),
      N_HITL: '5',
      OUT: join(dir, 'results.json'),
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const figures: Record<string, number> = {};
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const figure = JSON.parse(line) as {
      figure: string;
      steps_per_s?: { median: number };
      agg_steps_per_s?: { median: number };
    };
    if (figure.figure === 'lg.async.a_single_run') figures.single = figure.steps_per_s?.median ?? Number.NaN;
    if (figure.figure === 'lg.async.b_concurrent')
      figures.concurrent = figure.agg_steps_per_s?.median ?? Number.NaN;
  }
  return figures;
}

// BENCH_STORES=postgres-server (or pglite) measures one store only, e.g. under --cpu-prof.
const stores = (process.env.BENCH_STORES ?? 'postgres-server,pglite').split(',');
if (stores.includes('postgres-server')) {
  const server = await createTestDatabase('spark_bench_engine');
  try {
    await measure('postgres-server', server.db);
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
    single_steps_per_s: lg.single,
    concurrent_steps_per_s: lg.concurrent,
  });
}
