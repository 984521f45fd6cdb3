// The Maestro console in Debian's chromium against the real server (server/main.ts) on PGlite:
// what an operator does, end to end. The tests share one server and run in order.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_AGENT_ID } from '../server/application/demo-seed.ts';
import {
  type ConsoleServer,
  gql,
  launchBrowser,
  openPage,
  screenshot,
  startConsoleServer,
} from './harness.ts';

const PASSWORD = 'correct horse battery staple';
const TOKEN_KEY = 'spark-ops.maestro.token';

describe('Maestro console, end to end', { timeout: 600_000 }, () => {
  let server: ConsoleServer;
  let browser: Browser;
  let operator: { context: BrowserContext; page: Page; errors: string[] };
  let second: { context: BrowserContext; page: Page; errors: string[] };
  let adminEmail = '';
  let token = '';
  let runId = '';

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchBrowser();
    operator = await openPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stepRows = (page: Page) => page.locator('[data-step]');
  const stepNumbers = async (page: Page) =>
    (
      await stepRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-step'))))
    ).sort((a, b) => a - b);

  it('logs in with the one-time link, sets a password, then logs in with it', async () => {
    const { page } = operator;
    await page.goto(server.loginLink);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await screenshot(page, '01-set-password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('navigation', { name: /maestro/i }).waitFor();
    token = (await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)) ?? '';
    assert.ok(token, 'a session token is kept');
    const me = await gql<{ me: { email: string } }>(server.url, token, '{ me { email } }');
    adminEmail = me.me.email;

    // The password works in a fresh browser (the link is used up).
    second = await openPage(browser, server.url);
    await second.page.goto('/maestro/login');
    await screenshot(second.page, '02-login');
    await second.page.getByLabel('Email').fill(adminEmail);
    await second.page.getByLabel('Password').fill('wrong password, surely');
    await second.page.getByRole('button', { name: /sign in/i }).click();
    await second.page.getByRole('alert').first().waitFor();
    await second.page.getByLabel('Password').fill(PASSWORD);
    await second.page.getByRole('button', { name: /sign in/i }).click();
    await second.page.getByRole('navigation', { name: /maestro/i }).waitFor();
    await screenshot(second.page, '03-dashboard');
  });

  it('creates an agent, showing server errors at the field, and lands on its page', async () => {
    const { page } = operator;
    await page.goto('/maestro/agents');
    await page.getByRole('table', { name: 'Agents' }).waitFor();
    await screenshot(page, '04-agents');
    await page.getByRole('button', { name: /new agent/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /create agent/i }).click();
    // Client validation: the empty name is refused before any request.
    await dialog.getByText('Give the agent a name.').waitFor();
    await dialog.getByLabel('Name').fill('Release notes writer');
    await dialog.getByLabel('Purpose').fill('Drafts release notes from merged changes.');
    await dialog.getByLabel('Provider').selectOption('DEMO');
    await dialog.getByLabel('Model').fill('demo-scripted-v1');
    await dialog.getByLabel('System prompt').fill('Write clear, short release notes.');
    await screenshot(page, '05-agent-form');
    await dialog.getByRole('button', { name: /create agent/i }).click();
    await page.getByText('Agent created successfully').waitFor();
    assert.match(page.url(), /\/maestro\/agents\/[0-9a-f-]{36}$/);
    await screenshot(page, '06-agent-created');
  });

  it('shows the agent’s versions with what changed, and rolls back to the first', async () => {
    const { page } = operator;
    const agentId = page.url().split('/').pop() ?? '';
    await gql(
      server.url,
      token,
      'mutation($id: ID!) { updateAgent(id: $id, input: { systemPrompt: "Write long release notes." }) { version } }',
      { id: agentId },
    );
    await page.reload();
    const history = page.getByRole('region', { name: 'Version history' });
    const changes = history.getByLabel('Changes from version 1 to version 2');
    await changes.getByText('systemPrompt').waitFor();
    await changes.getByText('Write long release notes.').waitFor();
    await screenshot(page, '06b-agent-versions');
    await history.getByRole('button', { name: 'Roll back to v1' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByLabel('Changes from version 2 to version 1').waitFor();
    await confirm.getByRole('button', { name: 'Roll back to v1' }).click();
    await history.getByRole('listitem').filter({ hasText: 'v3' }).getByText('Current').waitFor();
    const agent = await gql<{ agent: { versions: { version: number; agent: { systemPrompt: string } }[] } }>(
      server.url,
      token,
      'query($id: ID!) { agent(id: $id) { versions { version agent { systemPrompt } } } }',
      { id: agentId },
    );
    assert.deepEqual(agent.agent.versions[0], {
      version: 3,
      agent: { systemPrompt: 'Write clear, short release notes.' },
    });
  });

  it('runs the demo agent and watches its steps arrive live', async () => {
    const { page } = operator;
    await page.goto(`/maestro/agents/${DEMO_AGENT_ID}`);
    await page.getByRole('button', { name: 'Run agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run agent' });
    await dialog.getByLabel('Goal').fill('Summarise last month’s support tickets for the leads.');
    await dialog.getByRole('button', { name: /start|run/i }).click();
    await page.waitForURL(/\/maestro\/runs\/[0-9a-f-]{36}$/);
    runId = page.url().split('/').pop() ?? '';
    // No reload: the rows come over the subscription as the engine appends them.
    await page.locator('[data-step="1"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-step="2"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-step="3"]').waitFor({ timeout: 60_000 });
    await page
      .getByTestId('run-status')
      .getByText(/waiting for approval/i)
      .waitFor({ timeout: 60_000 });
    assert.deepEqual(await stepNumbers(page), [1, 2, 3]);
    // The request shows on the run page too, ready to decide.
    await page
      .getByRole('region', { name: 'Waiting for your decision' })
      .getByTestId('hitl-card')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, '07-run-waiting');
  });

  it('alerts on another page, and an approval in a second context updates both', async () => {
    // The operator moved on to observability; the other console sits on the approval inbox.
    await second.page.goto('/maestro/hitl');
    const card = second.page.locator('[data-testid="hitl-card"]').filter({ hasText: 'send_email' });
    await card.waitFor();
    await screenshot(second.page, '08-hitl');

    // A new request while the operator is elsewhere raises the alert: start another demo run.
    await operator.page.goto('/maestro/observability');
    const started = await gql<{ startRun: { id: string } }>(
      server.url,
      token,
      'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
      { input: { agentId: DEMO_AGENT_ID, inputs: { goal: 'Second summary' } } },
    );
    const toast = operator.page.getByTestId('approval-toast');
    await toast.waitFor({ timeout: 120_000 });
    await screenshot(operator.page, '09-observability-with-alert');
    await toast.getByRole('link', { name: /review/i }).click();
    await operator.page.waitForURL(/\/maestro\/hitl/);

    // Approve the first run's request in the second context; the first context's card follows.
    const firstCard = (page: Page) =>
      page.locator('[data-testid="hitl-card"]').filter({ has: page.locator(`a[href$="/runs/${runId}"]`) });
    await firstCard(operator.page).waitFor();
    await firstCard(second.page).getByTestId('hitl-approve').click();
    await firstCard(second.page).getByTestId('hitl-decision').getByText('Approved').waitFor();
    await firstCard(operator.page)
      .getByTestId('hitl-decision')
      .getByText('Approved')
      .waitFor({ timeout: 15_000 });
    await screenshot(operator.page, '10-hitl-decided');
    assert.ok(started.startRun.id);
  });

  it('completes the run and shows the email in the outbox', async () => {
    const { page } = operator;
    await page.goto(`/maestro/runs/${runId}`);
    await page
      .getByTestId('run-status')
      .getByText(/completed/i)
      .waitFor({ timeout: 60_000 });
    await page.locator('[data-step="4"]').waitFor();
    assert.deepEqual(await stepNumbers(page), [1, 2, 3, 4]);
    await screenshot(page, '11-run-completed');
    await page.goto('/maestro/integrations');
    await page
      .getByTestId('outbox-message')
      .filter({ hasText: 'support-leads@example.com' })
      .first()
      .waitFor();
    await screenshot(page, '12-integrations');
  });

  it('continues a trace across a server restart with no gap or duplicate', async () => {
    const { page } = operator;
    // The second demo run is waiting for approval; restart while its page is open.
    const runs = await gql<{ runs: { edges: { node: { id: string; status: string } }[] } }>(
      server.url,
      token,
      '{ runs(filter: { status: [WAITING_FOR_APPROVAL] }) { edges { node { id status } } } }',
    );
    const waiting = runs.runs.edges[0]?.node.id;
    assert.ok(waiting, 'a run waits for approval');
    await page.goto(`/maestro/runs/${waiting}`);
    await page.locator('[data-step="3"]').waitFor({ timeout: 60_000 });
    // The console says it lost the server while it is down (asked before the restart ends, since the
    // socket may be back by then).
    const bannerShown = page.getByTestId('connection-banner').waitFor({ timeout: 30_000 });
    await server.restart();
    await bannerShown;
    const hitl = await gql<{ hitlRequests: { edges: { node: { id: string } }[] } }>(
      server.url,
      token,
      'query($runId: ID!) { hitlRequests(status: PENDING, runId: $runId) { edges { node { id } } } }',
      { runId: waiting },
    );
    const approvalId = hitl.hitlRequests.edges[0]?.node.id;
    assert.ok(approvalId);
    await gql(server.url, token, 'mutation($id: ID!) { approveHitlRequest(id: $id) { id } }', {
      id: approvalId,
    });
    await page.locator('[data-step="4"]').waitFor({ timeout: 60_000 });
    await page
      .getByTestId('run-status')
      .getByText(/completed/i)
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 30_000 });
    assert.deepEqual(await stepNumbers(page), [1, 2, 3, 4]);
    // Every event of the run exactly once: what the page folded is what the server holds.
    const { run } = await gql<{ run: { lastRevision: number } }>(
      server.url,
      token,
      'query($id: ID!) { run(id: $id) { lastRevision } }',
      { id: waiting },
    );
    // Replay loads the history: a finished run is not "live", and the count is every event.
    await page.getByRole('button', { name: 'Open replay' }).click();
    await page
      .getByTestId('replay-scrubber')
      .getByText(`Ended · ${run.lastRevision + 1} events`)
      .waitFor({ timeout: 10_000 });
  });

  it('replays a finished run: the header and the final answer rewind with the trace', async () => {
    const { page } = operator;
    await page.goto(`/maestro/runs/${runId}`);
    await page
      .getByTestId('run-status')
      .getByText(/completed/i)
      .waitFor();
    await page.getByText('Final answer', { exact: true }).first().waitFor();
    const history = await gql<{
      run: {
        lastRevision: number;
        events: { edges: { node: { revision: number; type: string; data: { step?: number } } }[] };
      };
    }>(
      server.url,
      token,
      'query($id: ID!) { run(id: $id) { lastRevision events(first: 50) { edges { node { revision type data } } } } }',
      { id: runId },
    );
    const total = history.run.lastRevision + 1;
    const secondThought = history.run.events.edges.find(
      ({ node }) => node.type === 'ReasoningCompleted' && node.data.step === 2,
    )?.node.revision;
    assert.ok(secondThought !== undefined, 'step 2 was reasoned');

    await page.getByRole('button', { name: 'Open replay' }).click();
    const scrubber = page.getByTestId('replay-scrubber');
    await scrubber.getByText(`Ended · ${total} events`).waitFor();
    const slider = page.getByRole('slider', { name: 'Replay position (revision)' });
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < secondThought; i++) await page.keyboard.press('ArrowRight');
    await scrubber.getByText(`Event ${secondThought + 1} of ${total}`, { exact: false }).waitFor();
    // The header is the run's as of then: running, two steps, no final answer yet.
    await page
      .getByTestId('run-status')
      .getByText(/running/i)
      .waitFor();
    const summary = page.getByTestId('run-summary');
    assert.equal(await summary.getAttribute('data-replaying'), 'true');
    assert.equal(await summary.locator('.kpi').nth(1).locator('.kpi-value').textContent(), '2');
    assert.equal(await page.getByText('Final answer', { exact: true }).count(), 0);
    assert.deepEqual(await stepNumbers(page), [1, 2]);
    await screenshot(page, '11b-run-replaying');
  });

  it('forks from the replayed revision into a live run, and Compare finds no false difference', async () => {
    const { page } = operator;
    await page.getByRole('button', { name: 'Fork', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Fork run' });
    await dialog.getByRole('button', { name: 'Fork run', exact: true }).click();
    await page.waitForURL(
      (url) => /\/maestro\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(runId),
    );
    // The fork opens live: replay closed, the header is the fork's own.
    await page.getByRole('button', { name: 'Open replay' }).waitFor();
    assert.equal(await page.getByTestId('run-summary').getAttribute('data-replaying'), 'false');
    // It continues the source's step 2, then asks again for step 3's email.
    await page.locator('[data-step="3"]').waitFor({ timeout: 120_000 });
    await screenshot(page, '11c-fork-live');
    await page.getByRole('tab', { name: 'Compare' }).click();
    const table = page.getByRole('table', { name: 'Step by step comparison' });
    await table.waitFor({ timeout: 30_000 });
    await screenshot(page, '11d-fork-compare');
    assert.match((await table.locator('tr[data-step="1"]').textContent()) ?? '', /Before the fork/);
    // Step 2 was the source's proposal, evaluated and run again by the fork: the same step.
    assert.match((await table.locator('tr[data-step="2"]').textContent()) ?? '', /Same/);
  });

  it('shows every page without errors', async () => {
    const { page, errors } = operator;
    for (const [name, path] of [
      ['13-dashboard', '/maestro'],
      ['14-observability', '/maestro/observability'],
      ['15-governance', '/maestro/governance'],
      ['16-hitl', '/maestro/hitl'],
      ['17-agent-detail', `/maestro/agents/${DEMO_AGENT_ID}`],
      ['18-not-found', '/maestro/no-such-page'],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      await page.getByRole('main').waitFor({ timeout: 5_000 });
    }
    assert.deepEqual(errors, []);
  });
});
