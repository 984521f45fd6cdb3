import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createFirstAdmin } from './auth/first-admin.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { createConsoleRoute } from './http/console-route.ts';
import { createHttpServer, type Route, sendJson } from './http/http-server.ts';
import { createLogger } from './logger.ts';
import { createPlatform } from './platform.ts';

/** A start that cannot go on: one line on stderr, no stack trace, a non-zero exit. */
function refuse(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Listens on PORT before anything is opened or written, so a port in use changes nothing. */
async function listenFirst(server: Server, config: Config): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      refuse(`Port ${config.port} on ${config.host} is already in use: stop the other server or set PORT`, 3);
    if (error.code === 'EACCES')
      refuse(
        `Port ${config.port} on ${config.host} needs privileges this process lacks: set PORT above 1023`,
        3,
      );
    if (error.code === 'EADDRNOTAVAIL')
      refuse(`HOST ${config.host} is not an address of this machine: set HOST (e.g. 127.0.0.1)`, 3);
    throw error;
  });
}

// The composition root: the only place that reads the environment.
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // One bad setting is one line (a supervisor's log shows it whole); several are listed.
    if (error instanceof ConfigError)
      refuse(error.problems.length === 1 ? `Invalid configuration: ${error.problems[0]}` : error.message, 2);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, fields: { service: 'spark-ops' } });
  // Until the platform is up every request is told so; the routes are swapped in below.
  const starting: Route = (_request, response) => {
    sendJson(response, 503, { error: 'STARTING', message: 'Spark-Ops is starting' });
    return true;
  };
  const routes: Route[] = [starting];
  const server = createHttpServer({ logger, routes });
  await listenFirst(server, config);

  const platform = await createPlatform(config, { logger }).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) refuse(error.message, 4);
    throw error;
  });
  const { api } = platform;
  const serving = config.roles.includes('api');
  // Without `api` the port answers only /health and /ready (platform.routes), for probes.
  routes.splice(
    0,
    routes.length,
    ...platform.routes,
    ...(serving
      ? [createConsoleRoute({ distDir: fileURLToPath(new URL('../client/dist', import.meta.url)) })]
      : []),
  );
  if (serving) {
    api.attachWebSockets(server);
    const firstAdmin = await createFirstAdmin({ auth: api.auth, baseUrl: `http://localhost:${config.port}` });
    if (firstAdmin) {
      process.stdout.write(
        `\nFirst start: log in as ${firstAdmin.email} with this one-time link:\n  ${firstAdmin.loginUrl}\n\n`,
      );
    }
  }
  logger.info(
    serving
      ? `Spark-Ops listening on http://localhost:${config.port} (console: /maestro)`
      : `Spark-Ops ${config.roles.join(', ')} running; /health and /ready on port ${config.port}`,
    {
      roles: config.roles,
      process: platform.processId,
      storage: platform.storage.mode,
      demoAgent: platform.demoAgentId,
    },
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    server.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
