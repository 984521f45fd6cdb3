// Soak: the cluster (nginx, 2 api, 2 worker, 2 projections processes on one PostgreSQL database) for
// SOAK_SECONDS (default 600) with SOAK_RUNS (100) runs in flight at all times, a model answering in
// 50-500 ms (a fake OpenAI-compatible server on 127.0.0.1), and SOAK_SUBSCRIBERS (1,000) graphql-ws
// subscribers through nginx, each following its runs' events and checking their sequence.
// Figures, one JSON line each: per process the heap slope after warm-up (MB/min); per minute p50 and
// p99 append → delivery latency; events lost and duplicated per subscriber; runs completed, failed.
// Usage: npm run bench -- soak   (SOAK_SECONDS=180 for a shorter one)
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from 'graphql-ws';
import { type Cluster, startCluster } from '../scripts/cluster.ts';
import {
  adminToken,
  createSqlAgent,
  gql,
  operatorToken,
  type RunWatch,
  startRun,
  subscriptionClient,
  watchRun,
} from '../scripts/cluster-client.ts';
import { startFakeOpenAiServer } from '../server/testkit/fake-openai-server.ts';
import { TEST_SERVER_URL } from '../server/testkit/postgres.ts';
import { envNumber, percentile, report } from './bench-kit.ts';

export interface SoakOptions {
  seconds: number;
  runs: number;
  subscribers: number;
  /** run_sql steps before each run finishes. */
  steps: number;
  /** Heap samples before this are left out of the slope (start-up, JIT, caches filling). */
  warmupSeconds: number;
  /** Each figure as it is measured (default: printed as one JSON line). */
  onFigure?: (figure: Record<string, unknown>) => void;
}

export interface SoakResult {
  runsCompleted: number;
  runsFailed: number;
  /** Runs started that had not ended when the soak gave up waiting for them. */
  runsUnfinished: number;
  lostPerSubscriber: number[];
  duplicatedPerSubscriber: number[];
  /** Subscriber watches that never saw their run's last event. */
  unfinishedWatches: number;
  heapSlopes: { process: string; mbPerMinute: number; samples: number }[];
  latencyByMinute: { minute: number; p50: number; p99: number; samples: number }[];
}

const OPERATOR_TOKENS = 25;
const DRAIN_MS = 120_000;

/** One slot keeps one run in flight: when its run ends, it starts the next. */
interface Slot {
  runs: string[];
  waiters: (() => void)[];
  done: boolean;
  /** Resolved by the first subscriber that sees the run's last event. */
  ends: Map<string, { promise: Promise<string>; resolve: (type: string) => void }>;
}

function endOf(slot: Slot, runId: string) {
  let entry = slot.ends.get(runId);
  if (!entry) {
    let resolve: (type: string) => void = () => {};
    const promise = new Promise<string>((r) => {
      resolve = r;
    });
    entry = { promise, resolve };
    slot.ends.set(runId, entry);
  }
  return entry;
}

/** The k-th run of the slot once it is started, or null when the slot is done. */
async function nthRun(slot: Slot, k: number): Promise<string | null> {
  while (slot.runs.length <= k) {
    if (slot.done) return null;
    await new Promise<void>((resolve) => slot.waiters.push(resolve));
  }
  return slot.runs[k] as string;
}

