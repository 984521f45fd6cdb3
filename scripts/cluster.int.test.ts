// `startCluster`: nginx over 2 api processes, 2 workers, 2 projections processes on one fresh
// PostgreSQL database; a run started through nginx completes and its events arrive over graphql-ws.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { within } from '../chaos/chaos-kit.ts';
import { startFakeOpenAiServer } from '../server/testkit/fake-openai-server.ts';
import { TEST_SERVER_URL } from '../server/testkit/postgres.ts';
import { type Cluster, startCluster } from './cluster.ts';
import { adminToken, createSqlAgent, startRun, subscriptionClient, watchRun } from './cluster-client.ts';

const STEPS = 3;

describe('npm run cluster: the topology on one database', { timeout: 900_000 }, () => {
  let cluster: Cluster;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  beforeAll(async () => {
    llm = await startFakeOpenAiServer({
      latencyMs: 50,
      script: (_goal, done) =>
        done < STEPS
          ? { name: 'run_sql', arguments: { sql: 'SELECT 1 AS one' } }
          : { name: 'finish', arguments: { output: 'counted' } },
    });
    cluster = await startCluster({
      dropDatabase: true,
      env: {
        OPENAI_API_KEY: 'cluster-test',
        OPENAI_BASE_URL: llm.url,
        // run_sql reads the server's own database: no demo dataset to load in every worker.
        RUN_SQL_DATABASE_URL: TEST_SERVER_URL,
      },
    });
    // Six processes start slowly on a loaded shared machine: more than the default hook budget.
  }, 900_000);
  afterAll(async () => {
    await cluster?.stop();
    await llm?.close();
  });

  it('runs 2 api, 2 worker and 2 projections processes, each ready', async () => {
    assert.deepEqual(
      cluster.processes.map((p) => p.name),
      ['api-1', 'api-2', 'worker-1', 'worker-2', 'projections-1', 'projections-2'],
    );
    for (const p of cluster.processes) {
      assert.ok(p.running(), `${p.name} runs`);
      const ready = await fetch(`${p.url}/ready`);
      assert.equal(ready.status, 200, `${p.name} /ready: ${await ready.text()}`);
    }
  });

  it('balances HTTP over both api processes', async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${cluster.url}/health`);
      assert.equal(response.status, 200);
      upstreams.add(response.headers.get('x-spark-upstream') ?? 'none');
    }
    const apiPorts = cluster.processes.filter((p) => p.role === 'api').map((p) => `127.0.0.1:${p.port}`);
    assert.deepEqual([...upstreams].sort(), apiPorts.sort());
  });

  it('drives a run started through nginx and streams its events over graphql-ws', async () => {
    assert.ok(cluster.linkToken, 'the first api process printed the first admin link');
    const token = await adminToken(cluster.url, cluster.linkToken);
    const agentId = await createSqlAgent(cluster.url, token, 'Cluster counter');
    const runId = await startRun(cluster.url, token, agentId, 'Count the events');
    const client = subscriptionClient(cluster.url, token);
    const watch = watchRun(client, runId);
    try {
      const last = await within('the run ends', watch.ended, 120_000).catch((error: Error) => {
        const tails = cluster.processes.map((p) => `--- ${p.name}\n${p.output().slice(-1500)}`).join('\n');
        throw new Error(
          `${error.message}; events seen: ${watch.events.map((e) => e.type).join(', ')}; model asked ${llm.requests.length} times\n${tails}`,
        );
      });
      assert.equal(last.type, 'RunCompleted');
      assert.equal(watch.duplicates, 0);
      assert.equal(watch.gaps, 0);
      assert.deepEqual(
        watch.events.map((e) => e.revision),
        watch.events.map((_, i) => i),
      );
      assert.equal(watch.events.filter((e) => e.type === 'ToolCallSucceeded').length, STEPS);
    } finally {
      watch.stop();
      await client.dispose();
    }
  });

  it('stops every process and nginx, and removes its directory', async () => {
    const pids = cluster.processes.map((p) => p.pid());
    await cluster.stop();
    for (const p of cluster.processes) assert.equal(p.running(), false, `${p.name} stopped`);
    for (const pid of pids) assert.throws(() => process.kill(pid as number, 0), `pid ${pid} is gone`);
    assert.equal(existsSync(cluster.nginxDir), false);
    await assert.rejects(fetch(`${cluster.url}/health`));
  });
});
