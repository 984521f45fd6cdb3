import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress, NO_TRUSTED_PROXIES, type TrustedProxies } from '../auth/client-address.ts';
import { type Route, sendJson } from './http-server.ts';

/** What the route knows of a request beyond its headers: who sent it (see `clientAddress`). */
export interface RequestOrigin {
  clientAddress: string;
}

/** A fetch-style handler (yoga's `fetch`, which merges `origin` into its context). */
export type FetchHandler = (request: Request, origin: RequestOrigin) => Promise<Response> | Response;

/** Reads a request body, refusing more than `limit` bytes; null when it was too large. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/** Streams a fetch Response (JSON or an SSE stream) to Node's response; stops when the client leaves. */
async function send(response: Response, out: ServerResponse): Promise<void> {
  out.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    out.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (out.destroyed) break;
    out.write(chunk);
  }
  out.end();
}

/**
 * A route serving `path` with a fetch handler, with a body size limit (413 past it). The request's
 * signal aborts when the client disconnects, which ends SSE subscriptions.
 */
export function createFetchRoute(options: {
  path: string;
  handler: FetchHandler;
  bodyLimitBytes: number;
  /** Whose X-Forwarded-For names the client (default: nobody's). */
  trustedProxies?: TrustedProxies;
}): Route {
  const proxies = options.trustedProxies ?? NO_TRUSTED_PROXIES;
  return async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    if (url.pathname !== options.path) return false;
    const method = request.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? await readBody(request, options.bodyLimitBytes) : null;
    if (hasBody && body === null) {
      sendJson(response, 413, {
        error: 'PAYLOAD_TOO_LARGE',
        message: `The body exceeds ${options.bodyLimitBytes} bytes`,
      });
      request.resume();
      return true;
    }
    const aborted = new AbortController();
    response.once('close', () => aborted.abort());
    const fetchRequest = new Request(url, {
      method,
      headers: headersOf(request),
      signal: aborted.signal,
      ...(hasBody && body ? { body: new Uint8Array(body) } : {}),
    });
    const origin = {
      clientAddress: clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], proxies),
    };
    await send(await options.handler(fetchRequest, origin), response);
    return true;
  };
}
