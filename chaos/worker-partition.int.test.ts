// Chaos: one worker is cut off PostgreSQL (a network namespace whose route to the database is
// blackholed) in the middle of a step, after it asked the model and before it appended the answer.
// Its run lease expires and the other worker takes the run over; when the cut heals, the old worker's
// late append is refused by the expected revision, and no step is recorded twice.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Cluster, startCluster } from '../scripts/cluster.ts';
import { adminToken, createSqlAgent, gql, startRun } from '../scripts/cluster-client.ts';
import { startFakeOpenAiServer } from '../server/testkit/fake-openai-server.ts';
import { TEST_SERVER_URL } from '../server/testkit/postgres.ts';
import { eventually, requireProgram } from './chaos-kit.ts';
import { type CutNamespace, createCutNamespace, IP_PATH } from './netns.ts';

const STEPS = 5;
/** The step during which worker-1 is cut off (counted in answered steps before it). */
const CUT_AT = 2;

describe('chaos: a worker cut off the database loses its run to the other worker', {
  timeout: 900_000,
}, () => {
  let ns: CutNamespace;
  let cluster: Cluster;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  let answers = 0;

  beforeAll(async () => {
    requireProgram(IP_PATH, 'iproute2 (apt-get install iproute2) is needed');
    if (process.getuid?.() !== 0) throw new Error('network namespaces need root: run this test as root');
    ns = await createCutNamespace();
    const pgPort = await ns.relay({ host: '127.0.0.1', port: 5432 });
    llm = await startFakeOpenAiServer({
      host: ns.otherAddress,
      // Each answer is numbered: the recorded thought says which process's answer was kept.
      thought: (_goal, done, call) => `answer ${answers++}: step ${done + 1} calls ${call.name}`,
      latencyMs: () => {
        const last = llm.requests.at(-1);
        // Worker-1's answer at the cut step comes late, after the cut, so its append is pending.
        return last?.remote === ns.insideAddress && last.toolResults === CUT_AT ? 1500 : 50;
      },
      script: (_goal, done) =>
        done < STEPS
          ? { name: 'run_sql', arguments: { sql: 'SELECT 1 AS one' } }
          : { name: 'finish', arguments: { output: 'counted' } },
    });
    cluster = await startCluster({
      dropDatabase: true,
      apis: 1,
      workers: 2,
      projections: 1,
      deferred: ['worker-2'],
      env: {
        OPENAI_API_KEY: 'chaos',
        OPENAI_BASE_URL: llm.url,
        // A short run lease: the takeover waits for it to expire.
        RUN_LEASE: '5s',
        // run_sql reads the server's own database: no demo dataset to load in every worker.
        RUN_SQL_DATABASE_URL: TEST_SERVER_URL,
      },
      wrap: (name) => (name === 'worker-1' ? ns.exec : undefined),
      envFor: (name, shared) => {
        if (name !== 'worker-1') return undefined;
        // Inside the namespace PostgreSQL is reached through the relay on the host side of the veth.
        const url = new URL(shared.DATABASE_URL as string);
        url.host = `${ns.dbAddress}:${pgPort}`;
        const sql = new URL(TEST_SERVER_URL);
        sql.host = url.host;
        return {
          HOST: ns.insideAddress,
          LOG_LEVEL: 'info',
          DATABASE_URL: url.toString(),
          RUN_SQL_DATABASE_URL: sql.toString(),
        };
      },
    });
    // Six processes start slowly on a loaded shared machine: more than the default hook budget.
  }, 900_000);
  afterAll(async () => {
    await cluster?.stop();
    await llm?.close();
    await ns?.remove();
  });

  it('takes the run over after the lease expires and refuses the late append', async () => {
    assert.ok(cluster.linkToken);
    const token = await adminToken(cluster.url, cluster.linkToken);
    const agentId = await createSqlAgent(cluster.url, token, 'Partition counter');
    const runId = await startRun(cluster.url, token, agentId, 'Count through a partition');
    const fromCut = await eventually(
      'worker-1 asks the model for the cut step',
      () => llm.requests.findIndex((r) => r.remote === ns.insideAddress && r.toolResults === CUT_AT) + 1,
      90_000,
      20,
    );
    ns.cut();
    const cutAt = Date.now();
    // worker-2 starts only now (started earlier, it might have claimed the run first).
    await cluster.process('worker-2').start();
    const standbyReadyAt = Date.now();
    const takeover = await eventually(
      'worker-2 asks the model for the cut step',
      () => llm.requests.find((r) => r.remote !== ns.insideAddress && r.toolResults === CUT_AT),
      120_000,
    );
    console.log(
      JSON.stringify({
        figure: 'partition_takeover_ms',
        fromCut: takeover.at - cutAt,
        // Without worker-2's own start-up: the lease (RUN_LEASE=5s) running out, then a scheduler poll.
        fromStandbyReady: takeover.at - Math.max(cutAt, standbyReadyAt),
      }),
    );
    const done = await eventually(
      'the run completes on worker-2',
      async () => {
        const data = await gql<{ run: { status: string } }>(
          cluster.url,
          token,
          'query($id: ID!) { run(id: $id) { status } }',
          { id: runId },
        );
        return data.run.status === 'COMPLETED';
      },
      120_000,
      500,
    );
    assert.ok(done);
    ns.heal();
    // The old worker's append, held in its TCP connection during the cut, reaches the database now.
    const worker1 = cluster.process('worker-1');
    // Two outcomes keep the log whole, and which one happens is a race: worker-1 held its step's
    // append on an open connection through the cut, and the append reaches the database after the
    // heal (TCP's back-off may delay it a minute or more) where the expected revision refuses it;
    // or worker-1 needed a new connection during the cut, which the blackhole route fails at once,
    // so its drive failed before writing. Either way the events below must show no duplicate.
    const outcome = await eventually(
      "worker-1's late append is refused, or its write failed during the cut",
      () => {
        const output = worker1.output();
        if (output.includes('run changed while a step ran') && output.includes(runId)) return 'refused';
        if (output.includes('driving a run failed') && output.includes('connect EINVAL'))
          return 'failed-in-cut';
        return null;
      },
      240_000,
      500,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; worker-1's output ends:\n${worker1.output().slice(-3000)}`);
    });
    console.log(JSON.stringify({ figure: 'partition_late_write', outcome }));
    const events = await gql<{
      run: {
        events: { edges: { node: { type: string; revision: number; data: Record<string, unknown> } }[] };
      };
    }>(
      cluster.url,
      token,
      'query($id: ID!) { run(id: $id) { events(first: 100) { edges { node { type revision data } } } } }',
      { id: runId },
    );
    const nodes = events.run.events.edges.map((e) => e.node);
    const answered = nodes.filter((n) => n.type === 'ReasoningCompleted');
    assert.deepEqual(
      answered.map((n) => n.data.step),
      Array.from({ length: STEPS + 1 }, (_, i) => i + 1),
      'each step answered once',
    );
    const late = `answer ${fromCut - 1}:`;
    assert.ok(
      answered.every((n) => !String(n.data.thought).startsWith(late)),
      "worker-1's answer at the cut step was never recorded",
    );
    assert.equal(nodes.filter((n) => n.type === 'ToolCallStarted').length, STEPS, 'no tool call twice');
    assert.equal(nodes.filter((n) => n.type === 'RunCompleted').length, 1);
    assert.deepEqual(
      nodes.map((n) => n.revision),
      nodes.map((_, i) => i),
    );
  });
});
