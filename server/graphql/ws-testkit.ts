// A graphql-ws client for tests: subscribe, collect, stop.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client on `url`, authenticated with `token` in connection_init (none: anonymous). */
export function wsClient(url: string, token?: string): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

export interface Collected<T> {
  items: T[];
  /** Resolves when `count` items arrived (or rejects on an error). */
  until(count: number, timeoutMs?: number): Promise<T[]>;
  /** The error the subscription ended with, if any. */
  error(): unknown;
  stop(): void;
}

/** Subscribes and collects every `next` payload's `data[field]`. */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Collected<T> {
  const items: T[] = [];
  let failure: unknown = null;
  let wake: () => void = () => {};
  const stop = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) failure = result.errors;
        const item = result.data?.[field];
        if (item !== undefined) items.push(item);
        wake();
      },
      error: (error) => {
        failure = error;
        wake();
      },
      complete: () => wake(),
    },
  );
  return {
    items,
    error: () => failure,
    stop,
    until(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${items.length} of ${count} arrived`)),
          timeoutMs,
        );
        const check = () => {
          if (failure) {
            clearTimeout(timer);
            reject(failure);
          } else if (items.length >= count) {
            clearTimeout(timer);
            resolve(items.slice());
          }
        };
        wake = check;
        check();
      });
    },
  };
}

/** One client frame (masked, as RFC 6455 requires of clients) carrying `text`. */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 255]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, masked]);
}

/** The close code of the first close frame in a stream of server frames (unmasked), or null. */
function closeCodeIn(data: Buffer): number | null {
  for (let at = data.indexOf('\r\n\r\n') + 4; at + 2 <= data.length; ) {
    const opcode = (data[at] as number) & 0x0f;
    let length = (data[at + 1] as number) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = data.readUInt16BE(at + 2);
      start += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(at + 2));
      start += 8;
    }
    if (opcode === 0x8) return start + 2 <= data.length ? data.readUInt16BE(start) : null;
    at = start + length;
  }
  return null;
}

/**
 * A graphql-ws subscriber over a raw TCP socket that stops reading once subscribed (a client that
 * hangs). `resume()` reads everything the server sent and returns the close code it ended with.
 */
export async function stalledSubscriber(
  wsUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ resume(): Promise<number | null> }> {
  const url = new URL(wsUrl);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.write(
    [
      `GET ${url.pathname} HTTP/1.1`,
      `Host: ${url.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: graphql-transport-ws',
      '',
      '',
    ].join('\r\n'),
  );
  socket.write(
    clientFrame(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.write(clientFrame(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } })));
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.pause();
  return {
    async resume() {
      const ended = new Promise((resolve) => socket.once('close', resolve));
      socket.resume();
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000))]);
      socket.destroy();
      return closeCodeIn(Buffer.concat(chunks));
    },
  };
}
