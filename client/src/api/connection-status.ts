// The live connection's state, observable by React. Drives the "Connection lost" banner.

/**
 * `idle`: no socket needed (or not yet opened); `connected`: the socket is up; `lost`: the socket
 * closed abnormally and graphql-ws is retrying with backoff.
 */
export type ConnectionState = 'idle' | 'connected' | 'lost';

type Listener = () => void;
const listeners = new Set<Listener>();
let state: ConnectionState = 'idle';

export function getConnectionState(): ConnectionState {
  return state;
}

export function setConnectionState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export function subscribeConnectionState(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
