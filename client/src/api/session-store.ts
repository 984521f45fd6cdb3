// The signed-in session: the JWT kept in localStorage, observable by React (useSyncExternalStore).
const STORAGE_KEY = 'spark-ops.maestro.token';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let token: string | null = typeof window === 'undefined' ? null : read();

function emit(): void {
  for (const listener of listeners) listener();
}

/** The bearer token, or null when signed out. */
export function getToken(): string | null {
  return token;
}

export function setToken(next: string): void {
  token = next;
  window.localStorage.setItem(STORAGE_KEY, next);
  emit();
}

/** Signs out locally: forgets the token (the server keeps no session to end). */
export function clearToken(): void {
  token = null;
  window.localStorage.removeItem(STORAGE_KEY);
  emit();
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  // Another tab signing in or out changes this tab too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    token = event.newValue;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
