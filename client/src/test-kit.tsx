// Component tests: a real urql client whose one exchange answers each operation by name (a value
// with `fromValue`, or nothing yet with `never`), the signed-in viewer, and a router.
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { Client, type Exchange, getOperationName, makeResult, type Operation, Provider } from 'urql';
import { filter, fromValue, map, mergeMap, never, pipe, type Source } from 'wonka';
import { ViewerProvider } from './features/auth/viewer';

/** What the server answers to one operation; `undefined` leaves it pending (`never`). */
export type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

export interface ApiCall {
  name: string;
  kind: Operation['kind'];
  variables: Record<string, unknown>;
}

export const TEST_VIEWER = {
  __typename: 'User',
  id: '00000000-0000-4000-8000-0000000000aa',
  email: 'ops@example.com',
  role: 'OPERATOR',
  viaLoginLink: false,
} as const;

/**
 * A urql client answering with `answer(name, variables)`; every operation is recorded in `calls`.
 * The Viewer query answers with `viewer` unless `answer` says otherwise.
 */
export function testClient(
  answer: (name: string, variables: Record<string, unknown>) => Answer | Source<Answer> | undefined,
  viewer: { role: string } = TEST_VIEWER,
): { client: Client; calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const answering: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => operation.kind !== 'teardown'),
      mergeMap((operation) => {
        const name = getOperationName(operation.query) ?? '';
        const variables = (operation.variables ?? {}) as Record<string, unknown>;
        calls.push({ name, kind: operation.kind, variables });
        const given = answer(name, variables);
        const reply =
          given ?? (name === 'Viewer' ? { data: { me: { ...TEST_VIEWER, ...viewer } } } : undefined);
        if (reply === undefined) return never;
        const source: Source<Answer> = typeof reply === 'function' ? reply : fromValue(reply);
        return pipe(
          source,
          map((result) => makeResult(operation, result as Parameters<typeof makeResult>[1])),
        );
      }),
    );
  return { client: new Client({ url: 'http://test.invalid/graphql', exchanges: [answering] }), calls };
}

/** Renders `ui` as a signed-in page would: API, viewer and router around it. */
export function renderWithApi(ui: ReactElement, client: Client, route = '/') {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Provider value={client}>
      <MemoryRouter initialEntries={[route]}>
        <ViewerProvider fallback={<p>Loading the viewer…</p>}>{children}</ViewerProvider>
      </MemoryRouter>
    </Provider>
  );
  return render(ui, { wrapper });
}
