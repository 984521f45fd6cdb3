import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { freshDataDir } from '../server/testkit/fresh-data-dir.ts';
import { type ServerProcess, startServerProcess } from '../server/testkit/server-process.ts';

/** Debian's chromium; the tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where screenshots go: a test artifact, looked at by people, not compared by pixels. */
export const SCREENSHOT_DIR = join('test-results', 'screenshots');

/**
 * Launches Debian's chromium through playwright-core.
 * @throws when chromium is missing: a missing prerequisite fails the suite, it never skips it.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  if (!existsSync(join('client', 'dist', 'index.html'))) {
    throw new Error('client/dist is missing: run `npm run build:client` (npm test does it first)');
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The real server (`server/main.ts`) on PGlite in a temporary DATA_DIR, restartable on the same data. */
export interface ConsoleServer {
  url: string;
  dataDir: string;
  /** The first start's one-time admin login link (path and hash, relative to `url`). */
  loginLink: string;
  process: ServerProcess;
  /** SIGKILL and start again on the same DATA_DIR and port. */
  restart(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const dataDir = await freshDataDir('spark-e2e-');
  const port = await freePort();
  const fullEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env };
  let current = startServerProcess(fullEnv, port);
  await current.ready;
  const link = await waitFor(() => /\/maestro\/login#link=[^\s]+/.exec(current.output())?.[0], 30_000);
  const server: ConsoleServer = {
    url: current.url,
    dataDir,
    loginLink: link,
    process: current,
    async restart() {
      await current.kill();
      current = startServerProcess(fullEnv, port);
      server.process = current;
      await current.ready;
    },
    async kill() {
      await current.kill();
    },
    async stop() {
      await current.kill();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A new browser context with a page, its console errors collected for the failure message. */
export async function openPage(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A GraphQL request to the server with a bearer token (for setting up and checking state). */
export async function gql<T = Record<string, unknown>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}