/** `promise`, or null when it has not settled by `deadline` (the timer is cleared either way). */
async function until<T>(promise: Promise<T>, deadline: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function wake(slot: Slot) {
  for (const waiter of slot.waiters.splice(0)) waiter();
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function heapSlopes(cluster: Cluster, dir: string, fromMs: number) {
  const byPid = new Map(cluster.processes.map((p) => [String(p.pid()), p.name]));
  const slopes: SoakResult['heapSlopes'] = [];
  for (const file of (await readdir(dir)).sort()) {
    const name = byPid.get(file.replace('.jsonl', ''));
    if (!name) continue;
    const samples = (await readFile(join(dir, file), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { t: number; heap: number })
      .filter((s) => s.t >= fromMs);
    const points = samples.map((s) => ({ x: (s.t - fromMs) / 60_000, y: s.heap / 1024 / 1024 }));
    slopes.push({ process: name, mbPerMinute: Number(slope(points).toFixed(3)), samples: points.length });
  }
  return slopes.sort((a, b) => a.process.localeCompare(b.process));
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const emit = options.onFigure ?? ((figure) => report({ bench: 'soak', ...figure }));
  const heapDir = await mkdtemp(join(tmpdir(), 'spark-soak-heap-'));
  const probe = fileURLToPath(new URL('./soak-heap-probe.mjs', import.meta.url));
  const llm = await startFakeOpenAiServer({
    latencyMs: () => 50 + Math.floor(Math.random() * 451),
    script: (_goal, done) =>
      done < options.steps
        ? { name: 'run_sql', arguments: { sql: 'SELECT 1 AS one' } }
        : { name: 'finish', arguments: { output: 'soaked' } },
  });
  let cluster: Cluster | null = null;
  const clients: Client[] = [];
  const watches: RunWatch[] = [];
  try {
    cluster = await startCluster({
      dropDatabase: true,
      env: {
        OPENAI_API_KEY: 'soak',
        OPENAI_BASE_URL: llm.url,
        // run_sql reads the server's own database: no demo dataset to load in every worker.
        RUN_SQL_DATABASE_URL: TEST_SERVER_URL,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(probe).href}`.trim(),
        SOAK_HEAP_DIR: heapDir,
        LOG_LEVEL: 'error',
      },
    });
    const { url } = cluster;
    if (!cluster.linkToken) throw new Error('the cluster printed no first admin link');
    const admin = await adminToken(url, cluster.linkToken);
    const tokens: string[] = [];
    for (let i = 0; i < OPERATOR_TOKENS; i++) tokens.push(await operatorToken(url, admin, `soak-${i}`));
    const agentId = await createSqlAgent(url, admin, 'Soak counter');
    const started = Date.now();
    const deadline = started + options.seconds * 1000;
    const latencies = new Map<number, number[]>();
    const slots: Slot[] = Array.from({ length: options.runs }, () => ({
      runs: [],
      waiters: [],
      done: false,
      ends: new Map(),
    }));
    let runsCompleted = 0;
    let runsFailed = 0;
    let runsUnfinished = 0;
    const lost: number[] = [];
    const duplicated: number[] = [];
    let unfinishedWatches = 0;

    const subscriberLoops = Array.from({ length: options.subscribers }, async (_, i) => {
      const slot = slots[i % slots.length] as Slot;
      const client = subscriptionClient(url, tokens[i % tokens.length] as string);
      clients.push(client);
      let missing = 0;
      let twice = 0;
      for (let k = 0; ; k++) {
        const runId = await nthRun(slot, k);
        if (runId === null) break;
        const subscribedAt = Date.now();
        const watch = watchRun(client, runId, (event) => {
          const recorded = Date.parse(event.recordedAt);
          // History delivered at subscription is not a delivery latency: only events appended after.
          if (recorded < subscribedAt) return;
          const minute = Math.floor((event.at - started) / 60_000);
          const bucket = latencies.get(minute) ?? [];
          bucket.push(event.at - recorded);
          latencies.set(minute, bucket);
        });
        watches.push(watch);
        const ending = await until(watch.ended, deadline + DRAIN_MS);
        watch.stop();
        if (ending) endOf(slot, runId).resolve(ending.type);
        else unfinishedWatches++;
        missing += watch.gaps;
        twice += watch.duplicates;
      }
      lost[i] = missing;
      duplicated[i] = twice;
    });

    const slotLoops = slots.map(async (slot, s) => {
      const token = tokens[s % tokens.length] as string;
      while (Date.now() < deadline) {
        const runId = await startRun(url, token, agentId, `Soak run ${s}.${slot.runs.length}`);
        slot.runs.push(runId);
        wake(slot);
        const type = await until(endOf(slot, runId).promise, deadline + DRAIN_MS);
        if (type === 'RunCompleted') runsCompleted++;
        else if (type === null) {
          runsUnfinished++;
          break;
        } else runsFailed++;
      }
      slot.done = true;
      wake(slot);
    });
    const minuteTimer = setInterval(() => {
      emit({
        figure: 'progress',
        elapsedS: Math.round((Date.now() - started) / 1000),
        runsCompleted,
        runsFailed,
        load1: loadavg()[0],
      });
    }, 60_000);
    await Promise.all(slotLoops);
    await Promise.all(subscriberLoops);
    clearInterval(minuteTimer);

    // Events a subscriber never saw after its run's last event: compare with the run's last revision.
    const ends = new Map<string, number>();
    for (const watch of watches) {
      const last = watch.events.at(-1)?.revision ?? -1;
      ends.set(watch.runId, Math.min(ends.get(watch.runId) ?? last, last));
    }
    let tailLost = 0;
    const runIds = [...ends.keys()];
    for (let i = 0; i < runIds.length; i += 20) {
      await Promise.all(
        runIds.slice(i, i + 20).map(async (runId, j) => {
          const data = await gql<{ run: { lastRevision: number } }>(
            url,
            tokens[(i + j) % tokens.length] as string,
            'query($id: ID!) { run(id: $id) { lastRevision } }',
            { id: runId },
          );
          if (data.run.lastRevision > (ends.get(runId) ?? -1)) tailLost++;
        }),
      );
    }

    const latencyByMinute = [...latencies.entries()]
      .sort(([a], [b]) => a - b)
      .map(([minute, values]) => ({
        minute,
        p50: percentile(values, 50),
        p99: percentile(values, 99),
        samples: values.length,
      }));
    const heap = await heapSlopes(cluster, heapDir, started + options.warmupSeconds * 1000);
    const result: SoakResult = {
      runsCompleted,
      runsFailed,
      runsUnfinished,
      lostPerSubscriber: lost,
      duplicatedPerSubscriber: duplicated,
      unfinishedWatches: unfinishedWatches + tailLost,
      heapSlopes: heap,
      latencyByMinute,
    };
    const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
    emit({
      figure: 'config',
      seconds: options.seconds,
      concurrentRuns: options.runs,
      subscribers: options.subscribers,
      stepsPerRun: options.steps,
      modelLatencyMs: '50-500',
      processes: cluster.processes.map((p) => p.name),
    });
    for (const h of heap) emit({ figure: 'heap_slope_mb_per_min', ...h, warmupS: options.warmupSeconds });
    for (const m of latencyByMinute)
      emit({ figure: 'append_to_delivery_ms', minute: m.minute, p50: m.p50, p99: m.p99, samples: m.samples });
    emit({
      figure: 'events_lost_per_subscriber',
      max: Math.max(0, ...lost),
      total: sum(lost),
      subscribers: lost.length,
      watchesWithoutLastEvent: result.unfinishedWatches,
    });
    emit({
      figure: 'events_duplicated_per_subscriber',
      max: Math.max(0, ...duplicated),
      total: sum(duplicated),
    });
    emit({ figure: 'runs', completed: runsCompleted, failed: runsFailed, unfinished: runsUnfinished });
    emit({ figure: 'load_average', load1: loadavg()[0], load5: loadavg()[1], load15: loadavg()[2] });
    return result;
  } finally {
    for (const watch of watches) watch.stop();
    await Promise.all(clients.map((client) => client.dispose()));
    await cluster?.stop();
    await llm.close();
    await rm(heapDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = envNumber('SOAK_SECONDS', 600);
  const result = await runSoak({
    seconds,
    runs: envNumber('SOAK_RUNS', 100),
    subscribers: envNumber('SOAK_SUBSCRIBERS', 1000),
    steps: envNumber('SOAK_STEPS', 3),
    warmupSeconds: envNumber('SOAK_WARMUP_SECONDS', Math.min(60, Math.round(seconds / 5))),
  });
  const bad =
    result.runsFailed +
    result.runsUnfinished +
    result.unfinishedWatches +
    result.lostPerSubscriber.reduce((s, v) => s + v, 0) +
    result.duplicatedPerSubscriber.reduce((s, v) => s + v, 0);
  process.exit(bad === 0 ? 0 : 1);
}
