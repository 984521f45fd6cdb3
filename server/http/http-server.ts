import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

/** A route answers a request, or returns false to let the next route try. */
export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Why a request target cannot be routed, or null when it can: it must parse as a URL and its path
 * must percent-decode to valid UTF-8 without NUL. Checked once here, so no route meets a URL it
 * would fail on (a `decodeURIComponent` throwing deep in a handler used to be a 500).
 */
export function malformedTarget(target: string | undefined): string | null {
  let path: string;
  try {
    path = new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return 'The request URL does not parse';
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'The request path has a malformed percent-encoding (not UTF-8)';
  }
  return decoded.includes('\u0000') ? 'The request path contains a NUL character' : null;
}

/**
 * Node's HTTP server over an ordered list of routes; unmatched paths get a JSON 404, malformed
 * request targets a JSON 400 before any route sees them.
 */
export function createHttpServer(options: { routes: readonly Route[]; logger: Logger }): Server {
  return createServer((request, response) => {
    void (async () => {
      const malformed = malformedTarget(request.url);
      if (malformed) {
        sendJson(response, 400, { error: 'BAD_USER_INPUT', message: malformed });
        return;
      }
      for (const route of options.routes) if (await route(request, response)) return;
      sendJson(response, 404, {
        error: 'NOT_FOUND',
        message: `No route for ${request.method} ${request.url}`,
      });
    })().catch((error: unknown) => {
      options.logger.error('request failed', { error, url: request.url });
      if (!response.headersSent) sendJson(response, 500, { error: 'INTERNAL', message: 'Unexpected error' });
      else response.end();
    });
  });
}
