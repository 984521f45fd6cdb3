import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { toolContext } from '../../testkit/tool-context.ts';
import { createToolRegistry } from './registry.ts';
import { createWebSearchTool, WEB_SEARCH_NOT_CONFIGURED } from './web-search.ts';

const ctx = () => toolContext();

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('web_search against local servers speaking each provider wire format', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const url = new URL(req.url ?? '/', 'http://x');
        res.setHeader('content-type', 'application/json');
        if (url.pathname === '/searx/search') {
          res.end(
            JSON.stringify({
              results: [
                { url: 'https://a.example/', title: 'A', content: 'First <b>hit</b>', engine: 'x' },
                { url: 'https://b.example/', title: 'B', content: 'Second' },
                { title: 'no url, skipped' },
              ],
            }),
          );
        } else if (url.pathname === '/brave/res/v1/web/search') {
          res.end(
            JSON.stringify({
              web: {
                results: [
                  { url: 'https://c.example/', title: 'C', description: 'Brave <strong>hit</strong>' },
                ],
              },
            }),
          );
        } else if (url.pathname === '/tavily/search') {
          res.end(
            JSON.stringify({
              results: [{ url: 'https://d.example/', title: 'D', content: 'Tavily hit', score: 0.9 }],
            }),
          );
        } else if (url.pathname === '/busy/search') {
          res.writeHead(429).end('slow down');
        } else if (url.pathname === '/forbidden/search') {
          res.writeHead(403).end('Forbidden');
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('queries SearXNG JSON and keeps at most maxResults cleaned hits', async () => {
    const tool = createWebSearchTool({ searxngUrl: `${base}/searx/` });
    const result = await tool.run({ query: 'event sourcing', maxResults: 1 }, ctx());
    assert.deepEqual(result, {
      provider: 'searxng',
      query: 'event sourcing',
      results: [{ title: 'A', url: 'https://a.example/', snippet: 'First hit' }],
    });
    const request = seen.at(-1);
    assert.equal(request?.url, '/searx/search?q=event+sourcing&format=json');
  });

  it('queries Brave with the subscription token header', async () => {
    const tool = createWebSearchTool({ braveApiKey: 'brave-key', braveBaseUrl: `${base}/brave/` });
    const result = await tool.run({ query: 'pglite', maxResults: 3 }, ctx());
    assert.deepEqual(result.results, [{ title: 'C', url: 'https://c.example/', snippet: 'Brave hit' }]);
    const request = seen.at(-1);
    assert.equal(request?.url, '/brave/res/v1/web/search?q=pglite&count=3');
    assert.equal(request?.headers['x-subscription-token'], 'brave-key');
  });

  it('posts to Tavily with a bearer token', async () => {
    const tool = createWebSearchTool({ tavilyApiKey: 'tvly-key', tavilyBaseUrl: `${base}/tavily` });
    const result = await tool.run({ query: 'kurrentdb', maxResults: 2 }, ctx());
    assert.deepEqual(result.results, [{ title: 'D', url: 'https://d.example/', snippet: 'Tavily hit' }]);
    const request = seen.at(-1);
    assert.equal(request?.method, 'POST');
    assert.equal(request?.headers.authorization, 'Bearer tvly-key');
    assert.deepEqual(JSON.parse(request?.body ?? '{}'), { query: 'kurrentdb', max_results: 2 });
  });

  it('classifies provider failures: 429 and network errors retryable, 403 not', async () => {
    const busy = createWebSearchTool({ searxngUrl: `${base}/busy` });
    await assert.rejects(busy.run({ query: 'x', maxResults: 5 }, ctx()), {
      code: 'SEARCH_UNAVAILABLE',
      retryable: true,
    });
    const forbidden = createWebSearchTool({ searxngUrl: `${base}/forbidden` });
    await assert.rejects(
      forbidden.run({ query: 'x', maxResults: 5 }, ctx()),
      (error: Error & { code: string; retryable: boolean }) => {
        assert.equal(error.code, 'SEARCH_AUTH_FAILED');
        assert.equal(error.retryable, false);
        assert.match(error.message, /search\.formats/);
        return true;
      },
    );
    const down = createWebSearchTool({ searxngUrl: 'http://127.0.0.1:1' });
    await assert.rejects(down.run({ query: 'x', maxResults: 5 }, ctx()), {
      code: 'SEARCH_UNAVAILABLE',
      retryable: true,
    });
  });

  it('exists unconfigured, says why, and fails without retry', async () => {
    const tool = createWebSearchTool({});
    await assert.rejects(tool.run({ query: 'x', maxResults: 5 }, ctx()), {
      code: 'NOT_CONFIGURED',
      retryable: false,
      message: WEB_SEARCH_NOT_CONFIGURED,
    });
    const registry = createToolRegistry([tool]);
    assert.deepEqual(
      registry.describe().map(({ name, configured, reason }) => ({ name, configured, reason })),
      [{ name: 'web_search', configured: false, reason: WEB_SEARCH_NOT_CONFIGURED }],
    );
    const outcome = await registry.execute('web_search', { query: 'x' }, ctx());
    assert.deepEqual(outcome.ok ? null : [outcome.error.code, outcome.retryable], ['NOT_CONFIGURED', false]);
    assert.match(WEB_SEARCH_NOT_CONFIGURED, /^web_search is not configured: set WEB_SEARCH_URL/);
  });
});
