import type { Server } from 'node:http';
import type { ProjectionStatus } from '../../projections/status.ts';
import type { Embedder } from '../activities/memory/embedder.ts';
import type { ProviderRegistry } from '../activities/providers/create-provider.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { EvaluationService } from '../analysis/evaluation/evaluation-service.ts';
import type { AgentService } from '../application/agent-service.ts';
import type { ForkService } from '../application/fork-service.ts';
import type { IntegrationsService } from '../application/integrations.ts';
import type { PolicyService } from '../application/policy-service.ts';
import type { RunService } from '../application/run-service.ts';
import type { AuditChainService } from '../audit-chain/audit-chain-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { NO_TRUSTED_PROXIES, type TrustedProxies } from '../auth/client-address.ts';
import { createRateLimiter, type RateLimiterOptions } from '../auth/rate-limiter.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore } from '../eventstore/port.ts';
import { createFetchRoute } from '../http/fetch-route.ts';
import { createGraphiqlAssetsRoute } from '../http/graphiql.ts';
import type { Route } from '../http/http-server.ts';
import { createMetricsRoute } from '../http/metrics-route.ts';
import { createRestRoutes } from '../http/rest-routes.ts';
import type { Logger } from '../logger.ts';
import type { Notifications } from '../notifications/notifications.ts';
import type { ReadSide } from '../read/read-side.ts';
import type { ApiServices, ListOutbox } from './context.ts';
import type { EventHub } from './live/event-hub.ts';
import type { SlowConsumerLimits } from './live/subscriber-queue.ts';
import { attachGraphqlWs } from './websocket.ts';
import { createApiYoga, type QueryLimits } from './yoga.ts';

/** The services `createPlatform` built once; the API only maps requests onto them. */
export interface ApiDeps {
  db: SqlDatabase;
  store: EventStore;
  agents: AgentService;
  runs: RunService;
  policies: PolicyService;
  forks: ForkService;
  /** Replay, export, back-testing and diff of recorded runs. */
  analysis: AnalysisService;
  /** Datasets and evaluations: create, add items, start (runs and scores them). */
  evaluations: EvaluationService;
  /** The one live tail of the event log in this process (started by the platform). */
  hub: EventHub;
  /** Every view and live stream the API shows. */
  read: ReadSide;
  /** The tamper-evident log: verification and its last result. */
  auditChain: AuditChainService;
  /** The projection runner: read-your-writes and lag. */
  projections: {
    waitFor(position: string, timeoutMs: number): Promise<boolean>;
    status(): Promise<ProjectionStatus[]>;
  };
  embedder: Embedder;
  tools: ToolRegistry;
  providers: ProviderRegistry;
  /** What the deployment is connected to (integrations page) and provider tests. */
  integrations: IntegrationsService;
  /** Notification channels (integrations page). */
  notifications: Notifications;
  listOutbox: ListOutbox;
  /** Accounts and tokens (its tables migrated by the platform). */
  auth: AuthService;
  /**
   * Locked down: no introspection, no field suggestions, no GraphiQL. The composition root passes
   * `!config.graphqlIntrospection` (only NODE_ENV=development or GRAPHQL_INTROSPECTION=true open it).
   */
  production: boolean;
  /** Who may read /metrics (default: an admin token only). */
  metrics?: { public: boolean; token?: string | undefined };
  /** Proxies whose X-Forwarded-For names the client (default: none, the socket's peer is the client). */
  trustedProxies?: TrustedProxies;
  logger: Logger;
  limits?: ApiLimits;
}

export interface ApiLimits {
  /** Largest request body (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Token bucket per viewer (defaults: burst 120, 30/s). */
  rate?: RateLimiterOptions;
  /** When a subscriber is closed with 4429: bytes held undelivered, age of its oldest event (8 MiB, 30 s). */
  slowConsumer?: Partial<SlowConsumerLimits>;
  /** How often a websocket is pinged; one that misses its pong that long is ended (default 12 s). */
  keepAliveMs?: number;
  query?: QueryLimits;
}

/** The API of one server process. */
export interface Api {
  /** /graphql (POST, GET, SSE), /metrics and the REST routes, for `createHttpServer`. */
  routes: Route[];
  /** graphql-ws on the same server at /graphql. Call once, after the server is created. */
  attachWebSockets(server: Server): void;
  /** Accounts and tokens (the composition root calls `createFirstAdmin({ auth, baseUrl })`). */
  auth: AuthService;
  /** The platform's live tail: its subscriber count is a metric. */
  hub: EventHub;
  /** Closes sockets and subscriptions; the live tail and the HTTP server are their owners'. */
  close(): Promise<void>;
}

/**
 * Builds the API over the platform's services (the read side and the live tail included): returns
 * the routes and the WebSocket attachment. Only `createPlatform` calls it.
 */
export async function createApi(deps: ApiDeps): Promise<Api> {
  const logger = deps.logger.child({ component: 'api' });
  const { auth, forks, hub, read } = deps;
  const services: ApiServices = { ...deps, forks, auth, hub, read, logger };
  const rateLimiter = createRateLimiter(deps.limits?.rate);
  const yoga = createApiYoga({
    services,
    production: deps.production,
    rateLimiter,
    ...(deps.limits?.query ? { limits: deps.limits.query } : {}),
  });
  const bodyLimitBytes = deps.limits?.bodyLimitBytes ?? 1 << 20;
  const trustedProxies = deps.trustedProxies ?? NO_TRUSTED_PROXIES;
  const sockets: { dispose(): Promise<void> }[] = [];
  return {
    routes: [
      // GraphiQL's script, styles and workers, where GraphiQL is on.
      ...(deps.production ? [] : [createGraphiqlAssetsRoute()]),
      createFetchRoute({
        path: '/graphql',
        handler: (request, origin) => yoga.fetch(request, { ...origin }),
        bodyLimitBytes,
        trustedProxies,
      }),
      createRestRoutes({
        read,
        agents: deps.agents,
        runs: deps.runs,
        auth,
        rateLimiter,
        logger,
        bodyLimitBytes,
        trustedProxies,
      }),
      createMetricsRoute(
        {
          db: deps.db,
          projectionStatus: () => deps.projections.status(),
          subscriberCount: () => hub.subscriberCount(),
        },
        {
          public: deps.metrics?.public ?? false,
          token: deps.metrics?.token,
          roleOf: async (authorization) => (await auth.authenticate(authorization))?.role ?? null,
        },
      ),
    ],
    attachWebSockets(server) {
      const keepAliveMs = deps.limits?.keepAliveMs;
      sockets.push(
        attachGraphqlWs({
          server,
          yoga,
          auth,
          rateLimiter,
          logger,
          trustedProxies,
          ...(keepAliveMs ? { keepAliveMs } : {}),
        }),
      );
    },
    auth,
    hub,
    async close() {
      await Promise.all(sockets.map((socket) => socket.dispose()));
      await yoga.dispose();
    },
  };
}
