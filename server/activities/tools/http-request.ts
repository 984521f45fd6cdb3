import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { BUILTIN_TOOL_RISK } from '../../safety/tool-risks.ts';
import { classifyAddress } from './blocked-address.ts';
import { defineTool, type ToolDefinition, ToolError } from './tool.ts';

/** Resolves a host name to every address it has (the guard checks all of them). */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

/** Configuration of {@link createHttpRequestTool}. */
export interface HttpRequestToolOptions {
  /**
   * Host names or IP literals exempt from the address check (`*.corp.example` matches
   * subdomains). Other hosts may still be reached if they resolve to public addresses.
   */
  allowHosts?: string[];
  /** Response bodies are cut at this many bytes; default 1 MiB. */
  maxBytes?: number;
  /** Time cap for the whole call, redirects included; default 15 s. */
  timeoutMs?: number;
  /** At most this many redirects are followed; default 5. */
  maxRedirects?: number;
  /** DNS resolver; default `dns.lookup` with `all: true`. Tests inject one. */
  lookup?: HostLookup;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

const paramsSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).describe('Absolute http(s) URL'),
  method: z.enum(METHODS).default('GET'),
  headers: z.record(z.string(), z.string()).optional().describe('Request headers'),
  body: z.string().max(1_000_000).optional().describe('Request body (text); not allowed for GET/HEAD'),
});
/** What the model passes to http_request. */
export type HttpRequestParams = z.infer<typeof paramsSchema>;

/** What the model gets back: the final response, its body as text (or base64 when binary). */
export interface HttpResponseResult {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  bytes: number;
  truncated: boolean;
  redirects: string[];
}

const defaultLookup: HostLookup = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** Marks lookup failures caused by the guard, so they are told apart from DNS errors. */
class BlockedAddressError extends Error {
  readonly code = 'ERR_SPARK_ADDRESS_BLOCKED';
}

/**
 * `http_request`: an HTTP(S) call through undici that refuses loopback, private, link-local,
 * metadata and other internal addresses after DNS resolution (the connection uses the address
 * that was checked, so DNS rebinding cannot swap it), re-checks every redirect hop, and caps
 * response size and time. Not idempotent in general; GET/HEAD calls are (`idempotentFor`).
 */
