import { z } from 'zod';
import { BUILTIN_TOOL_RISK } from '../../safety/tool-risks.ts';
import { defineTool, type ToolDefinition, ToolError } from './tool.ts';

/**
 * Configuration of {@link createWebSearchTool}; nothing set means "not configured". Precedence
 * when several are set: `searxngUrl` (WEB_SEARCH_URL), then `braveApiKey`, then `tavilyApiKey`.
 */
export interface WebSearchToolOptions {
  /**
   * `WEB_SEARCH_URL`: a server speaking SearXNG's JSON search API (`GET <url>/search?q=…&format=json`
   * answering `{results: [{title, url, content}]}`), e.g. a self-hosted SearXNG with `json` in
   * `search.formats`. Wins over the API keys: an operator who runs their own search means it.
   */
  searxngUrl?: string;
  /** `BRAVE_API_KEY`: Brave Search API (`GET /res/v1/web/search`, `X-Subscription-Token`). */
  braveApiKey?: string;
  /** `TAVILY_API_KEY`: Tavily API (`POST /search`, bearer token). */
  tavilyApiKey?: string;
  /** HTTP client; default global fetch. */
  fetch?: typeof fetch;
  /** `BRAVE_API_BASE_URL`: where the Brave API lives (default https://api.search.brave.com; proxies, tests). */
  braveBaseUrl?: string;
  /** `TAVILY_API_BASE_URL`: where the Tavily API lives (default https://api.tavily.com; proxies, tests). */
  tavilyBaseUrl?: string;
  /** Default 15 s. */
  timeoutMs?: number;
}

/** The public endpoints of the two search APIs; the paths are appended to a configured base URL. */
export const BRAVE_DEFAULT_BASE_URL = 'https://api.search.brave.com';
export const TAVILY_DEFAULT_BASE_URL = 'https://api.tavily.com';
const BRAVE_SEARCH_PATH = '/res/v1/web/search';
const TAVILY_SEARCH_PATH = '/search';

/** The reason `web_search` reports when no provider is configured. */
export const WEB_SEARCH_NOT_CONFIGURED =
  'web_search is not configured: set WEB_SEARCH_URL (a SearXNG instance with JSON output enabled), BRAVE_API_KEY or TAVILY_API_KEY';

const paramsSchema = z.object({
  query: z.string().trim().min(1).max(400).describe('What to search the web for'),
  maxResults: z.number().int().min(1).max(20).default(5).describe('How many results to return (1–20)'),
});
/** What the model passes to web_search. */
export type WebSearchParams = z.infer<typeof paramsSchema>;

/** One search result; HTML tags are stripped from title and snippet. */
export interface WebSearchHit {
  title: string;
  url: string;
  snippet: string;
}

/** What web_search returns. */
export interface WebSearchResult {
  provider: 'searxng' | 'brave' | 'tavily';
  query: string;
  results: WebSearchHit[];
}

type Provider = {
  name: WebSearchResult['provider'];
  request(params: WebSearchParams): { url: string; init: RequestInit };
  hits(body: unknown): unknown[];
  snippetField: string;
};

/**
 * `web_search` over SearXNG's JSON API, Brave Search or Tavily (the first configured, in that
 * order: see {@link WebSearchToolOptions}). Without any of them the tool still exists, reports `unavailableReason`, and `run` fails
 * with a non-retryable `NOT_CONFIGURED`. Provider 429/5xx and network errors are retryable.
 * Idempotent, LOW risk.
 */
export function createWebSearchTool(
  options: WebSearchToolOptions = {},
): ToolDefinition<WebSearchParams, WebSearchResult> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const provider = chooseProvider(options);

  return defineTool({
    name: 'web_search',
    description:
      'Search the web. Returns titles, URLs and short snippets; fetch a page with http_request to read it.',
    inputSchema: paramsSchema,
    defaultRisk: BUILTIN_TOOL_RISK.web_search,
    timeoutMs: timeoutMs + 1000,
    idempotent: true,
    ...(provider ? {} : { unavailableReason: WEB_SEARCH_NOT_CONFIGURED }),
    async run(params, ctx) {
      if (!provider) throw new ToolError('NOT_CONFIGURED', WEB_SEARCH_NOT_CONFIGURED, { retryable: false });
      const { url, init } = provider.request(params);
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]);
      let response: Response;
      try {
        response = await doFetch(url, { ...init, signal });
      } catch (error) {
        const message = `${provider.name} search request failed: ${error instanceof Error ? error.message : String(error)}`;
        throw new ToolError('SEARCH_UNAVAILABLE', message, { retryable: true, cause: error });
      }
      if (!response.ok)
        throw statusError(provider.name, response.status, await response.text().catch(() => ''));
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        throw new ToolError('SEARCH_FAILED', `${provider.name} answered with invalid JSON`, {
          retryable: false,
          cause: error,
        });
      }
      const results = provider
        .hits(body)
        .map((hit) => toHit(hit, provider.snippetField))
        .filter((hit): hit is WebSearchHit => hit !== null)
        .slice(0, params.maxResults);
      return { provider: provider.name, query: params.query, results };
    },
  });
}

