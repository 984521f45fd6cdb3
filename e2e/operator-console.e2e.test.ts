// The console for operators and auditors, in Debian's chromium against the real server on PGlite:
// dark mode and its toggle, the 375 px layout, the policy editor's form view with a change note,
// an approval's typed fields, alerts that do not cover the card on screen, dates with their zone.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
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
const THEME_KEY = 'spark-ops.maestro.theme';
const MAIN_PAGES = ['/', '/agents', '/hitl', '/runs', '/observability', '/governance', '/integrations'];

/** WCAG relative luminance contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Text tokens on the surfaces they are drawn on, resolved by the browser in the current theme. */
async function tokenPairs(page: Page): Promise<{ pair: string; ratio: number }[]> {
  const pairs: [string, string][] = [
    ['--text', '--bg'],
    ['--text', '--surface'],
    ['--text-2', '--surface'],
    ['--text-3', '--surface'],
    ['--text-3', '--surface-sunken'],
    ['--text-3', '--bg'],
    ['--link', '--surface'],
    ['--link', '--bg'],
    ['--text-inverse', '--danger'],
    ['--primary-text', '--primary-soft'],
    ['--success-text', '--success-soft'],
    ['--warning-text', '--warning-soft'],
    ['--danger-text', '--danger-soft'],
    ['--info-text', '--info-soft'],
    ['--critical-text', '--critical-soft'],
    ['--neutral-text', '--neutral-soft'],
    ['--text-inverse', '--primary'],
    ['--sidebar-text', '--sidebar-bg'],
    ['--diff-added-text', '--diff-added-bg'],
    ['--diff-removed-text', '--diff-removed-bg'],
  ];
  const colours = await page.evaluate((list) => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const resolve = (token: string) => {
      probe.style.color = `var(${token})`;
      return getComputedStyle(probe).color;
    };
    const out = list.map(([text, surface]) => [resolve(text), resolve(surface)]);
    probe.remove();
    return out;
  }, pairs);
  return pairs.map(([text, surface], index) => {
    const [fg = '', bg = ''] = colours[index] ?? [];
    return { pair: `${text} on ${surface}`, ratio: contrast(fg, bg) };
  });
}

