// Chaos: PostgreSQL restarts under load (pg_ctlcluster stop, 3 s down, start). Every process of the
// cluster reconnects by itself (same pid), every run completes, every subscriber through nginx sees
// each event once and in order, and /ready answers 503 while the database is down.
// CAREFUL: this stops the shared PostgreSQL server for a few seconds; `finally` starts it again.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Cluster, startCluster } from '../scripts/cluster.ts';
import {
  adminToken,
  createSqlAgent,
  operatorToken,
  type RunWatch,
  startRun,
  subscriptionClient,
  watchRun,
} from '../scripts/cluster-client.ts';
import { startFakeOpenAiServer } from '../server/testkit/fake-openai-server.ts';
import { TEST_SERVER_URL } from '../server/testkit/postgres.ts';
import {
  delay,
  ensurePostgresRunning,
  eventually,
  PG_CTLCLUSTER,
  pgctl,
  pollReady,
  requireProgram,
  within,
} from './chaos-kit.ts';

const RUNS = 8;
const STEPS = 8;
const DOWN_MS = 3000;

describe('chaos: PostgreSQL restarts under load', { timeout: 900_000 }, () => {
  let cluster: Cluster;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  const clients: ReturnType<typeof subscriptionClient>[] = [];
  const watches: RunWatch[] = [];

  beforeAll(async () => {
    requireProgram(PG_CTLCLUSTER, 'PostgreSQL 15 from Debian (postgresql-15) is needed');
    llm = await startFakeOpenAiServer({
      latencyMs: () => 100 + Math.floor(Math.random() * 200),
      script: (_goal, done) =>
        done < STEPS
          ? { name: 'run_sql', arguments: { sql: 'SELECT 1 AS one' } }
          : { name: 'finish', arguments: { output: 'counted' } },
    });
    cluster = await startCluster({
      dropDatabase: true,
      env: {
        OPENAI_API_KEY: 'chaos',
        OPENAI_BASE_URL: llm.url,
        // run_sql reads the server's own database: no demo dataset to load in every worker.
        RUN_SQL_DATABASE_URL: TEST_SERVER_URL,
      },
    });
    // Six processes start slowly on a loaded shared machine: more than the default hook budget.
  }, 900_000);
  afterAll(async () => {
    ensurePostgresRunning();
    for (const watch of watches) watch.stop();
    await Promise.all(clients.map((client) => client.dispose()));
    await cluster?.stop();
    await llm?.close();
  });

  it('every process reconnects, runs resume, subscriptions resume by cursor, /ready reports the outage', async () => {
    assert.ok(cluster.linkToken);
    const admin = await adminToken(cluster.url, cluster.linkToken);
    const operator = await operatorToken(cluster.url, admin, 'chaos-restart');
    const agentId = await createSqlAgent(cluster.url, admin, 'Restart counter');
    const pids = new Map(cluster.processes.map((p) => [p.name, p.pid()]));
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++)
      runIds.push(await startRun(cluster.url, operator, agentId, `Restart run ${i}`));
    // Two subscribers per run, each on its own socket through nginx (so both api processes serve some).
    for (const runId of runIds)
      for (let j = 0; j < 2; j++) {
        const client = subscriptionClient(cluster.url, operator);
        clients.push(client);
        watches.push(watchRun(client, runId));
      }
    // Under load: the runs are between their first and last step when the database goes.
    await eventually(
      'runs under way',
      () => watches.filter((w) => w.events.some((e) => e.type === 'ToolCallSucceeded')).length >= RUNS,
      60_000,
    );
    const ready = pollReady(cluster.processes);
    let downAt = 0;
    let upAt = 0;
    try {
      downAt = Date.now();
      const stopped = pgctl('stop');
      assert.equal(stopped.status, 0, stopped.output);
      await delay(DOWN_MS);
    } finally {
      const started = pgctl('start');
      upAt = Date.now();
      assert.equal(started.status, 0, started.output);
    }
    const ends = await within(
      'every run ends after the restart',
      Promise.all(watches.map((w) => w.ended)),
      150_000,
    );
    await eventually(
      'every process ready again',
      () => cluster.processes.every((p) => ready.answers.get(p.name)?.at(-1)?.status === 200),
      120_000,
    ).catch((error: Error) => {
      const last = cluster.processes.map(
        (p) =>
          `${p.name} (${p.running() ? 'running' : 'exited'}): ${ready.answers.get(p.name)?.at(-1)?.status} ${ready.lastBody.get(p.name)}\n${p.output().slice(-800)}`,
      );
      throw new Error(`${error.message}\n${last.join('\n')}`);
    });
    await ready.stop();

    assert.deepEqual(
      ends.map((e) => e.type),
      watches.map(() => 'RunCompleted'),
    );
    for (const watch of watches) {
      assert.equal(watch.duplicates, 0, `run ${watch.runId}: no event twice`);
      assert.equal(watch.gaps, 0, `run ${watch.runId}: no event missing`);
      assert.deepEqual(
        watch.events.map((e) => e.revision),
        watch.events.map((_, i) => i),
      );
      assert.equal(watch.events.filter((e) => e.type === 'ToolCallSucceeded').length, STEPS);
    }
    for (const p of cluster.processes) {
      assert.ok(p.running(), `${p.name} is still running:\n${p.output().slice(-3000)}`);
      assert.equal(p.pid(), pids.get(p.name), `${p.name} reconnected by itself (not restarted)`);
      const during = (ready.answers.get(p.name) ?? []).filter((a) => a.at >= downAt && a.at < upAt);
      assert.ok(
        during.some((a) => a.status === 503),
        `${p.name} /ready said 503 while PostgreSQL was down (saw ${during.map((a) => a.status).join(',')})`,
      );
    }
    // The write path works again through nginx.
    const after = await startRun(cluster.url, operator, agentId, 'After the restart');
    const client = subscriptionClient(cluster.url, operator);
    clients.push(client);
    const watch = watchRun(client, after);
    watches.push(watch);
    assert.equal((await within('the new run ends', watch.ended, 90_000)).type, 'RunCompleted');
  });
});
