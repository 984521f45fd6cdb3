import type { Client as WsClient } from 'graphql-ws';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { takeSessionClients } from './session-clients';
import { getToken, subscribeToken } from './session-store';

const WsClientContext = createContext<WsClient | null>(null);

/** The session's bearer token (null when signed out), re-rendering when it changes. */
export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, getToken, () => null);
}

/**
 * urql and graphql-ws clients for the current token. Signing in or out replaces both, so no cached
 * data or open socket outlives the session it belonged to.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const token = useToken();
  const { wsClient, client } = useMemo(() => takeSessionClients(token), [token]);
  useEffect(() => () => void wsClient.dispose(), [wsClient]);
  return (
    <WsClientContext.Provider value={wsClient}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </WsClientContext.Provider>
  );
}

/** The graphql-ws client, for streams that manage their own cursor (run traces). */
export function useWsClient(): WsClient {
  const client = useContext(WsClientContext);
  if (!client) throw new Error('useWsClient must be used inside <ApiProvider>');
  return client;
}
