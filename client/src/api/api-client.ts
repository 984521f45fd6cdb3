import { cacheExchange } from '@urql/exchange-graphcache';
import type { Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, getOperationName, mapExchange, subscriptionExchange } from 'urql';
import { ErrorCode, hasErrorCode } from './graphql-errors';
import { backoffMs } from './ws-client';

/** How long a mutation may wait for the read models to reach its write (the server's maximum). */
export const READ_YOUR_WRITES_MS = 5000;

const SIGN_IN_OPERATIONS = new Set(['Login', 'LoginWithLink']);

/**
 * Types without an `id`: graphcache stores them inside their parent instead of normalising them.
 * `Memory` is here on purpose: its `distance` depends on the search, so two searches must not
 * overwrite each other's copy of the same memory.
 */
const EMBEDDED_TYPES = [
  'AgentConnection',
  'AgentEdge',
  'ApiTokenCreated',
  'AuditEntryConnection',
  'AuditEntryEdge',
  'Budget',
  'HitlRequestConnection',
  'HitlRequestEdge',
  'Integrations',
  'LlmProviderStatus',
  'McpServerStatus',
  'Memory',
  'Metrics',
  'Observability',
  'OutboxMessageConnection',
  'OutboxMessageEdge',
  'PageInfo',
  'Percentiles',
  'PolicyVersion',
  'ProviderTestResult',
  'RunConnection',
  'RunEdge',
  'RunError',
  'RunEventConnection',
  'RunEventEdge',
  'RunFork',
  'RunMetrics',
  'RunStatusCount',
  'RunStep',
  'RunThoughtDelta',
  'Session',
  'SmtpStatus',
  'ToolStatus',
  'UsageBucket',
] as const;

/**
 * The urql client of one session: HTTP for queries and mutations with the bearer token, graphql-ws
 * for subscriptions, graphcache so that a `runUpdated` or `hitlUpdated` result updates every view
 * of that run or request at once. Any UNAUTHENTICATED answer calls `onUnauthenticated`.
 */
export function createApiClient(options: {
  token: string | null;
  wsClient: WsClient;
  onUnauthenticated: () => void;
}): Client {
  const { token, wsClient } = options;
  const headers: Record<string, string> = {
    // Read-your-writes: a mutation answers once the read models hold it, so the refetch a form
    // makes after it (a list that should now show the new dataset) never reads a lagging model.
    // Queries ignore the header; the server bounds the wait.
    'x-wait-for-projections': String(READ_YOUR_WRITES_MS),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  return new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers }),
    exchanges: [
      mapExchange({
        onError(error, operation) {
          // A wrong password or a used link says UNAUTHENTICATED too, but about the attempt, not
          // about the session the console may already have.
          if (SIGN_IN_OPERATIONS.has(getOperationName(operation.query) ?? '')) return;
          if (hasErrorCode(error, ErrorCode.Unauthenticated)) options.onUnauthenticated();
        },
      }),
      cacheExchange({
        keys: Object.fromEntries(EMBEDDED_TYPES.map((name) => [name, () => null])),
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const payload = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              // graphql-ws retries lost sockets itself; a subscription can still end with a close
              // it treats as fatal (e.g. the server dropping a slow consumer): subscribe again.
              let stopped = false;
              let retries = 0;
              let dispose = () => {};
              const start = () => {
                dispose = wsClient.subscribe(payload, {
                  next: (value) => {
                    retries = 0;
                    sink.next(value as never);
                  },
                  complete: () => sink.complete(),
                  error: (error) => {
                    if (Array.isArray(error) || stopped) {
                      sink.error(error);
                      return;
                    }
                    setTimeout(() => {
                      if (!stopped) start();
                    }, backoffMs(retries++));
                  },
                });
              };
              start();
              return {
                unsubscribe() {
                  stopped = true;
                  dispose();
                },
              };
            },
          };
        },
      }),
    ],
  });
}
