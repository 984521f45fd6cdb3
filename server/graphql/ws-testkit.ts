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

/**
 * Reads a stream of server frames (unmasked) as it arrives, after the HTTP upgrade response, and
 * notes the code of the first close frame. Keeps only an incomplete frame's bytes, so megabytes of
 * data frames queued ahead of the close cost one pass.
 */
function closeFrameReader() {
  let rest: Buffer = Buffer.alloc(0);
  let upgraded = false;
  let code: number | null = null;
  return {
    get code() {
      return code;
    },
    read(chunk: Buffer): void {
      if (code !== null) return;
      rest = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
      if (!upgraded) {
        const end = rest.indexOf('\r\n\r\n');
        if (end < 0) return;
        upgraded = true;
        rest = rest.subarray(end + 4);
      }
      let at = 0;
      while (at + 2 <= rest.length) {
        const opcode = (rest[at] as number) & 0x0f;
        let length = (rest[at + 1] as number) & 0x7f;
        let start = at + 2;
        if (length === 126) {
          if (at + 4 > rest.length) break;
          length = rest.readUInt16BE(at + 2);
          start += 2;
        } else if (length === 127) {
          if (at + 10 > rest.length) break;
          length = Number(rest.readBigUInt64BE(at + 2));
          start += 8;
        }
        if (start + length > rest.length) break;
        if (opcode === 0x8) {
          code = length >= 2 ? rest.readUInt16BE(start) : null;
          return;
        }
        at = start + length;
      }
      rest = rest.subarray(at);
    },
  };
}

/**
 * A graphql-ws subscriber over a raw TCP socket that stops reading once subscribed (a client that
 * hangs). `resume()` reads what the server sent until its close frame (or the socket's end, or
 * 30 s: a loaded machine drains megabytes slowly) and returns the close code, or null.
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
  const frames = closeFrameReader();
  let onFrame = () => {};
  socket.on('data', (chunk: Buffer) => {
    frames.read(chunk);
    onFrame();
  });
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
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        onFrame = () => {
          if (frames.code !== null) resolve();
        };
        socket.once('close', () => resolve());
        timer = setTimeout(resolve, 30_000);
        onFrame();
        socket.resume();
      });
      clearTimeout(timer);
      socket.destroy();
      return frames.code;
    },
  };
}
