// Maestro in Debian's chromium against the real server on PGlite (issue 5):
// 1. live latency: time from a step's append (its ReasoningCompleted `recordedAt`, the database's
//    clock) to its row appearing on the run page (the page's Date.now(), same machine), over a run
//    of CONSOLE_STEPS (50) steps driven by a local OpenAI-compatible model answering every
//    CONSOLE_STEP_GAP_MS (150) ms; p50 and p95.
// 2. render: opening the page of a finished CONSOLE_BIG_STEPS (5,000) step run: time until the
//    first row shows, until every step is loaded (reachable by scrolling, from the steps read
//    model), frame times while scrolling the whole trace top to bottom, and, side by side, the
//    time to load and fold the run's whole history of events (what replay does when opened; what
//    the trace itself did before it read steps).
// One JSON line per figure.
import type { Page } from 'playwright-core';
import { gql, launchBrowser, openPage, startConsoleServer } from '../e2e/harness.ts';
import { startFakeOpenAiServer } from '../server/testkit/fake-openai-server.ts';
import { envNumber, percentile, report } from './bench-kit.ts';

const LIVE_STEPS = envNumber('CONSOLE_STEPS', 50);
const STEP_GAP_MS = envNumber('CONSOLE_STEP_GAP_MS', 150);
const BIG_STEPS = envNumber('CONSOLE_BIG_STEPS', 5000);
const TOKEN_KEY = 'spark-ops.maestro.token';

