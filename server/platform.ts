import { randomUUID } from 'node:crypto';
import { allProjections } from '../projections/all-projections.ts';
import { searchMemories } from '../projections/memories/queries.ts';
import { createProjectionRunner, type ProjectionRunner } from '../projections/runner.ts';
import { listRuns } from '../projections/runs/queries.ts';
import type { Embedder } from './activities/memory/embedder.ts';
import { createHashingEmbedder } from './activities/memory/hashing-embedder.ts';
import { createOpenAiEmbedder } from './activities/memory/openai-embedder.ts';
import { createReasoningProviders, type ProviderRegistry } from './activities/providers/create-provider.ts';
import type { EmailOutbox } from './activities/tools/email-outbox.ts';
import type { McpConnections } from './activities/tools/mcp/mcp-connections.ts';
import type { ToolRegistry } from './activities/tools/registry.ts';
import { type AgentService, createAgentService } from './application/agent-service.ts';
import { seedDemoAgent } from './application/demo-seed.ts';
import { failUndrivableRun } from './application/fail-undrivable-run.ts';
import { createIntegrationsService, type IntegrationsService } from './application/integrations.ts';
import { createPolicyLoader, seedDefaultPolicy } from './application/policies.ts';
import { createRunDriver } from './application/run-driver.ts';
import { createRunLeases } from './application/run-leases.ts';
import { createRunScheduler, type RunScheduler } from './application/run-scheduler.ts';
import { createRunService, type RunService } from './application/run-service.ts';
import { createSqlOutbox } from './application/sql-outbox.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { openStorage, type Storage } from './storage.ts';
import { AGENT_EMAIL_FROM, builtinToolDetails, createPlatformTools } from './tools.ts';

/** Everything one server process runs, built from the configuration. */
export interface Platform {
  config: Config;
  storage: Storage;
  projections: ProjectionRunner;
  tools: ToolRegistry;
  providers: ProviderRegistry;
  embedder: Embedder;
  agents: AgentService;
  runs: RunService;
  scheduler: RunScheduler;
  outbox: EmailOutbox;
  /** The MCP servers of MCP_SERVERS and their connection state (retried in the background). */
  mcp: McpConnections;
  /** What this process is connected to: providers, tools, MCP servers (live), SMTP. */
  integrations: IntegrationsService;
  /** The demo agent's id when this start seeded it or found it. */
  demoAgentId: string | null;
  close(): Promise<void>;
}

const ACTIVE_STATUSES = ['QUEUED', 'RUNNING', 'WAITING_FOR_APPROVAL'] as const;

/**
 * Builds and starts the platform: storage, projections, tools, providers, services, scheduler. The
 * only caller besides tests is `server/main.ts`, the composition root.
 */
export async function startPlatform(
  config: Config,
  logger: Logger,
  options: { worker?: boolean } = {},
): Promise<Platform> {
  const storage = await openStorage(config, logger);
  const { store, db } = storage;
  const projections = createProjectionRunner({
    store,
    db,
    projections: allProjections,
    logger: logger.child({ component: 'projections' }),
  });
  await projections.start();
  const outbox = await createSqlOutbox(db);
  const { registry: tools, mcp } = await createPlatformTools(config, outbox, logger);
  const providers = createReasoningProviders({
    openaiApiKey: config.openaiApiKey,
    openaiBaseUrl: config.openaiBaseUrl,
    anthropicApiKey: config.anthropicApiKey,
    anthropicBaseUrl: config.anthropicBaseUrl,
  });
  const embedder: Embedder = config.openaiApiKey
    ? createOpenAiEmbedder({
        apiKey: config.openaiApiKey,
        ...(config.openaiBaseUrl ? { baseURL: config.openaiBaseUrl } : {}),
      })
    : createHashingEmbedder();
  if (!config.openaiApiKey)
    logger.info(
      'memories use the local hashing embedder (local-hashing-v1): set OPENAI_API_KEY for semantic embeddings',
    );
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
    approvals: {},
    logger: logger.child({ component: 'engine' }),
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
    concurrency: 16,
    pollMs: 500,
    renewMs: 10_000,
    logger: logger.child({ component: 'scheduler' }),
  });
  const runs = createRunService({ store, agents, tools, onRunnable: (runId) => scheduler.nudge(runId) });
  if (options.worker !== false) scheduler.start();
  const demoAgentId =
    config.openaiApiKey || config.anthropicApiKey ? null : await seedDemoAgent(store, tools);
  const integrations = createIntegrationsService({
    providers,
    tools,
    embedder,
    llm: { openaiBaseUrl: config.openaiBaseUrl, anthropicBaseUrl: config.anthropicBaseUrl },
    smtp: { url: config.smtpUrl, from: AGENT_EMAIL_FROM },
    mcpServers: () => mcp.status(),
    toolDetails: builtinToolDetails(config),
  });
  return {
    config,
    storage,
    projections,
    tools,
    providers,
    embedder,
    agents,
    runs,
    scheduler,
    outbox,
    mcp,
    integrations,
    demoAgentId,
    async close() {
      await scheduler.stop();
      await projections.stop();
      await tools.close();
      await storage.close();
    },
  };
}
