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

/** Node's HTTP server over an ordered list of routes; unmatched paths get a JSON 404. */
export function createHttpServer(options: { routes: readonly Route[]; logger: Logger }): Server {
  return createServer((request, response) => {
    void (async () => {
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