// The model calls run_sql (LOW risk, read-only, fast) until it has `steps` tool results, then finishes.
const stepsByGoal = (goal: string) => Number(/steps=(\d+)/.exec(goal)?.[1] ?? 1);
let gap = 0;
const model = await startFakeOpenAiServer({
  latencyMs: () => gap,
  script: (goal, toolResults) =>
    toolResults < stepsByGoal(goal) - 1
      ? { name: 'run_sql', arguments: { sql: 'SELECT 1 AS one' } }
      : { name: 'finish', arguments: { output: { done: true } } },
});
const server = await startConsoleServer({ OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: model.url });
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, server.url);
  // Scripts as strings: tsx's keepNames wraps inner functions in a `__name` helper the page lacks.
  await page.addInitScript(`
    // First time each step row is in the DOM, by the page's clock.
    window.__stepSeen = {};
    new MutationObserver(() => {
      const now = Date.now();
      for (const row of document.querySelectorAll('[data-step]')) {
        const step = row.getAttribute('data-step');
        if (step && window.__stepSeen[step] === undefined) window.__stepSeen[step] = now;
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-step'] });
    // Each GraphQL request over HTTP by operation name, for the first row's breakdown.
    window.__operations = [];
    const fetchOf = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      let op = null;
      try {
        // urql sends queries as GET (operationName in the URL), mutations and pages as POST.
        const url = new URL(typeof input === 'string' ? input : input.url, location.href);
        const body = JSON.parse(init?.body ?? 'null');
        op =
          url.searchParams.get('operationName') ??
          body?.operationName ??
          /^\\s*(?:query|mutation)\\s+(\\w+)/.exec(body?.query ?? '')?.[1] ??
          null;
      } catch {}
      const entry = { op, startMs: Math.round(performance.now()), endMs: null };
      if (op) window.__operations.push(entry);
      const response = await fetchOf(input, init);
      entry.endMs = Math.round(performance.now());
      return response;
    };
  `);
  await page.goto(server.loginLink);
  const token = await waitForToken(page);
  const agentId = await createAgent(server.url, token, Math.max(LIVE_STEPS, BIG_STEPS) + 10);

  // 1. Live: the page is open before the run produces its first step.
  gap = STEP_GAP_MS;
  const live = await startRun(server.url, token, agentId, LIVE_STEPS);
  await page.goto(`/maestro/runs/${live}`);
  await waitForStatus(server.url, token, live, 'COMPLETED', 10 * 60_000);
  await page.waitForFunction(
    (n) => Boolean((window as unknown as { __stepSeen: Record<string, number> }).__stepSeen[String(n)]),
    LIVE_STEPS,
    { timeout: 30_000 },
  );
  const seen = await page.evaluate(
    () => (window as unknown as { __stepSeen: Record<string, number> }).__stepSeen,
  );
  const appended = await reasoningTimes(server.url, token, live);
  const latencies = [...appended].flatMap(([step, at]) =>
    seen[String(step)] ? [seen[String(step)]! - at] : [],
  );
  report({
    bench: 'console-step-visible',
    steps: LIVE_STEPS,
    measured: latencies.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
  });

  // 2. Render a long finished run.
  gap = 0;
  const big = await startRun(server.url, token, agentId, BIG_STEPS);
  const driveStarted = performance.now();
  await waitForStatus(server.url, token, big, 'COMPLETED', 30 * 60_000);
  const driveSeconds = (performance.now() - driveStarted) / 1000;
  // The console is measured, not the read models' lag: wait until they hold every step.
  const readyStarted = performance.now();
  const lastRevision = await waitForSteps(server.url, token, big, BIG_STEPS, 10 * 60_000);
  const readModelWaitMs = performance.now() - readyStarted;
  const opened = performance.now();
  await page.goto(`/maestro/runs/${big}`);
  await page.getByRole('region', { name: 'Reasoning trace' }).waitFor({ timeout: 60_000 });
  const firstRowMs = await timeUntil(page, opened, '[data-step]');
  // Every step reachable: the trace holds every row (the pages after the first load in the
  // background; scrolling to any of them shows it without another request).
  await page.waitForFunction(
    (n) => document.querySelector('[data-trace-loaded]')?.getAttribute('data-trace-loaded') === String(n),
    BIG_STEPS,
    { timeout: 120_000, polling: 20 },
  );
  const allStepsMs = performance.now() - opened;
  const firstRow = await firstRowBreakdown(page);
  const frames = await scrollFrameTimes(page);
  const lastStepVisible = await page.locator(`[data-step="${BIG_STEPS}"]`).count();
  // Side by side, the path every row used to take: the whole history as events, folded in the
  // page (what replay loads when it is opened).
  const replayOpened = performance.now();
  await page.getByRole('button', { name: 'Open replay' }).click();
  await page
    .getByTestId('replay-scrubber')
    .getByText(`Ended · ${lastRevision + 1} events`)
    .waitFor({ timeout: 120_000 });
  const replayLoadedMs = performance.now() - replayOpened;
  const events = lastRevision + 1;
  report({
    bench: 'console-trace-render',
    steps: BIG_STEPS,
    firstRowMs: Math.round(firstRowMs),
    allStepsLoadedMs: Math.round(allStepsMs),
    lastStepShownAfterScroll: lastStepVisible === 1,
    replayEvents: events,
    replayEventsLoadedMs: Math.round(replayLoadedMs),
    stepsVsEventsRatio: Math.round((replayLoadedMs / allStepsMs) * 10) / 10,
    scrollFrames: frames.length,
    scrollFrameP50Ms: percentile(frames, 50),
    scrollFrameP95Ms: percentile(frames, 95),
    scrollFrameMaxMs: Math.max(...frames),
    domRowsWhileScrolling: await page.locator('[data-step]').count(),
    firstRowInPageMs: firstRow.firstRowMs,
    runDriveSeconds: Math.round(driveSeconds),
    readModelWaitMs: Math.round(readModelWaitMs),
  });
  // Where the first row's time goes, by the page's own clock from the navigation's start: the
  // document, each script and stylesheet, and every request made before the first row showed.
  report({ bench: 'console-first-row-breakdown', steps: BIG_STEPS, ...firstRow });
} finally {
  await browser.close();
  await server.stop();
  await model.close();
}

