// The GraphQL explorer renders and runs a query in chromium with every host but 127.0.0.1 blocked:
// what an integrator without internet (or behind a strict proxy) sees at /graphql.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestApi, type TestApi } from '../server/graphql/api-testkit.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';
import { CHROMIUM_PATH } from './harness.ts';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('GraphiQL offline, in chromium', () => {
  let t: TestApi;
  let browser: Browser;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`,
      );
    }
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({ db: target.db });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await drop?.();
  });

  it('renders the explorer and runs a query with no network beyond this server', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext();
    const blocked: string[] = [];
    const failed: string[] = [];
    // Only this server answers; anything else is refused, as with no internet.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    await page.goto(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await page.locator('.graphiql-execute-button').first().click();
    // The result editor shows the answer of this server.
    await page.getByText('"Query"').first().waitFor({ timeout: 30_000 });
    assert.doesNotMatch((await page.locator('body').textContent()) ?? '', /Loading…/);
    assert.deepEqual(blocked, [], 'the explorer asked no other host');
    assert.deepEqual(failed, [], 'every request of the page succeeded');
    assert.deepEqual(errors, [], 'no script error');
    await context.close();
  });
});
