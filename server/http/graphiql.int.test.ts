// GraphiQL at /graphql works offline: the page references only this server, every script, style,
// worker and icon it names is served here; it is there in development and gone in production.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestApi, type TestApi } from '../graphql/api-testkit.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { ASSET_PREFIX } from './graphiql.ts';

const html = { accept: 'text/html' };

/** Every URL the page loads: script src, link href, and the worker URLs of its inline script. */
function assetUrlsOf(page: string): string[] {
  const tags = [...page.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const workers = [...page.matchAll(/"(\/[^"]+\.worker\.js)"/g)].map((m) => m[1] as string);
  return [...tags, ...workers];
}

describe('GraphiQL offline', () => {
  let dev: TestApi;
  let production: TestApi;
  let drop: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    const [a, b] = [await createTestPglite(), await createTestPglite()];
    drop = [a.drop, b.drop];
    dev = await startTestApi({ db: a.db });
    production = await startTestApi({ db: b.db, production: true });
  });
  afterAll(async () => {
    await dev?.close();
    await production?.close();
    for (const d of drop) await d();
  });

  it('in development, /graphql shows the explorer with every asset served by this server', async () => {
    const response = await fetch(`${dev.url}/graphql`, { headers: html });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const page = await response.text();
    assert.match(page, /YogaGraphiQL\.renderYogaGraphiQL/);
    assert.ok(page.length < 10_000, `the page is small, its assets separate (${page.length} bytes)`);
    // No other host anywhere in the page: not in a tag, not in the inline scripts.
    assert.doesNotMatch(page, /(?:https?:)?\/\/(?!127\.0\.0\.1)[a-z0-9.-]+\.[a-z]{2,}/i);
    const urls = assetUrlsOf(page);
    assert.deepEqual(urls.map((u) => u.replace(ASSET_PREFIX, '')).sort(), [
      'editor.worker.js',
      'favicon.ico',
      'graphiql.css',
      'graphiql.js',
      'graphql.worker.js',
      'json.worker.js',
    ]);
    for (const url of urls) {
      assert.ok(url.startsWith('/'), `${url} is a path on this server`);
      const asset = await fetch(`${dev.url}${url}`);
      assert.equal(asset.status, 200, url);
      const type = asset.headers.get('content-type') ?? '';
      const body = Buffer.from(await asset.arrayBuffer());
      assert.ok(body.length > 1000, `${url} has content (${body.length} bytes)`);
      if (url.endsWith('.js')) assert.match(type, /javascript/, url);
      if (url.endsWith('.css')) assert.match(type, /text\/css/, url);
      // Revalidation: the same bytes are not sent twice.
      const again = await fetch(`${dev.url}${url}`, {
        headers: { 'if-none-match': asset.headers.get('etag') ?? '' },
      });
      assert.equal(again.status, 304, url);
    }
    // The script defines what the page calls, and the stylesheet pulls nothing from elsewhere.
    const script = await (await fetch(`${dev.url}${ASSET_PREFIX}graphiql.js`)).text();
    assert.match(script, /YogaGraphiQL/);
    const css = await (await fetch(`${dev.url}${ASSET_PREFIX}graphiql.css`)).text();
    assert.doesNotMatch(css, /@import|url\(\s*["']?(?:https?:)?\/\//);
    assert.equal((await fetch(`${dev.url}${ASSET_PREFIX}other.js`)).status, 404);
  });

  it('in production (no GRAPHQL_INTROSPECTION), neither the explorer nor its assets', async () => {
    const response = await fetch(`${production.url}/graphql`, { headers: html });
    const page = await response.text();
    assert.doesNotMatch(page, /YogaGraphiQL/);
    assert.equal((await fetch(`${production.url}${ASSET_PREFIX}graphiql.js`)).status, 404);
  });
});
