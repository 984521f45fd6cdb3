import { type Client, createClient } from 'graphql-ws';
import { setConnectionState } from './connection-status';

/** Closed by the server when the token in `connection_init` does not verify. */
const FORBIDDEN_CLOSE_CODE = 4403;
/** Closed by us when the server stops answering pings (a silently dead network). */
const PONG_TIMEOUT_CLOSE_CODE = 4408;
const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 15_000;

/** ws(s)://<host>/graphql for the page's own origin. */
export function graphqlWsUrl(location: Location = window.location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/graphql`;
}

/**
 * Exponential backoff with jitter, capped: 0.5 s, 1 s, 2 s … 15 s. Exported for tests.
 */
export function backoffMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** retries);
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * The graphql-ws client of one session. It retries for ever with backoff, detects a dead network
 * with pings, and reports its state to `connection-status` (the banner). A socket refused for its
 * token (4403) calls `onForbidden` (sign out) instead of retrying with the same bad token.
 */
export function createWsClient(options: {
  url: string;
  token: string | null;
  onForbidden: () => void;
}): Client {
  let activeSocket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let forbidden = false;
  return createClient({
    url: options.url,
    connectionParams: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => !forbidden,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffMs(retries))),
    keepAlive: PING_INTERVAL_MS,
    on: {
      connected: (socket) => {
        activeSocket = socket as WebSocket;
        setConnectionState('connected');
      },
      closed: (event) => {
        activeSocket = null;
        clearTimeout(pongTimer);
        const code = (event as CloseEvent | undefined)?.code;
        if (code === FORBIDDEN_CLOSE_CODE) {
          forbidden = true;
          setConnectionState('idle');
          options.onForbidden();
          return;
        }
        // 1000 is graphql-ws closing an idle lazy socket on purpose: nothing is lost.
        setConnectionState(code === 1000 ? 'idle' : 'lost');
      },
      ping: (received) => {
        if (received) return;
        pongTimer = setTimeout(() => {
          if (activeSocket?.readyState === WebSocket.OPEN) {
            activeSocket.close(PONG_TIMEOUT_CLOSE_CODE, 'Pong timeout');
          }
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
}
