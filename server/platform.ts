import { randomUUID } from 'node:crypto';
import { allProjections } from '../projections/all-projections.ts';
import { searchMemories } from '../projections/memories/queries.ts';
import { LIVE_TABLES } from '../projections/projection.ts';
import { createProjectionRunner, type ProjectionRunner } from '../projections/runner.ts';
import { listRuns } from '../projections/runs/queries.ts';
import type { Embedder } from './activities/memory/embedder.ts';
import { createHashingEmbedder } from './activities/memory/hashing-embedder.ts';
import { createOpenAiEmbedder } from './activities/memory/openai-embedder.ts';
import { createReasoningProviders, type ProviderRegistry } from './activities/providers/create-provider.ts';
import type { EmailOutbox } from './activities/tools/email-outbox.ts';
import { createToolRegistry, type ToolRegistry } from './activities/tools/registry.ts';
import { type AgentService, createAgentService } from './application/agent-service.ts';
import { seedDemoAgent } from './application/demo-seed.ts';
import { failUndrivableRun } from './application/fail-undrivable-run.ts';
import { createForkService, type ForkService } from './application/fork-service.ts';
import { createIntegrationsService, type IntegrationsService } from './application/integrations.ts';
import { createPolicyLoader, seedDefaultPolicy } from './application/policies.ts';
import { createPolicyService, type PolicyService } from './application/policy-service.ts';
import { createRunDriver } from './application/run-driver.ts';
import { createRunLeases } from './application/run-leases.ts';
import { createRunScheduler, type DriveResult, type RunScheduler } from './application/run-scheduler.ts';
import { createRunService, type RunService } from './application/run-service.ts';
import { createSqlOutbox } from './application/sql-outbox.ts';
import { type AuthService, createAuthService } from './auth/auth-service.ts';
import { parseTrustedProxies } from './auth/client-address.ts';
import { ensureEmbeddedSecret } from './auth/embedded-secret.ts';
import { recordLoginThrottled } from './auth/login-audit.ts';
import type { Config } from './config.ts';
import { type Api, createApi } from './graphql/api.ts';
import type { ListOutbox } from './graphql/context.ts';
import { createEventHub, type EventHub } from './graphql/live/event-hub.ts';
import { createHealthRoutes } from './http/health-routes.ts';
import type { Route } from './http/http-server.ts';
import { createLogger, type Logger } from './logger.ts';
import { openPlatformStorage, type PlatformOverrides, singleProviderRegistry } from './platform-overrides.ts';
import { createReadSide, type ReadSide } from './read/read-side.ts';
import type { Storage } from './storage.ts';
import { AGENT_EMAIL_FROM, builtinToolDetails, createPlatformTools } from './tools.ts';

export type { PlatformOverrides } from './platform-overrides.ts';

/** Everything one server process runs, built once from the configuration (and a test's overrides). */
export interface Platform {
  config: Config;
  logger: Logger;
  storage: Storage;
  projections: ProjectionRunner;
  tools: ToolRegistry;
  providers: ProviderRegistry;
  embedder: Embedder;
  agents: AgentService;
  runs: RunService;
  policies: PolicyService;
  forks: ForkService;
  scheduler: RunScheduler;
  /** Drives one run in this process until it waits or ends (the scheduler's work; tests without a worker call it). */
  drive(runId: string, signal: AbortSignal): Promise<DriveResult>;
  outbox: EmailOutbox;
  /** What this process is connected to: providers, tools, MCP servers (live), SMTP. */
  integrations: IntegrationsService;
  /** Accounts and tokens. */
  auth: AuthService;
  /** The one live tail of the event log in this process. */
  hub: EventHub;
  /** Every view of runs, steps, approvals, agents, memories and events, and the live streams. */
  read: ReadSide;
  /** GraphQL, REST, /metrics and graphql-ws. */
  api: Api;
  /** /health, /ready and the API's routes, for `createHttpServer` (the console route is the caller's). */
  routes: Route[];
  /** The demo agent's id when this start seeded it or found it. */
  demoAgentId: string | null;
  /** Stops the scheduler, the API's live tail and projections; closes what the platform opened. */
  close(): Promise<void>;
}

