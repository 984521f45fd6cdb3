import type { Client } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { takePrefetched } from './api/prefetch';
import type { SessionClients } from './api/session-clients';
import { clearToken, setToken } from './api/session-store';
import { firstStepsPageKey } from './features/runs/run-steps-query';
import { prefetchRoute } from './route-prefetch';

/** A session whose urql client records the operations asked of it. */
function session(token: string | null) {
  const asked: { name: string; variables: unknown }[] = [];
  const client = {
    query: (document: { definitions: { name?: { value: string } }[] }, variables: unknown) => {
      asked.push({ name: document.definitions[0]?.name?.value ?? '?', variables });
      return { toPromise: async () => ({ data: null }) };
    },
  } as unknown as Client;
  return { asked, clients: { token, client, wsClient: {} } as unknown as SessionClients };
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearToken();
});

describe('the opening page’s requests', () => {
  it('on a run page: the viewer, the run and its first steps page over HTTP, kept for the page', async () => {
    const fetch = vi.fn(async () => Response.json({ data: { run: null } }));
    vi.stubGlobal('fetch', fetch);
    setToken('token-1');
    const { asked, clients } = session('token-1');
    prefetchRoute('/maestro/runs/run-42', clients);
    expect(asked).toEqual([
      { name: 'Viewer', variables: {} },
      { name: 'RunPage', variables: { id: 'run-42' } },
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const init = (fetch.mock.calls[0] as unknown[])[1] as RequestInit;
    expect(JSON.parse(String(init.body)).variables).toEqual({ runId: 'run-42', first: 50, after: null });
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer token-1');
    await expect(takePrefetched(firstStepsPageKey('run-42'))).resolves.toEqual({ run: null });
  });

  it('elsewhere: only the viewer', () => {
    vi.stubGlobal('fetch', vi.fn());
    const { asked, clients } = session('token-1');
    prefetchRoute('/maestro/agents', clients);
    expect(asked.map((operation) => operation.name)).toEqual(['Viewer']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signed out: nothing', () => {
    vi.stubGlobal('fetch', vi.fn());
    const { asked, clients } = session(null);
    prefetchRoute('/maestro/runs/run-42', clients);
    expect(asked).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });
});