describe('The console for operators and auditors, end to end', { timeout: 900_000 }, () => {
  let server: ConsoleServer;
  let browser: Browser;
  let token = '';

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A signed-in page (the first call sets the admin's password through the one-time link). */
  async function signedIn(options: { width?: number; height?: number; dark?: boolean } = {}) {
    const opened = await openPage(browser, server.url);
    const { page, context } = opened;
    await page.setViewportSize({ width: options.width ?? 1440, height: options.height ?? 900 });
    if (options.dark) await page.emulateMedia({ colorScheme: 'dark' });
    if (!token) {
      await page.goto(server.loginLink);
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByRole('navigation', { name: /maestro/i }).waitFor();
      token = (await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)) ?? '';
      assert.ok(token);
    } else {
      await context.addInitScript(
        ([key, value]) => {
          if (!localStorage.getItem(key as string)) localStorage.setItem(key as string, value as string);
        },
        [TOKEN_KEY, token],
      );
    }
    return opened;
  }

  const textColour = (page: Page) =>
    page.evaluate(() => getComputedStyle(document.querySelector('.content') ?? document.body).color);

  it('follows the system’s dark mode, and the toggle overrides it and is remembered', async () => {
    const { page, context, errors } = await signedIn({ dark: true });
    await page.goto('/maestro/');
    await page.getByRole('navigation', { name: /maestro/i }).waitFor();
    const darkText = await textColour(page);
    // Light text on a dark page: the system's choice applies with nothing stored.
    assert.ok(contrast(darkText, 'rgb(0, 0, 0)') > 10, `text is light in dark mode (${darkText})`);
    for (const { pair, ratio } of await tokenPairs(page)) {
      assert.ok(ratio >= 4.5, `dark: ${pair} has contrast ${ratio.toFixed(2)}, below 4.5`);
    }
    await screenshot(page, 'ops-01-dashboard-dark');
    await page.getByRole('radio', { name: 'Light' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    for (const { pair, ratio } of await tokenPairs(page)) {
      assert.ok(ratio >= 4.5, `light: ${pair} has contrast ${ratio.toFixed(2)}, below 4.5`);
    }
    await page.reload();
    await page.getByRole('navigation', { name: /maestro/i }).waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), THEME_KEY), 'light');
    assert.ok(contrast(await textColour(page), 'rgb(255, 255, 255)') > 10, 'light after a reload');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    assert.ok(contrast(await textColour(page), 'rgb(0, 0, 0)') > 10, 'dark chosen beats a light system');
    await page.goto('/maestro/governance');
    await page.getByRole('heading', { name: 'Governance' }).waitFor();
    await screenshot(page, 'ops-02-governance-dark');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('fits 375 px: no sideways page scroll on the main pages, the sidebar behind a menu button', async () => {
    const { page, context, errors } = await signedIn({ width: 375, height: 812 });
    for (const path of MAIN_PAGES) {
      await page.goto(`/maestro${path === '/' ? '/' : path}`);
      await page.locator('.page-header h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      assert.ok(width <= 375, `${path} is ${width} px wide at 375 px`);
      await screenshot(page, `ops-03-mobile${path === '/' ? '-dashboard' : path.replace('/', '-')}`);
    }
    const sidebar = page.getByRole('complementary', { name: 'Sidebar' });
    assert.equal(await sidebar.isVisible(), false, 'the sidebar is closed at first');
    const menu = page.getByRole('button', { name: 'Open navigation' });
    await menu.click();
    await sidebar.getByRole('link', { name: 'Approvals' }).waitFor();
    await screenshot(page, 'ops-04-mobile-nav-open');
    await sidebar.getByRole('link', { name: 'Approvals' }).click();
    await page.waitForURL(/\/maestro\/hitl$/);
    await sidebar.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('edits a policy in the form view and saves it with a change note', async () => {
    const { page, context, errors } = await signedIn();
    await page.goto('/maestro/governance');
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Outbound mail');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'Outbound mail' }).waitFor();
    await page.getByRole('radio', { name: 'Form' }).click();
    const rules = page.getByRole('table', { name: 'Rules' });
    assert.equal(await rules.getByLabel('Rule 1 tool').inputValue(), 'send_email');
    await rules.getByLabel('Rule 1 deadline').fill('soon');
    await page.getByText('A duration such as 30m, 4h or 1d 12h.').waitFor();
    await screenshot(page, 'ops-05-policy-form-error');
    await rules.getByLabel('Rule 1 deadline').fill('2h 30m');
    await rules.getByLabel('Rule 1 on expiry').selectOption('escalate');
    await rules.getByLabel('Rule 1 escalation').fill('role:admin');
    await page.getByLabel(/Change note/).fill('Escalate unanswered mail to admins');
    await screenshot(page, 'ops-06-policy-form');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByText('“Escalate unanswered mail to admins”').waitFor();
    const saved = await gql<{ policies: { name: string; rules: { approval?: unknown }[] }[] }>(
      server.url,
      token,
      '{ policies { name rules } }',
    );
    const mail = saved.policies.find((policy) => policy.name === 'Outbound mail');
    assert.deepEqual(mail?.rules[0]?.approval, {
      timeoutMs: 9_000_000,
      onExpiry: 'escalate',
      escalateTo: { role: 'admin' },
    });
    // The JSON view shows the same rules.
    await page.getByRole('radio', { name: 'JSON' }).click();
    assert.match(await page.getByLabel('Rules (JSON)').inputValue(), /"timeoutMs": 9000000/);
    await screenshot(page, 'ops-07-policy-saved');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('does not alert over a card on screen; edits an email as text fields; dates carry their zone', async () => {
    const { page, context, errors } = await signedIn();
    await page.goto(`/maestro/agents/${DEMO_AGENT_ID}`);
    await page.getByRole('button', { name: 'Run agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run agent' });
    await dialog.getByLabel('Goal').fill('Summarise the tickets for the leads.');
    await dialog.getByRole('button', { name: /start|run/i }).click();
    await page.waitForURL(/\/maestro\/runs\/[0-9a-f-]{36}$/);
    // The run's page shows its request as a card: no alert pops over it.
    await page
      .getByTestId('run-status')
      .getByText(/waiting for approval|failed|completed/i)
      .waitFor({ timeout: 300_000 });
    await screenshot(page, 'ops-08-run-waiting');
    const card = page.getByRole('region', { name: 'Waiting for your decision' }).getByTestId('hitl-card');
    await card.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    assert.equal(await page.getByTestId('approval-toast').count(), 0, 'no alert over the card');
    const params = card.getByLabel('Proposed parameters');
    assert.deepEqual(await params.locator('dt').allTextContents(), ['To', 'Subject', 'Body']);
    await screenshot(page, 'ops-09-run-card-no-toast');

    const started = await page.locator('time').first();
    const title = (await started.getAttribute('title')) ?? '';
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.match(title, /\d{4} at \d{2}:\d{2}:\d{2}/);
    assert.ok(title.includes(zone) || /UTC|GMT/.test(title), `the title names the zone: ${title}`);

    await card.getByTestId('hitl-edit-approve').click();
    const edit = page.getByRole('dialog', { name: 'Edit and approve' });
    const subject = edit.getByRole('textbox', { name: 'Subject' });
    await subject.fill('Ticket summary (checked)');
    const body = edit.getByRole('textbox', { name: 'Body' });
    assert.equal(await body.evaluate((element) => element.tagName), 'TEXTAREA');
    await screenshot(page, 'ops-10-edit-email-fields');
    await edit.getByRole('button', { name: 'Approve with edits' }).click();
    await card.waitFor({ state: 'detached', timeout: 30_000 });
    const approvals = await gql<{
      hitlRequests: { edges: { node: { status: string; editedParams: { subject?: string } | null } }[] };
    }>(server.url, token, '{ hitlRequests(first: 5) { edges { node { status editedParams } } } }');
    const decided = approvals.hitlRequests.edges.find((edge) => edge.node.status === 'APPROVED');
    assert.equal(decided?.node.editedParams?.subject, 'Ticket summary (checked)');

    // On the approvals page a new request shows as a card; elsewhere it raises the alert.
    await page.goto('/maestro/hitl');
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    const second = await gql<{ startRun: { id: string } }>(
      server.url,
      token,
      'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
      { input: { agentId: DEMO_AGENT_ID, inputs: { goal: 'Another summary' } } },
    );
    const inbox = page
      .locator('[data-testid="hitl-card"]')
      .filter({ has: page.locator(`a[href$="/runs/${second.startRun.id}"]`) });
    await inbox.waitFor({ timeout: 300_000 });
    await page.waitForTimeout(1500);
    assert.equal(await page.getByTestId('approval-toast').count(), 0, 'no alert on the approvals page');
    await screenshot(page, 'ops-11-inbox-no-toast');
    await page.goto('/maestro/observability');
    const third = await gql<{ startRun: { id: string } }>(
      server.url,
      token,
      'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
      { input: { agentId: DEMO_AGENT_ID, inputs: { goal: 'A third summary' } } },
    );
    const toast = page.getByTestId('approval-toast');
    await toast.waitFor({ timeout: 300_000 });
    await screenshot(page, 'ops-12-toast-elsewhere');
    // Going (in the app) to a page that shows the card takes the alert away.
    await page
      .getByRole('navigation', { name: /maestro/i })
      .getByRole('link', { name: /Approvals/ })
      .click();
    await page
      .locator('[data-testid="hitl-card"]')
      .filter({ has: page.locator(`a[href$="/runs/${third.startRun.id}"]`) })
      .waitFor();
    await toast.waitFor({ state: 'detached', timeout: 5000 });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