const ACTIVE_STATUSES = ['QUEUED', 'RUNNING', 'WAITING_FOR_APPROVAL'] as const;

/**
 * Builds and starts the platform: storage, projections, tools, providers, embedder, services,
 * scheduler, auth and API. `server/main.ts` calls it with the configuration; tests and benches call it
 * with overrides (a fake model, a database, a clock...) and never wire services themselves.
 * @throws DataDirLockedError when another process holds DATA_DIR (nothing in it is changed).
 */
export async function createPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const logger =
    overrides.logger ?? createLogger({ level: config.logLevel, fields: { service: 'spark-ops' } });
  const storage = await openPlatformStorage(config, overrides, logger);
  const { store, db } = storage;
  const projections = createProjectionRunner({
    store,
    db,
    projections: allProjections,
    logger: logger.child({ component: 'projections' }),
    ...(overrides.projections?.maxBatchMs !== undefined
      ? { maxBatchMs: overrides.projections.maxBatchMs }
      : {}),
  });
  if (overrides.projections?.run !== false) await projections.start();
  else for (const projection of allProjections) await projection.migrate(db, LIVE_TABLES, { logger });
  const outbox = await createSqlOutbox(db);
  const { tools, mcpServers } = await createTools(config, overrides, outbox, logger);
  const configured = createReasoningProviders({
    openaiApiKey: config.openaiApiKey,
    openaiBaseUrl: config.openaiBaseUrl,
    anthropicApiKey: config.anthropicApiKey,
    anthropicBaseUrl: config.anthropicBaseUrl,
  });
  const base = overrides.providers ?? configured;
  const providers = overrides.reasoning ? singleProviderRegistry(overrides.reasoning, base) : base;
  const embedder = overrides.embedder ?? createEmbedder(config, logger);
  await seedDefaultPolicy(store);
  const agents = createAgentService({ store, toolNames: () => tools.describe().map((tool) => tool.name) });
  const driver = createRunDriver({
    store,
    providers,
    tools,
    embedder,
    recallMemories: async (agentId, vector, model) =>
      (await searchMemories(db, { agentId, vector, model, limit: 5 })).map((match) => ({
        text: match.text,
        score: 1 - match.distance,
      })),
    loadPolicies: createPolicyLoader(store),
    approvals: overrides.approvals ?? {},
    logger: logger.child({ component: 'engine' }),
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
  });
  const leases = await createRunLeases({ db, owner: `worker-${randomUUID()}`, leaseMs: 30_000 });
  const scheduler = createRunScheduler({
    leases,
    findCandidates: async (limit) =>
      (
        await listRuns(db, { status: ACTIVE_STATUSES }, { first: Math.min(200, Math.max(1, limit)) })
      ).items.map((run) => ({ runId: run.id, revision: run.lastRevision })),
    drive: (runId, signal) => driver.drive(runId, signal),
    giveUp: (runId, failure) => failUndrivableRun(store, runId, failure),
    concurrency: overrides.scheduler?.concurrency ?? 16,
    pollMs: overrides.scheduler?.pollMs ?? 500,
    renewMs: 10_000,
    logger: logger.child({ component: 'scheduler' }),
  });
  const worker = overrides.worker !== false;
  // Without a worker nothing is driven here: a nudge would start the scheduler's scan anyway.
  const onRunnable = (runId: string) => {
    if (worker) scheduler.nudge(runId);
    overrides.onRunnable?.(runId);
  };
  const runs = createRunService({ store, agents, tools, onRunnable });
  const forks = createForkService({ store, runs, onRunnable });
  const policies = createPolicyService({ store });
  const seedDemo =
    overrides.seedDemo ?? (!overrides.tools && !config.openaiApiKey && !config.anthropicApiKey);
  const demoAgentId = seedDemo ? await seedDemoAgent(store, tools) : null;
  const integrations = createIntegrationsService({
    providers,
    tools,
    embedder,
    llm: { openaiBaseUrl: config.openaiBaseUrl, anthropicBaseUrl: config.anthropicBaseUrl },
    smtp: { url: config.smtpUrl, from: AGENT_EMAIL_FROM },
    mcpServers,
    toolDetails: overrides.tools ? {} : builtinToolDetails(config),
  });
  const auth = createAuthService({
    db,
    jwt: { secret: config.jwtSecret ?? ensureEmbeddedSecret(config.dataDir) },
    onLoginThrottled: recordLoginThrottled(store),
  });
  await auth.migrate();
  // The one live tail of the log in this process, and the one read side over it.
  const hub = createEventHub({
    store,
    logger: logger.child({ component: 'api' }),
    ...(overrides.limits?.slowConsumer ? { slowConsumer: overrides.limits.slowConsumer } : {}),
  });
  await hub.start();
  const read = createReadSide({ db, store, hub, embedder });
  const api = await createApi({
    db,
    store,
    agents,
    runs,
    policies,
    forks,
    hub,
    read,
    projections,
    embedder,
    tools,
    providers,
    integrations,
    listOutbox: outboxLister(outbox),
    auth,
    production: !config.graphqlIntrospection,
    metrics: { public: config.metricsPublic, token: config.metricsToken },
    trustedProxies: parseTrustedProxies(config.trustedProxies),
    logger,
    ...(overrides.limits ? { limits: overrides.limits } : {}),
  });
  if (worker) scheduler.start();
  const routes: Route[] = [
    ...createHealthRoutes({
      db,
      store,
      projectionStatus: async () =>
        (await projections.status()).map((s) => ({
          name: s.projection,
          eventsBehind: s.eventsBehind,
          caughtUp: s.caughtUp,
        })),
    }),
    ...api.routes,
  ];
  return {
    config,
    logger,
    storage,
    projections,
    tools,
    providers,
    embedder,
    agents,
    runs,
    policies,
    forks,
    scheduler,
    drive: (runId, signal) => driver.drive(runId, signal),
    outbox,
    integrations,
    auth,
    hub,
    read,
    api,
    routes,
    demoAgentId,
    async close() {
      await scheduler.stop();
      // The live tail first: it ends every subscription, which the API's close waits for.
      await hub.stop();
      await api.close();
      await projections.stop();
      await tools.close();
      await storage.close();
    },
  };
}