/** Polls until the steps read model holds `steps` steps of the run; its last revision. */
async function waitForSteps(url: string, token: string, runId: string, steps: number, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    const data = await gql<{ run: { lastRevision: number; steps: { totalCount: number } } }>(
      url,
      token,
      'query($id: ID!) { run(id: $id) { lastRevision steps(first: 1) { totalCount } } }',
      { id: runId },
    );
    if (data.run.steps.totalCount >= steps) return data.run.lastRevision;
    if (Date.now() - started > timeoutMs)
      throw new Error(`run ${runId}: only ${data.run.steps.totalCount} steps read`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForToken(page: Page): Promise<string> {
  await page.waitForFunction((key) => Boolean(localStorage.getItem(key)), TOKEN_KEY, { timeout: 30_000 });
  return (await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)) as string;
}

async function createAgent(url: string, token: string, maxSteps: number): Promise<string> {
  const data = await gql<{ createAgent: { id: string } }>(
    url,
    token,
    `mutation($input: CreateAgentInput!) { createAgent(input: $input) { id } }`,
    {
      input: {
        name: 'Bench agent',
        purpose: 'Runs a read-only query per step for the console benchmark.',
        llmProvider: 'OPENAI',
        llmModel: 'gpt-4o-mini',
        tools: ['run_sql'],
        systemPrompt: 'Query, then finish.',
        budget: { maxSteps, maxTokens: 1_000_000_000, maxCostUsd: 1_000_000 },
      },
    },
  );
  return data.createAgent.id;
}

async function startRun(url: string, token: string, agentId: string, steps: number): Promise<string> {
  const data = await gql<{ startRun: { id: string } }>(
    url,
    token,
    `mutation($input: StartRunInput!) { startRun(input: $input) { id } }`,
    { input: { agentId, inputs: { goal: `Benchmark run steps=${steps}` } } },
  );
  return data.startRun.id;
}

async function waitForStatus(url: string, token: string, runId: string, status: string, timeoutMs: number) {
  const started = Date.now();
  let failures = 0;
  for (;;) {
    let data: { run: { status: string } | null };
    try {
      data = await gql<{ run: { status: string } | null }>(
        url,
        token,
        'query($id: ID!) { run(id: $id) { status } }',
        {
          id: runId,
        },
      );
      failures = 0;
    } catch (error) {
      // A reused keep-alive socket the server just closed fails once; a dead server says why.
      const exitCode = server.process.child.exitCode;
      if (exitCode !== null || ++failures > 5) {
        throw new Error(
          `polling run ${runId} failed (server exit code ${exitCode}): ${String(error)}\n${server.process.output().slice(-4000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    if (data.run?.status === status) return;
    if (data.run && ['FAILED', 'CANCELLED', 'COMPLETED'].includes(data.run.status)) {
      throw new Error(`run ${runId} ended ${data.run.status}, expected ${status}`);
    }
    if (Date.now() - started > timeoutMs) throw new Error(`run ${runId} not ${status} in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Step → when its ReasoningCompleted was recorded (ms since the epoch). */
async function reasoningTimes(url: string, token: string, runId: string): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  let after: string | null = null;
  for (;;) {
    const data: {
      run: {
        events: {
          edges: { node: { type: string; data: { step?: number }; recordedAt: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    } = await gql(
      url,
      token,
      'query($id: ID!, $after: String) { run(id: $id) { events(first: 100, after: $after) { edges { node { type data recordedAt } } pageInfo { hasNextPage endCursor } } } }',
      { id: runId, after },
    );
    for (const { node } of data.run.events.edges) {
      if (node.type === 'ReasoningCompleted' && typeof node.data.step === 'number') {
        times.set(node.data.step, Date.parse(node.recordedAt));
      }
    }
    if (!data.run.events.pageInfo.hasNextPage) return times;
    after = data.run.events.pageInfo.endCursor;
  }
}

/** The page's timeline up to its first trace row (ms from the navigation's start). */
async function firstRowBreakdown(page: Page): Promise<{
  firstRowMs: number;
  documentMs: number;
  domContentLoadedMs: number;
  requests: { path: string; startMs: number; endMs: number | null }[];
}> {
  return page.evaluate(`(() => {
    const firstRow = window.__stepSeen['1'] - performance.timeOrigin;
    const nav = performance.getEntriesByType('navigation')[0];
    const requests = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime < firstRow && new URL(entry.name).pathname !== '/graphql')
      .map((entry) => ({
        path: new URL(entry.name).pathname,
        startMs: Math.round(entry.startTime),
        endMs: Math.round(entry.responseEnd),
      }))
      .concat(window.__operations.filter((entry) => entry.startMs < firstRow).map((entry) => ({
        path: 'graphql ' + entry.op,
        startMs: entry.startMs,
        endMs: entry.endMs,
      })));
    return {
      firstRowMs: Math.round(firstRow),
      documentMs: Math.round(nav.responseEnd),
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      requests,
    };
  })()`);
}

async function timeUntil(page: Page, since: number, selector: string): Promise<number> {
  await page.waitForSelector(selector, { timeout: 60_000 });
  return performance.now() - since;
}

/** Scrolls the trace from top to bottom in wheel steps and returns the frame intervals (ms). */
async function scrollFrameTimes(page: Page): Promise<number[]> {
  const trace = page.getByRole('region', { name: 'Reasoning trace' });
  const box = await trace.boundingBox();
  if (!box) throw new Error('trace not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__framing = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  // Rows are ~52 px: enough wheel steps of 1,200 px to reach the last one.
  const wheels = Math.ceil((BIG_STEPS * 60) / 1200) + 10;
  for (let i = 0; i < wheels; i++) {
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(16);
  }
  return page.evaluate<number[]>('(window.__framing = false, window.__frames.slice(1))');
}
