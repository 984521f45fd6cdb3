// Chaos in chromium: the console's run page follows a live run through nginx; the api process its
// subscription goes through (nginx names it in X-Spark-Upstream on the websocket handshake) is
// SIGKILLed. The console reconnects through nginx to the other api process and resumes by cursor:
// the trace keeps growing and ends with every step shown once, in order.
import assert from 'node:assert/strict';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, openPage } from '../e2e/harness.ts';
import { type Cluster, startCluster } from '../scripts/cluster.ts';
import { adminToken, createSqlAgent, startRun } from '../scripts/cluster-client.ts';
import { startFakeOpenAiServer } from '../server/testkit/fake-openai-server.ts';
import { TEST_SERVER_URL } from '../server/testkit/postgres.ts';
import { eventually } from './chaos-kit.ts';

const STEPS = 14;
const TOKEN_KEY = 'spark-ops.maestro.token';

describe('chaos: the api process under a browser subscription dies', { timeout: 900_000 }, () => {
  let cluster: Cluster;
  let browser: Browser;
  let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    llm = await startFakeOpenAiServer({
      latencyMs: 600,
      script: (_goal, done) =>
        done < STEPS
          ? { name: 'run_sql', arguments: { sql: 'SELECT 1 AS one' } }
          : { name: 'finish', arguments: { output: 'counted' } },
    });
    cluster = await startCluster({
      dropDatabase: true,
      workers: 1,
      projections: 1,
      env: { OPENAI_API_KEY: 'chaos', OPENAI_BASE_URL: llm.url, RUN_SQL_DATABASE_URL: TEST_SERVER_URL },
    });
    // Six processes start slowly on a loaded shared machine: more than the default hook budget.
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    await llm?.close();
  });

  /** Every websocket handshake's upstream, in order. */
  async function watchSockets(page: Page) {
    const upstreams: string[] = [];
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketHandshakeResponseReceived', (event) => {
      const headers = event.response.headers as Record<string, string>;
      const upstream = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-spark-upstream');
      // When nginx had to try a dead upstream first it lists every one it tried: the last one answered.
      if (upstream) upstreams.push(upstream[1].split(',').at(-1)?.trim() ?? '');
    });
    return { upstreams };
  }

  it('reconnects through nginx to the other api process and resumes by cursor', async () => {
    assert.ok(cluster.linkToken);
    const token = await adminToken(cluster.url, cluster.linkToken);
    const agentId = await createSqlAgent(cluster.url, token, 'Browser counter');
    const { page, errors } = await openPage(browser, cluster.url);
    const sockets = await watchSockets(page);
    await page.goto('/maestro/login');
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key as string, value as string),
      [TOKEN_KEY, token],
    );
    const runId = await startRun(cluster.url, token, agentId, 'Count while an api process dies');
    await page.goto(`/maestro/runs/${runId}`);
    const steps = page.locator('[data-step]');
    await steps.nth(1).waitFor({ timeout: 90_000 });
    const upstream = await eventually(
      'the websocket handshake names its api process',
      () => sockets.upstreams[0],
      30_000,
    );
    const victim = cluster.processes.find((p) => p.role === 'api' && upstream === `127.0.0.1:${p.port}`);
    assert.ok(victim, `the upstream ${upstream} is one of the api processes`);
    const before = await steps.count();
    await victim.kill('SIGKILL');
    const killedAt = Date.now();

    const survivor = cluster.processes.find((p) => p.role === 'api' && p !== victim);
    await eventually(
      'a new websocket through the other api process',
      () => sockets.upstreams.slice(1).includes(`127.0.0.1:${survivor?.port}`),
      60_000,
    );
    console.log(JSON.stringify({ figure: 'browser_ws_failover_ms', ms: Date.now() - killedAt }));
    await page
      .getByTestId('run-status')
      .getByText(/completed/i)
      .waitFor({ timeout: 180_000 });
    await page.locator(`[data-step="${STEPS + 1}"]`).waitFor({ timeout: 30_000 });
    const shown = (
      await steps.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-step'))))
    ).sort((a, b) => a - b);
    assert.ok(shown.length > before, 'the trace kept growing after the kill');
    assert.deepEqual(
      shown,
      Array.from({ length: STEPS + 1 }, (_, i) => i + 1),
      'every step once',
    );
    assert.deepEqual(errors, []);
  });
});
