// The evaluations page in Debian's chromium against the real server on PGlite: a dataset made by
// hand, two evaluations of two versions of a demo agent (no API key), and their comparison with the
// regression highlighted.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
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

describe('Maestro evaluations, end to end', { timeout: 600_000 }, () => {
  let server: ConsoleServer;
  let browser: Browser;
  let user: { context: BrowserContext; page: Page; errors: string[] };
  let token = '';
  let agentId = '';

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchBrowser();
    user = await openPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Refreshes the evaluations table until `count` evaluations show as completed. */
  async function waitForCompleted(page: Page, count: number) {
    const table = page.getByRole('table', { name: 'Evaluations' });
    for (let i = 0; i < 240; i++) {
      if ((await table.getByText('Completed', { exact: true }).count()) >= count) return;
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    throw new Error(`${count} evaluation(s) did not complete`);
  }

  async function startEvaluation(page: Page, version: number) {
    const form = page.getByRole('form', { name: 'Start an evaluation' });
    await form.getByLabel('Agent', { exact: true }).selectOption(agentId);
    await form.getByLabel('Agent version').fill(String(version));
    await form.getByRole('button', { name: 'Start evaluation' }).click();
  }

  it('signs in and reaches the evaluations page from the sidebar', async () => {
    const { page } = user;
    await page.goto(server.loginLink);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('navigation', { name: /maestro/i }).waitFor();
    token = (await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)) ?? '';
    assert.ok(token);
    // A demo agent without tools: the demo provider finishes at once, saying it has no run_sql.
    const created = await gql<{ createAgent: { id: string } }>(
      server.url,
      token,
      `mutation { createAgent(input: { name: "Smoke agent", purpose: "Answer", llmProvider: DEMO,
        llmModel: "demo-scripted-v1", tools: [], systemPrompt: "Answer." }) { id } }`,
    );
    agentId = created.createAgent.id;
    await page
      .getByRole('navigation', { name: /maestro/i })
      .getByRole('link', { name: 'Evaluations' })
      .click();
    await page.getByRole('heading', { name: 'Evaluations', level: 1 }).waitFor();
  });

  it('creates a dataset, adds items by hand and evaluates two agent versions', async () => {
    const { page } = user;
    await page.getByLabel('Dataset name').fill('Smoke goals');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const datasets = page.getByRole('table', { name: 'Datasets' });
    await datasets.getByText('Smoke goals').waitFor();
    await datasets.getByRole('button', { name: 'Open' }).click();

    const add = page.getByRole('form', { name: 'Add an item' });
    await add.getByLabel('Goal').fill('Summarise the tickets');
    await add.getByLabel('Expected output').fill('does not offer run_sql');
    await add.getByRole('button', { name: 'Add item' }).click();
    await datasets.getByRole('cell', { name: '1', exact: true }).waitFor();
    await add.getByLabel('Goal').fill('Say hello');
    await add.getByLabel('Expected output').fill('hello');
    await add.getByRole('button', { name: 'Add item' }).click();
    await datasets.getByRole('cell', { name: '2', exact: true }).waitFor();

    await startEvaluation(page, 1);
    await waitForCompleted(page, 1);
    // Version 2 offers run_sql: the demo queries the tickets and answers otherwise.
    await gql(
      server.url,
      token,
      `mutation($id: ID!) { updateAgent(id: $id, input: { tools: ["run_sql"] }) { version } }`,
      { id: agentId },
    );
    await page.reload();
    await page.getByRole('table', { name: 'Datasets' }).getByRole('button', { name: 'Open' }).click();
    await startEvaluation(page, 2);
    await waitForCompleted(page, 2);
    await screenshot(page, 'evaluations-01-completed');
  });

  it('compares the two evaluations item by item and highlights the regression', async () => {
    const { page } = user;
    const compare = page.getByRole('region', { name: 'Compare' });
    const labels = await compare
      .getByLabel('Evaluation B')
      .locator('option')
      .evaluateAll((options) =>
        options.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent })),
      );
    const v1 = labels.find((o) => o.text?.includes('v1'))?.value ?? '';
    const v2 = labels.find((o) => o.text?.includes('v2'))?.value ?? '';
    assert.ok(v1 && v2, JSON.stringify(labels));
    await compare.getByLabel('Evaluation A (baseline)').selectOption(v1);
    await compare.getByLabel('Evaluation B').selectOption(v2);
    const table = compare.getByRole('table', { name: 'Item by item comparison' });
    await table.waitFor();
    const regression = table.locator('tr.row-regression');
    await regression.waitFor();
    assert.match((await regression.textContent()) ?? '', /Summarise the tickets.*Regression/);
    assert.equal(await regression.count(), 1);
    await compare
      .getByRole('status')
      .getByText(/1 regression/)
      .waitFor();
    await screenshot(page, 'evaluations-02-compare');
    assert.deepEqual(user.errors, []);
  });

  it('adds a finished run to the dataset from its page', async () => {
    const { page } = user;
    const { runs } = await gql<{ runs: { edges: { node: { id: string } }[] } }>(
      server.url,
      token,
      '{ runs(first: 1, filter: { status: [COMPLETED] }) { edges { node { id } } } }',
    );
    const runId = runs.edges[0]?.node.id;
    assert.ok(runId, 'a completed run');
    await page.goto(`/maestro/runs/${runId}`);
    await page.getByRole('button', { name: 'Add to dataset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to dataset' });
    await dialog.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Smoke goals (2 items)' });
    await dialog.getByRole('button', { name: 'Add run' }).click();
    await dialog.getByText('Added to Smoke goals: it has 3 items.').waitFor();
    await screenshot(page, 'evaluations-03-run-added');
    assert.deepEqual(user.errors, []);
  });
});
