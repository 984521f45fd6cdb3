import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws hands our hooks as `ctx.extra`. */
export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

export interface TransportOptions {
  /** Server ping interval; a socket that misses its pong is terminated (default 12 s). */
  keepAliveMs?: number;
  /**
   * Bytes a socket may have buffered before `send` waits for the network (default 1 MiB). Below it,
   * a send does not wait: a fast client gets a burst in one turn of the event loop. Above it, the
   * subscription's loop waits, its queue grows, and the hub closes it as a slow consumer.
   */
  highWaterMark?: number;
}

/**
 * graphql-ws over a `ws` server. The same protocol handling as graphql-ws' own `use/ws`, except
 * that `send` only waits for the socket when its buffer is above the high-water mark: `use/ws`
 * waits for every frame's write callback, which caps each subscriber at one message per turn of
 * the event loop and makes fast clients look slow during a burst.
 */
export function serveGraphqlWs<P extends Record<string, unknown>>(
  options: ServerOptions<P, SocketExtra>,
  wss: WebSocketServer,
  transport: TransportOptions = {},
): { dispose(): Promise<void> } {
  const server = makeServer<P, SocketExtra>(options);
  const keepAliveMs = transport.keepAliveMs ?? 12_000;
  const highWaterMark = transport.highWaterMark ?? 1 << 20;
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket, request) => {
    socket.once('error', () => socket.close(CloseCode.InternalServerError, 'Internal server error'));
    let pongWait: NodeJS.Timeout | null = null;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return Promise.resolve();
          if (socket.bufferedAmount < highWaterMark) {
            socket.send(data);
            return Promise.resolve();
          }
          return new Promise<void>((resolve, reject) =>
            socket.send(data, (error) => (error ? reject(error) : resolve())),
          );
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (message) => {
            try {
              await handle(String(message));
            } catch {
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(ping);
      if (pongWait) clearTimeout(pongWait);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners('connection');
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
