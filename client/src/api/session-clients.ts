// The urql and graphql-ws clients of one session (one token). The first pair is made before React
// renders, so the requests the opening page needs start at once (route-prefetch.ts) instead of
// after the first render, and the provider takes that same pair: what was fetched early is in its
// cache.
import type { Client as WsClient } from 'graphql-ws';
import type { Client } from 'urql';
import { createApiClient } from './api-client';
import { clearToken, getToken } from './session-store';
import { createWsClient, graphqlWsUrl } from './ws-client';

export interface SessionClients {
  token: string | null;
  wsClient: WsClient;
  client: Client;
}

export function createSessionClients(token: string | null): SessionClients {
  const wsClient = createWsClient({ url: graphqlWsUrl(), token, onForbidden: clearToken });
  const client = createApiClient({
    token,
    wsClient,
    onUnauthenticated: () => {
      if (getToken() !== null) clearToken();
    },
  });
  return { token, wsClient, client };
}

let early: SessionClients | null = null;

/** The clients of the token the page opened with, made now. */
export function startEarlySession(): SessionClients {
  early = createSessionClients(getToken());
  return early;
}

/** The early clients, once, if they belong to `token`; otherwise new ones. */
export function takeSessionClients(token: string | null): SessionClients {
  const taken = early;
  early = null;
  return taken && taken.token === token ? taken : createSessionClients(token);
}
