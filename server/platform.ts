import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { allProjections } from '../projections/all-projections.ts';
import { migrateCheckpoints } from '../projections/checkpoints.ts';
import { createMemorySearchQueue } from '../projections/memories/search-queue.ts';
import { LIVE_TABLES } from '../projections/projection.ts';
import { createProjectionRunner, type ProjectionRunner } from '../projections/runner.ts';
import { listRuns } from '../projections/runs/queries.ts';
import type { Embedder } from './activities/memory/embedder.ts';
import { createHashingEmbedder } from './activities/memory/hashing-embedder.ts';
import { createOpenAiEmbedder } from './activities/memory/openai-embedder.ts';
import { createReasoningProviders, type ProviderRegistry } from './activities/providers/create-provider.ts';
import type { EmailOutbox } from './activities/tools/email-outbox.ts';
import { createToolRegistry, type ToolRegistry } from './activities/tools/registry.ts';
import { type AnalysisService, createAnalysisService } from './analysis/analysis-service.ts';
import { createEvaluationDriver, type EvaluationDriver } from './analysis/evaluation/evaluation-driver.ts';
import { createEvaluationService, type EvaluationService } from './analysis/evaluation/evaluation-service.ts';
import { type AgentService, createAgentService } from './application/agent-service.ts';
import { createCommandHandler } from './application/command-handler.ts';
import { seedDemoAgent } from './application/demo-seed.ts';
import { failUndrivableRun } from './application/fail-undrivable-run.ts';
import { createForkService, type ForkService } from './application/fork-service.ts';
import { createIntegrationsService, type IntegrationsService } from './application/integrations.ts';
import { createCachedPolicyLoader, createPolicyLoader, seedDefaultPolicy } from './application/policies.ts';
import { createPolicyService, type PolicyService } from './application/policy-service.ts';
import { createRunDriver } from './application/run-driver.ts';
import { createRunLeases } from './application/run-leases.ts';
import { createRunScheduler, type DriveResult, type RunScheduler } from './application/run-scheduler.ts';
import { createRunService, type RunService } from './application/run-service.ts';
import { createSqlOutbox } from './application/sql-outbox.ts';
import { type AuditChainService, createAuditChainService } from './audit-chain/audit-chain-service.ts';
import { type AuthService, createAuthService } from './auth/auth-service.ts';
import { parseTrustedProxies } from './auth/client-address.ts';
import { ensureEmbeddedSecret } from './auth/embedded-secret.ts';
import { recordAccountEvents } from './auth/login-audit.ts';
import { readHeldLeases } from './cluster/lease-report.ts';
import type { Config, Role } from './config.ts';
import { type Api, createApi } from './graphql/api.ts';
import type { ListOutbox } from './graphql/context.ts';
import { createEventHub, type EventHub } from './graphql/live/event-hub.ts';
import { createHealthRoutes } from './http/health-routes.ts';
import type { Route } from './http/http-server.ts';
import { createLogger, type Logger } from './logger.ts';
import { createNotifications, type Notifications } from './notifications/notifications.ts';
import { createSecretBox } from './notifications/secret-box.ts';
import { openPlatformStorage, type PlatformOverrides, singleProviderRegistry } from './platform-overrides.ts';
import { createRunThoughts } from './read/live/run-thoughts.ts';
import { createReadSide, type ReadSide } from './read/read-side.ts';
import type { Storage } from './storage.ts';
import { createExportResource, createOtlpSpanExporter } from './telemetry/otlp-export.ts';
import { createRunTraceExporter, type RunTraceExporter } from './telemetry/run-trace-exporter.ts';
import { AGENT_EMAIL_FROM, builtinToolDetails, createPlatformTools } from './tools.ts';

/** The sender of notification emails. */
const NOTIFICATION_EMAIL_FROM = 'Spark-Ops <notifications@spark-ops.local>';

export type { PlatformOverrides } from './platform-overrides.ts';

