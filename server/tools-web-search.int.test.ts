import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createWebSearchTool, WEB_SEARCH_NOT_CONFIGURED } from './activities/tools/web-search.ts';
import { loadConfig } from './config.ts';
import { toolContext } from './testkit/tool-context.ts';
import { builtinToolDetails, webSearchOptions } from './tools.ts';

/**
 * One local server playing the three search APIs at their real paths. Each answers only a request
 * of its API's real shape (method, path, query, auth header, body) and 400s anything else, so a
 * passing test proves the tool speaks each wire format.
 */
function answer(req: IncomingMessage, body: string): { status: number; json: unknown } {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/searxng/search') {
    if (url.searchParams.get('format') !== 'json' || !url.searchParams.get('q'))
      return { status: 400, json: { error: 'searxng wants q and format=json' } };
    return {
      status: 200,
      json: {
        query: url.searchParams.get('q'),
        number_of_results: 1,
        results: [{ url: 'https://searx.example/', title: 'SearXNG hit', content: 'from searxng' }],
      },
    };
  }
  if (req.method === 'GET' && url.pathname === '/brave/res/v1/web/search') {
    if (req.headers['x-subscription-token'] !== 'brave-secret')
      return { status: 401, json: { error: 'bad token' } };
    return {
      status: 200,
      json: {
        type: 'search',
        query: { original: url.searchParams.get('q') },
        web: {
          type: 'search',
          results: [{ url: 'https://brave.example/', title: 'Brave hit', description: 'from brave' }],
        },
      },
    };
  }
  if (req.method === 'POST' && url.pathname === '/tavily/search') {
    const parsed = JSON.parse(body) as { query?: string; max_results?: number };
    if (req.headers.authorization !== 'Bearer tvly-secret')
      return { status: 401, json: { detail: 'bad key' } };
    if (typeof parsed.query !== 'string' || typeof parsed.max_results !== 'number')
      return { status: 400, json: { detail: 'query and max_results required' } };
    return {
      status: 200,
      json: {
        query: parsed.query,
        results: [
          { url: 'https://tavily.example/', title: 'Tavily hit', content: 'from tavily', score: 0.8 },
        ],
        response_time: 0.1,
      },
    };
  }
  return { status: 400, json: { error: `unexpected ${req.method} ${url.pathname}` } };
}

describe('web_search configured from WEB_SEARCH_URL, BRAVE_API_KEY and TAVILY_API_KEY', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { status, json } = answer(req, body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const search = async (env: Record<string, string>) => {
    const tool = createWebSearchTool(webSearchOptions(loadConfig(env)));
    return tool.run({ query: 'event sourcing', maxResults: 5 }, toolContext());
  };
  const brave = () => ({ BRAVE_API_KEY: 'brave-secret', BRAVE_API_BASE_URL: `${base}/brave` });
  const tavily = () => ({ TAVILY_API_KEY: 'tvly-secret', TAVILY_API_BASE_URL: `${base}/tavily` });

  it('WEB_SEARCH_URL: the SearXNG JSON API, and it wins over both keys', async () => {
    const result = await search({ WEB_SEARCH_URL: `${base}/searxng`, ...brave(), ...tavily() });
    assert.equal(result.provider, 'searxng');
    assert.deepEqual(result.results, [
      { title: 'SearXNG hit', url: 'https://searx.example/', snippet: 'from searxng' },
    ]);
  });

  it('BRAVE_API_KEY: the Brave Search API, and it wins over TAVILY_API_KEY', async () => {
    const result = await search({ ...brave(), ...tavily() });
    assert.equal(result.provider, 'brave');
    assert.deepEqual(result.results, [
      { title: 'Brave hit', url: 'https://brave.example/', snippet: 'from brave' },
    ]);
  });

  it('TAVILY_API_KEY alone: the Tavily API', async () => {
    const result = await search(tavily());
    assert.equal(result.provider, 'tavily');
    assert.deepEqual(result.results, [
      { title: 'Tavily hit', url: 'https://tavily.example/', snippet: 'from tavily' },
    ]);
  });

  it('a wrong key is reported as an auth failure, not retried', async () => {
    await assert.rejects(search({ BRAVE_API_KEY: 'wrong', BRAVE_API_BASE_URL: `${base}/brave` }), {
      code: 'SEARCH_AUTH_FAILED',
      retryable: false,
    });
  });

  it('nothing configured: a clear NOT_CONFIGURED naming the three variables', async () => {
    await assert.rejects(search({}), { code: 'NOT_CONFIGURED', message: WEB_SEARCH_NOT_CONFIGURED });
    assert.match(WEB_SEARCH_NOT_CONFIGURED, /WEB_SEARCH_URL.*BRAVE_API_KEY.*TAVILY_API_KEY/);
    assert.equal(builtinToolDetails(loadConfig({})).web_search, undefined);
  });

  it('the integrations page names the backend and its origin, never the key', () => {
    const details = builtinToolDetails(loadConfig({ ...brave() }));
    assert.equal(details.web_search, `Brave Search API at ${base} (BRAVE_API_KEY)`);
    assert.doesNotMatch(JSON.stringify(details), /brave-secret/);
    assert.match(builtinToolDetails(loadConfig({})).run_sql ?? '', /demo dataset/);
    assert.match(
      builtinToolDetails(loadConfig({ TAVILY_API_KEY: 'tvly-secret' })).web_search ?? '',
      /^Tavily API at https:\/\/api\.tavily\.com/,
    );
  });
});
