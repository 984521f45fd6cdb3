import { fileURLToPath } from 'node:url';
import { createPolicyService } from './application/policy-service.ts';
import { ensureEmbeddedSecret } from './auth/embedded-secret.ts';
import { createFirstAdmin } from './auth/first-admin.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createApi } from './graphql/api.ts';
import { createConsoleRoute } from './http/console-route.ts';
import { createHealthRoutes } from './http/health-routes.ts';
import { createHttpServer } from './http/http-server.ts';
import { createLogger } from './logger.ts';
import { startPlatform } from './platform.ts';

// The composition root: the only place that reads the environment.
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, fields: { service: 'spark-ops' } });
  const platform = await startPlatform(config, logger);
  const { storage, projections } = platform;
  const api = await createApi({
    db: storage.db,
    store: storage.store,
    agents: platform.agents,
    runs: platform.runs,
    policies: createPolicyService({ store: storage.store }),
    onRunnable: (runId) => platform.scheduler.nudge(runId),
    projections,
    embedder: platform.embedder,
    tools: platform.tools,
    providers: platform.providers,
    integrations: platform.integrations,
    listOutbox: async (page) => {
      const size = Math.min(200, page.first ?? 20);
      const messages = await platform.outbox.list({ limit: size + 1 });
      const items = messages.slice(0, size).map((m) => ({ ...m, createdAt: new Date(m.sentAt) }));
      return { items, endCursor: null, hasNextPage: messages.length > size };
    },
    auth: { secret: config.jwtSecret ?? ensureEmbeddedSecret(config.dataDir) },
    production: config.production,
    logger,
  });
  const server = createHttpServer({
    logger,
    routes: [
      ...createHealthRoutes({
        db: storage.db,
        store: storage.store,
        projectionStatus: async () =>
          (await projections.status()).map((s) => ({
            name: s.projection,
            eventsBehind: s.eventsBehind,
            caughtUp: s.caughtUp,
          })),
      }),
      ...api.routes,
      createConsoleRoute({ distDir: fileURLToPath(new URL('../client/dist', import.meta.url)) }),
    ],
  });
  api.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const firstAdmin = await createFirstAdmin({ auth: api.auth, baseUrl: `http://localhost:${config.port}` });
  if (firstAdmin) {
    process.stdout.write(
      `\nFirst start: log in as ${firstAdmin.email} with this one-time link:\n  ${firstAdmin.loginUrl}\n\n`,
    );
  }
  logger.info(`Spark-Ops listening on http://localhost:${config.port} (console: /maestro)`, {
    storage: storage.mode,
    demoAgent: platform.demoAgentId,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    server.close();
    await api.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