/**
 * Which backend `web_search` uses with these options and where it goes (origin only, never a key),
 * for the integrations page; null when none is configured.
 */
export function describeWebSearchBackend(options: WebSearchToolOptions): string | null {
  if (options.searxngUrl) return `SearXNG JSON API at ${originOf(options.searxngUrl)} (WEB_SEARCH_URL)`;
  if (options.braveApiKey)
    return `Brave Search API at ${originOf(options.braveBaseUrl ?? BRAVE_DEFAULT_BASE_URL)} (BRAVE_API_KEY)`;
  if (options.tavilyApiKey)
    return `Tavily API at ${originOf(options.tavilyBaseUrl ?? TAVILY_DEFAULT_BASE_URL)} (TAVILY_API_KEY)`;
  return null;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

function chooseProvider(options: WebSearchToolOptions): Provider | null {
  if (options.searxngUrl) {
    const base = options.searxngUrl.replace(/\/+$/, '');
    return {
      name: 'searxng',
      request: ({ query }) => ({
        url: `${base}/search?${new URLSearchParams({ q: query, format: 'json' })}`,
        init: { headers: { accept: 'application/json' } },
      }),
      hits: (body) => arrayAt(body, ['results']),
      snippetField: 'content',
    };
  }
  if (options.braveApiKey) {
    const endpoint = joinUrl(options.braveBaseUrl ?? BRAVE_DEFAULT_BASE_URL, BRAVE_SEARCH_PATH);
    const key = options.braveApiKey;
    return {
      name: 'brave',
      request: ({ query, maxResults }) => ({
        url: `${endpoint}?${new URLSearchParams({ q: query, count: String(maxResults) })}`,
        init: { headers: { accept: 'application/json', 'x-subscription-token': key } },
      }),
      hits: (body) => arrayAt(body, ['web', 'results']),
      snippetField: 'description',
    };
  }
  if (options.tavilyApiKey) {
    const endpoint = joinUrl(options.tavilyBaseUrl ?? TAVILY_DEFAULT_BASE_URL, TAVILY_SEARCH_PATH);
    const key = options.tavilyApiKey;
    return {
      name: 'tavily',
      request: ({ query, maxResults }) => ({
        url: endpoint,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query, max_results: maxResults }),
        },
      }),
      hits: (body) => arrayAt(body, ['results']),
      snippetField: 'content',
    };
  }
  return null;
}

function arrayAt(body: unknown, path: string[]): unknown[] {
  let current: unknown = body;
  for (const key of path)
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return Array.isArray(current) ? current : [];
}

function toHit(raw: unknown, snippetField: string): WebSearchHit | null {
  if (!raw || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  if (typeof record.url !== 'string') return null;
  const clean = (value: unknown, max: number): string =>
    typeof value === 'string'
      ? value
          .replace(/<[^>]*>/g, '')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, max)
      : '';
  return { title: clean(record.title, 300), url: record.url, snippet: clean(record[snippetField], 500) };
}

function statusError(provider: string, status: number, body: string): ToolError {
  const detail = body.replace(/\s+/g, ' ').slice(0, 200);
  const message = `${provider} search answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 429 || status >= 500)
    return new ToolError('SEARCH_UNAVAILABLE', message, { retryable: true });
  if (status === 401 || status === 403) {
    const hint =
      provider === 'searxng'
        ? ' (is "json" listed in search.formats of settings.yml?)'
        : ' (check the API key)';
    return new ToolError('SEARCH_AUTH_FAILED', message + hint, { retryable: false });
  }
  return new ToolError('SEARCH_FAILED', message, { retryable: false });
}
