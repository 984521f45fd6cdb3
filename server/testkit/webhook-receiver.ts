import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: its raw body bytes (what a signature covers) and headers. */
export interface ReceivedRequest {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  path: string;
  at: number;
  /** The status it was answered with. */
  status: number;
}

/** How the receiver answers the n-th request (0-based); past the end, the last answer repeats. */
export interface ReceiverAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTP receiver on 127.0.0.1 that records every request and answers from a script (e.g.
 * 500 then 200), as an integrator's endpoint would.
 */
export async function startWebhookReceiver(answers: readonly ReceiverAnswer[] = [{ status: 200 }]) {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = answers[Math.min(received.length, answers.length - 1)] ?? { status: 200 };
      received.push({
        raw: Buffer.concat(chunks),
        headers: request.headers,
        path: request.url ?? '/',
        at: Date.now(),
        status: answer.status,
      });
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? (answer.status < 300 ? 'ok' : 'receiver failed'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves once `count` requests arrived; throws after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedRequest[]> {
      const started = Date.now();
      while (received.length < count) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`the receiver got ${received.length} requests, not ${count}, in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