export function createHttpRequestTool(
  options: HttpRequestToolOptions = {},
): ToolDefinition<HttpRequestParams, HttpResponseResult> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolveHost = options.lookup ?? defaultLookup;
  const allowed = createHostMatcher(options.allowHosts ?? []);

  /** Checks every address a name resolves to, then hands exactly those addresses to net.connect. */
  const resolveChecked = async (hostname: string): Promise<LookupAddress[]> => {
    const addresses = await resolveHost(hostname);
    if (addresses.length === 0)
      throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
    if (allowed(hostname)) return addresses;
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (verdict.blocked) {
        throw new BlockedAddressError(
          `Refused ${hostname}: it resolves to ${address}, a ${verdict.reason} address`,
        );
      }
    }
    return addresses;
  };
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolveChecked(hostname).then(
      (addresses) => {
        const first = addresses[0] as LookupAddress;
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
  const dispatcher = new Agent({ connect: { lookup: guardedLookup }, connections: 16 });

  /** Refuses non-http(s) URLs and IP literals in blocked ranges (net.connect skips lookup for those). */
  const checkTarget = (url: URL): void => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ToolError('UNSUPPORTED_PROTOCOL', `Only http and https are allowed, not ${url.protocol}`, {
        retryable: false,
      });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (allowed(host) || isIP(host) === 0) return;
    const verdict = classifyAddress(host);
    if (verdict.blocked) {
      throw new ToolError('ADDRESS_BLOCKED', `Refused ${url.host}: a ${verdict.reason} address`, {
        retryable: false,
      });
    }
  };

  return defineTool({
    name: 'http_request',
    description:
      'Make an HTTP(S) request to a public URL and return status, headers and body (text, or base64 for binary). ' +
      `Internal and private addresses are refused; bodies over ${maxBytes} bytes are cut; redirects are followed up to ${maxRedirects} times.`,
    inputSchema: paramsSchema,
    defaultRisk: BUILTIN_TOOL_RISK.http_request,
    timeoutMs: timeoutMs + 1000,
    idempotent: false,
    idempotentFor: (params) => params.method === 'GET' || params.method === 'HEAD',
    async run(params, ctx) {
      if (params.body !== undefined && (params.method === 'GET' || params.method === 'HEAD')) {
        throw new ToolError('INVALID_PARAMS', `A ${params.method} request cannot have a body`, {
          retryable: false,
        });
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([ctx.signal, timeout]);
      try {
        return await follow(params, signal);
      } catch (error) {
        if (timeout.aborted && !ctx.signal.aborted) {
          throw new ToolError('TIMEOUT', `http_request gave up after ${timeoutMs} ms`, {
            retryable: true,
            cause: error,
          });
        }
        throw classifyHttpError(error);
      }
    },
    close: () => dispatcher.close(),
  });

  async function follow(params: HttpRequestParams, signal: AbortSignal): Promise<HttpResponseResult> {
    let url = new URL(params.url);
    let method: string = params.method;
    let body = params.body;
    let headers = { ...params.headers };
    const redirects: string[] = [];
    for (;;) {
      checkTarget(url);
      const response = await request(url, { method, headers, body, signal, dispatcher });
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        await response.body.dump();
        if (redirects.length >= maxRedirects) {
          throw new ToolError(
            'TOO_MANY_REDIRECTS',
            `More than ${maxRedirects} redirects, last to ${location}`,
            {
              retryable: false,
            },
          );
        }
        const next = new URL(location, url);
        if (next.origin !== url.origin) headers = withoutCredentials(headers);
        // 303 always, and 301/302 after a POST, turn into a GET without body (as browsers do).
        if (
          response.statusCode === 303 ||
          ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
        ) {
          method = 'GET';
          body = undefined;
        }
        redirects.push(next.toString());
        url = next;
        continue;
      }
      const { bytes, truncated } = await readCapped(response.body, maxBytes);
      return {
        url: url.toString(),
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        ...decodeBody(bytes),
        bytes: bytes.length,
        truncated,
        redirects,
      };
    }
  }
}

/** Reads at most `maxBytes`, then stops the download (the socket is destroyed, not drained). */
async function readCapped(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - size));
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function decodeBody(bytes: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  try {
    // `stream: true` tolerates a multi-byte character cut by the size cap.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { body: text, bodyEncoding: 'utf8' };
  } catch {
    return { body: bytes.toString('base64'), bodyEncoding: 'base64' };
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
  );
}

function createHostMatcher(entries: string[]): (host: string) => boolean {
  const normalized = entries.map((entry) => entry.toLowerCase().replace(/^\[|\]$/g, ''));
  return (host) => {
    const name = host.toLowerCase().replace(/^\[|\]$/g, '');
    return normalized.some((entry) =>
      entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry,
    );
  };
}

function classifyHttpError(error: unknown): ToolError {
  if (error instanceof ToolError) return error;
  const chain: unknown[] = [];
  for (let current: unknown = error; current instanceof Error && chain.length < 5; current = current.cause)
    chain.push(current);
  const blocked = chain.find((item) => item instanceof BlockedAddressError);
  if (blocked instanceof Error)
    return new ToolError('ADDRESS_BLOCKED', blocked.message, { retryable: false });
  const codes = chain
    .map((item) => (item as { code?: unknown }).code)
    .filter((code) => typeof code === 'string');
  const message = error instanceof Error ? error.message : String(error);
  if (codes.includes('ENOTFOUND'))
    return new ToolError('HOST_NOT_FOUND', message, { retryable: false, cause: error });
  if (codes.some((code) => code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL')) {
    return new ToolError('INVALID_REQUEST', message, { retryable: false, cause: error });
  }
  return new ToolError('NETWORK_ERROR', message, { retryable: true, cause: error });
}
