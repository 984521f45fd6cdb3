import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { createConsoleRoute } from './console-route.ts';
import { createHttpServer } from './http-server.ts';

async function serve(distDir: string): Promise<{ server: Server; base: string }> {
  const server = createHttpServer({ routes: [createConsoleRoute({ distDir })], logger: silentLogger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A raw GET, so that `..` segments reach the server as sent (fetch would resolve them). */
function rawGet(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.path = path;
    req.on('error', reject);
    req.end();
  });
}

describe('console route', () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'maestro-'));
    const dist = join(dir, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Maestro</title>');
    await writeFile(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'do not serve');
    ({ server, base } = await serve(dist));
  });
  afterAll(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for the console root and for every client-side route', async () => {
    for (const path of ['/maestro', '/maestro/', '/maestro/runs/0192-abc', '/maestro/hitl']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.match(await response.text(), /<title>Maestro<\/title>/);
    }
  });

  it('serves hashed assets with their type and a long cache', async () => {
    const response = await fetch(`${base}/maestro/assets/app-1a2b.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/javascript/);
    assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await response.text(), 'console.log(1)');
  });

  it('answers 404 for a missing asset and for paths escaping the build folder', async () => {
    assert.equal((await fetch(`${base}/maestro/assets/missing.js`)).status, 404);
    assert.equal(await rawGet(base, '/maestro/../secret.txt'), 404);
    assert.equal(await rawGet(base, '/maestro/%2e%2e/secret.txt'), 404);
    assert.equal(await rawGet(base, '/maestro/%E0%A4%A'), 400);
  });

  it('redirects / to the console and leaves other paths to later routes', async () => {
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/maestro/');
    const other = await fetch(`${base}/graphql`);
    assert.equal(other.status, 404);
    assert.equal((await other.json()).error, 'NOT_FOUND');
  });

  it('explains how to build the console when it is missing', async () => {
    const missing = await serve(join(dir, 'nowhere'));
    try {
      const response = await fetch(`${missing.base}/maestro/agents`);
      assert.equal(response.status, 503);
      assert.match(await response.text(), /npm run build:client/);
    } finally {
      missing.server.close();
    }
  });
});