/** The built-in tools and MCP_SERVERS, or the tools a test passes. */
async function createTools(
  config: Config,
  overrides: PlatformOverrides,
  outbox: EmailOutbox,
  logger: Logger,
) {
  if (overrides.tools) {
    const reported = overrides.mcpServers ?? [];
    return { tools: createToolRegistry(overrides.tools), mcpServers: () => reported };
  }
  const { registry, mcp } = await createPlatformTools(config, outbox, logger);
  return { tools: registry, mcpServers: () => mcp.status() };
}

function createEmbedder(config: Config, logger: Logger): Embedder {
  if (config.openaiApiKey)
    return createOpenAiEmbedder({
      apiKey: config.openaiApiKey,
      ...(config.openaiBaseUrl ? { baseURL: config.openaiBaseUrl } : {}),
    });
  logger.info(
    'memories use the local hashing embedder (local-hashing-v1): set OPENAI_API_KEY for semantic embeddings',
  );
  return createHashingEmbedder();
}

/** The outbox page the console's outbox view reads, newest first. */
function outboxLister(outbox: EmailOutbox): ListOutbox {
  return async (page) => {
    const size = Math.min(200, page.first ?? 20);
    const messages = await outbox.list({ limit: size + 1 });
    const items = messages.slice(0, size).map((m) => ({ ...m, createdAt: new Date(m.sentAt) }));
    return { items, endCursor: null, hasNextPage: messages.length > size };
  };
}