/** Everything one server process runs, built once from the configuration (and a test's overrides). */
export interface Platform {
  config: Config;
  /**
   * What this process does (SPARK_ROLES): `api` serves HTTP and websockets, `worker` drives runs,
   * `projections` keeps the read models and runs the reactors. A test's `worker: false` or
   * `projections: { run: false }` takes a role away.
   */
  roles: readonly Role[];
  /** This process's owner id in every lease table (projections, runs, reactors), as /ready shows it. */
  processId: string;
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
  /** Replay, export, back-testing and diff of recorded runs (reads only). */
  analysis: AnalysisService;
  /** Datasets and evaluations; `evaluationDriver` runs and scores them (in a worker). */
  evaluations: EvaluationService;
  evaluationDriver: EvaluationDriver;
  scheduler: RunScheduler;
  /** Drives one run in this process until it waits or ends (the scheduler's work; tests without a worker call it). */
  drive(runId: string, signal: AbortSignal): Promise<DriveResult>;
  outbox: EmailOutbox;
  /** What this process is connected to: providers, tools, MCP servers (live), SMTP. */
  integrations: IntegrationsService;
  /** Accounts and tokens. */
  auth: AuthService;
  /** Notification channels and their delivery (webhooks, Slack, email). */
  notifications: Notifications;
  /** The one live tail of the event log in this process. */
  hub: EventHub;
  /** Every view of runs, steps, approvals, agents, memories and events, and the live streams. */
  read: ReadSide;
  /** GraphQL, REST, /metrics and graphql-ws. */
  api: Api;
  /** Runs exported as OpenTelemetry traces (OTLP/HTTP), when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set. */
  traceExport: RunTraceExporter | null;
  /** The tamper-evident log: anchors (periodic and on demand) and verification. */
  auditChain: AuditChainService;
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
  const roles = config.roles.filter(
    (role) =>
      !(role === 'worker' && overrides.worker === false) &&
      !(role === 'projections' && overrides.projections?.run === false),
  );
  const processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const keepsReadModels = roles.includes('projections');
  const projections = createProjectionRunner({
    store,
    db,
    projections: allProjections,
    logger: logger.child({ component: 'projections' }),
    owner: processId,
    leaseMs: config.projectionLeaseMs,
    ...(overrides.projections?.maxBatchMs !== undefined
      ? { maxBatchMs: overrides.projections.maxBatchMs }
      : {}),
  });
  // The chain's one-time migration anchor before anything else appends (docs/audit-chain.md).
  const auditChain = createAuditChainService({
    store,
    intervalMs: config.auditAnchorIntervalMs,
    logger: logger.child({ component: 'audit-chain' }),
  });
  await auditChain.start();
  if (keepsReadModels) await projections.start();
  else {
    // Another process keeps them; the tables must exist for the reads (and waits) of this one.
    await migrateCheckpoints(db);
    for (const projection of allProjections) await projection.migrate(db, LIVE_TABLES, { logger });
  }
  // The reactors (trace export, notification delivery) consume the log like projections: they run
  // with the `projections` role, each with its own lease or claim so that one process acts at a time.
  const traceExport =
    config.otelTraceExport && keepsReadModels
      ? createRunTraceExporter({
          store,
          db,
          exporter: createOtlpSpanExporter(config.otelTraceExport),
          resource: createExportResource(),
          logger: logger.child({ component: 'otel-export' }),
          owner: processId,
        })
      : null;
  if (traceExport) {
    await traceExport.start();
    logger.info('runs are exported as OpenTelemetry traces (OTLP/HTTP, endpoint from OTEL_EXPORTER_OTLP_*)', {
      protocol: config.otelTraceExport?.protocol,
    });
  }
  const outbox = await createSqlOutbox(db);
  const { tools, mcpServers } = await createTools(config, overrides, outbox, logger);
  const configured = createReasoningProviders({
    openaiApiKey: config.openaiApiKey,
    openaiBaseUrl: config.openaiBaseUrl,
    anthropicApiKey: config.anthropicApiKey,
    anthropicBaseUrl: config.anthropicBaseUrl,
    openaiCompatible: config.openaiCompatible,
  });
  const base = overrides.providers ?? configured;
  const providers = overrides.reasoning ? singleProviderRegistry(overrides.reasoning, base) : base;
  const embedder = overrides.embedder ?? createEmbedder(config, logger);
  await seedDefaultPolicy(store);
  const agents = createAgentService({
    store,
    toolNames: () => tools.describe().map((tool) => tool.name),
    llmEndpoints: () => providers.status().flatMap((status) => (status.endpoint ? [status.endpoint] : [])),
  });
  // The model's thought while it streams: from the engine here to the read side's subscribers.
  const thoughts = createRunThoughts();
  const policyLoader = createCachedPolicyLoader(store);
  const memorySearches = createMemorySearchQueue(db);
  const driver = createRunDriver({
    store,
    providers,
    thoughts,
    tools,
    embedder,
    recallMemories: async (agentId, vector, model) =>
      (await memorySearches.search({ agentId, vector, model, limit: 5 })).map((match) => ({
        memoryId: match.memoryId,
        text: match.text,
        score: 1 - match.distance,
      })),
    loadPolicies: policyLoader.load,
    approvals: overrides.approvals ?? config.approvals,
    logger: logger.child({ component: 'engine' }),
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
  });
  const leases = await createRunLeases({ db, owner: processId, leaseMs: config.runLeaseMs });
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
    renewMs: Math.floor(config.runLeaseMs / 3),
    logger: logger.child({ component: 'scheduler' }),
  });
  const worker = roles.includes('worker');
  const serving = roles.includes('api');
  // Without a worker nothing is driven here: a nudge would start the scheduler's scan anyway.
  const onRunnable = (runId: string) => {
    if (worker) scheduler.nudge(runId);
    overrides.onRunnable?.(runId);
  };
  const runs = createRunService({ store, tools, onRunnable });
  const forks = createForkService({ store, runs, onRunnable });
  const policies = createPolicyService({ store, onChanged: policyLoader.invalidate });
  const seedDemo =
    overrides.seedDemo ?? (!overrides.tools && !config.openaiApiKey && !config.anthropicApiKey);
  const demoAgentId = seedDemo ? await seedDemoAgent(store, tools) : null;
  const integrations = createIntegrationsService({
    // A connectivity check is about the configured providers, not the model a test gives agents.
    providers: base,
    tools,
    embedder,
    llm: { openaiBaseUrl: config.openaiBaseUrl, anthropicBaseUrl: config.anthropicBaseUrl },
    smtp: { url: config.smtpUrl, from: AGENT_EMAIL_FROM },
    mcpServers,
    toolDetails: overrides.tools ? {} : builtinToolDetails(config),
  });
  const platformSecret = config.jwtSecret ?? ensureEmbeddedSecret(config.dataDir);
  const auth = createAuthService({
    db,
    jwt: { secret: platformSecret },
    audit: recordAccountEvents(store),
    ...(overrides.loginThrottle ? { loginThrottle: overrides.loginThrottle } : {}),
  });
  await auth.migrate();
  const notifications = createNotifications({
    store,
    db,
    commands: createCommandHandler(store),
    box: createSecretBox(platformSecret),
    logger: logger.child({ component: 'notifications' }),
    consoleUrl: config.publicUrl ?? null,
    smtp: config.smtpUrl ? { url: config.smtpUrl, from: NOTIFICATION_EMAIL_FROM } : null,
    allowHosts: config.notificationAllowHosts,
    ...overrides.notifications,
  });
  // The reactor runs where the read models are kept (one active planner: its checkpoint fences others).
  await notifications.start({ deliver: overrides.notifications?.run ?? keepsReadModels });
  // The one live tail of the log in this process, and the one read side over it.
  const hub = createEventHub({
    store,
    logger: logger.child({ component: 'api' }),
    ...(overrides.limits?.slowConsumer ? { slowConsumer: overrides.limits.slowConsumer } : {}),
  });
  hub.observe(policyLoader.observe);
  // The API's subscriptions and the worker's policy cache follow the live tail; projections need none.
  if (serving || worker) await hub.start();
  const read = createReadSide({ db, store, hub, embedder, thoughts });
  const analysis = createAnalysisService({
    store,
    tools,
    loadPolicies: createPolicyLoader(store),
    listRuns: (filter, page) => read.runs(filter, page),
    getRun: (runId) => read.run(runId),
    listSteps: (runId, page) => read.runSteps(runId, page),
  });
  const evaluationDriver = createEvaluationDriver({
    store,
    commands: createCommandHandler(store),
    runs,
    providers,
    logger: logger.child({ component: 'evaluations' }),
  });
  const evaluations = createEvaluationService({
    store,
    commands: createCommandHandler(store),
    providers,
    onStarted: (evaluationId) => {
      if (worker) evaluationDriver.start(evaluationId);
    },
  });
  const api = await createApi({
    db,
    store,
    agents,
    runs,
    policies,
    forks,
    analysis,
    evaluations,
    hub,
    read,
    auditChain,
    projections,
    embedder,
    tools,
    providers,
    integrations,
    notifications,
    listOutbox: outboxLister(outbox),
    auth,
    production: !config.graphqlIntrospection,
    metrics: { public: config.metricsPublic, token: config.metricsToken },
    trustedProxies: parseTrustedProxies(config.trustedProxies),
    logger,
    ...(overrides.limits ? { limits: overrides.limits } : {}),
  });
  if (worker) {
    scheduler.start();
    evaluationDriver.watch(overrides.evaluations?.pollMs ?? 10_000);
  }
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
      ...(traceExport
        ? {
            reactorStatus: async () => {
              const { name, eventsBehind, caughtUp } = await traceExport.status();
              return [{ name, eventsBehind, caughtUp }];
            },
          }
        : {}),
      roles,
      leases: () => readHeldLeases(db, processId),
    }),
    // Without `api` only /health and /ready answer (a probe's port, not a second API).
    ...(serving ? api.routes : []),
  ];
  return {
    config,
    roles,
    processId,
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
    analysis,
    evaluations,
    evaluationDriver,
    scheduler,
    drive: (runId, signal) => driver.drive(runId, signal),
    outbox,
    integrations,
    auth,
    notifications,
    hub,
    read,
    api,
    traceExport,
    auditChain,
    routes,
    demoAgentId,
    async close() {
      await evaluationDriver.stop();
      await scheduler.stop();
      // The live tail first: it ends every subscription, which the API's close waits for.
      await hub.stop();
      thoughts.stop();
      await api.close();
      await notifications.stop();
      await projections.stop();
      await traceExport?.stop();
      await auditChain.stop();
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
