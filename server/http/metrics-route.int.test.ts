import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { usageTotals } from '../../projections/usage/queries.ts';
import { runStream } from '../../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { createPgDatabase } from '../db/pg-database.ts';
import { type GraphQLBody, startTestApi, type TestApi, waitForRunStatus } from '../graphql/api-testkit.ts';
import { createTestDatabase } from '../testkit/postgres.ts';

const METRICS_TOKEN = 'metrics-token-metrics-token-0123456789';

/** `name{labels}` → value of every sample line of a Prometheus text exposition. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    found.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return found;
}

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

const scrape = async (t: TestApi, token: string | null) =>
  fetch(`${t.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('/metrics: read models, the same from every process, behind a token', () => {
  let a: TestApi;
  let b: TestApi;
  let open: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestDatabase('spark_metrics');
    drop = target.drop;
    // Two servers over one database: `a` drives the run; `b` only serves (and knows METRICS_TOKEN).
    a = await startTestApi({
      db: target.db,
      script: [
        {
          // An answer naming no known tool: recorded as ModelOutputRejected, counted all the same.
          ...fakeToolCall('nope', {}),
          usage: { inputTokens: 1000, outputTokens: 300, cachedTokens: 800, reasoningTokens: 200 },
          costUsd: 0.00045,
          latencyMs: 700,
        },
        {
          ...fakeFinish('done'),
          usage: { inputTokens: 1500, outputTokens: 100, cachedTokens: 1200, reasoningTokens: 40 },
          costUsd: 0.00031,
          latencyMs: 3000,
        },
      ],
    });
    b = await startTestApi({
      db: createPgDatabase({ connectionString: target.url, max: 4 }),
      worker: false,
      env: { METRICS_TOKEN },
    });
    // A third with METRICS_PUBLIC=true: /metrics without any token.
    open = await startTestApi({
      db: createPgDatabase({ connectionString: target.url, max: 2 }),
      worker: false,
      env: { METRICS_PUBLIC: 'true' },
    });
    const admin = await a.tokenFor('admin');
    const created = await a.gql(
      `mutation { createAgent(input: { name: "Thinker", purpose: "p", llmProvider: OPENAI, llmModel: "o4-mini",
         tools: ["echo"], systemPrompt: "" }) { id } }`,
      {},
      { token: admin },
    );
    const agentId = (dataOf(created.body).createAgent as { id: string }).id;
    const started = await a.gql(
      'mutation($id: ID!) { startRun(input: { agentId: $id, inputs: { goal: "g" } }) { id } }',
      { id: agentId },
      { token: admin },
    );
    const runId = (dataOf(started.body).startRun as { id: string }).id;
    await waitForRunStatus(a, admin, runId, ['COMPLETED']);
    const last = (await a.store.readStream(runStream(runId))).at(-1);
    assert.ok(last);
    assert.equal(await a.runner.waitFor(last.position, 5000), true);
    assert.equal(await b.runner.waitFor(last.position, 5000), true);
    assert.equal(await open.runner.waitFor(last.position, 5000), true);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await b?.db.close();
    await open?.close();
    await open?.db.close();
    await drop?.();
  });

  it('refuses without a token, with a bad one and for a non-admin; admits an admin and METRICS_TOKEN', async () => {
    const missing = await scrape(a, null);
    assert.equal(missing.status, 401);
    assert.equal(((await missing.json()) as { error: string }).error, 'UNAUTHENTICATED');
    assert.equal((await scrape(a, 'not-a-token')).status, 401);
    assert.equal((await scrape(a, METRICS_TOKEN)).status, 401, 'a has no METRICS_TOKEN');
    assert.equal((await scrape(a, await a.tokenFor('analyst'))).status, 403);
    assert.equal((await scrape(a, await a.tokenFor('admin'))).status, 200);
    assert.equal((await scrape(b, METRICS_TOKEN)).status, 200);
  });

  it('reports the usage read model: cached and reasoning tokens, cost, calls and latency', async () => {
    const text = await (await scrape(a, await a.tokenFor('admin'))).text();
    const figures = samples(text);
    const totals = await usageTotals(a.db);
    assert.deepEqual(
      totals.map((r) => [r.model, r.outcome, r.llmCalls]),
      [
        ['o4-mini', 'completed', 1],
        ['o4-mini', 'rejected', 1],
      ],
    );
    const sum = (pick: (r: (typeof totals)[number]) => number) => totals.reduce((n, r) => n + pick(r), 0);
    const row = {
      inputTokens: sum((r) => r.inputTokens),
      outputTokens: sum((r) => r.outputTokens),
      cachedInputTokens: sum((r) => r.cachedInputTokens),
      reasoningTokens: sum((r) => r.reasoningTokens),
      costUsd: sum((r) => r.costUsd),
    };
    assert.deepEqual(
      [row.inputTokens, row.outputTokens, row.cachedInputTokens, row.reasoningTokens],
      [2500, 400, 2000, 240],
    );
    const model = 'model="o4-mini"';
    assert.equal(figures.get(`spark_llm_tokens_total{direction="input",${model}}`), row.inputTokens);
    assert.equal(figures.get(`spark_llm_tokens_total{direction="output",${model}}`), row.outputTokens);
    assert.equal(
      figures.get(`spark_llm_tokens_total{direction="cached_input",${model}}`),
      row.cachedInputTokens,
    );
    assert.equal(figures.get(`spark_llm_tokens_total{direction="reasoning",${model}}`), row.reasoningTokens);
    assert.equal(figures.get(`spark_llm_cost_usd_total{${model}}`), row.costUsd);
    assert.equal(figures.get(`spark_llm_calls_total{${model},outcome="completed"}`), 1);
    assert.equal(figures.get(`spark_llm_calls_total{${model},outcome="rejected"}`), 1);
    assert.equal(figures.get('spark_step_latency_seconds_bucket{le="1"}'), 1);
    assert.equal(figures.get('spark_step_latency_seconds_bucket{le="5"}'), 2);
    assert.equal(figures.get('spark_step_latency_seconds_sum'), 3.7);
    assert.equal(figures.get('spark_runs{status="COMPLETED"}'), 1);
  });

  it('gives the same figures from every process (no per-process counters)', async () => {
    const fromA = await (await scrape(a, await a.tokenFor('admin'))).text();
    const fromB = await (await scrape(b, METRICS_TOKEN)).text();
    assert.ok(fromA.includes('spark_llm_tokens_total{direction="cached_input",model="o4-mini"} 2000'));
    assert.equal(fromB, fromA);
    const fromOpen = await scrape(open, null);
    assert.equal(fromOpen.status, 200, 'METRICS_PUBLIC=true needs no token');
    assert.equal(await fromOpen.text(), fromA);
  });
});
