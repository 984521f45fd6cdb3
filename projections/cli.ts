// `npm run projections -- <command>`: the projections process (ARCHITECTURE.md §10) and its tools.
//   run              keep every read model up to date until SIGINT/SIGTERM
//   status           print each projection's checkpoint, lag and lease, then the run and reactor
//                    leases per owner: one JSON line each
//   rebuild <name>   rebuild one read model from the start of the log into new tables, then switch
// Configuration comes from the environment, as for the server (DATABASE_URL, DATA_DIR, EVENT_STORE…).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { readLeaseReport } from '../server/cluster/lease-report.ts';
import { type Config, loadConfig } from '../server/config.ts';
import { createLogger, type Logger } from '../server/logger.ts';
import { openStorage, type Storage } from '../server/storage.ts';
import { allProjections, findProjection } from './all-projections.ts';
import { migrateCheckpoints } from './checkpoints.ts';
import { rebuildProjection } from './rebuild.ts';
import { createProjectionRunner } from './runner.ts';
import { projectionStatus } from './status.ts';

const USAGE = `usage: npm run projections -- <command>
  run              keep every read model up to date until interrupted
  status           checkpoint, lag and lease of each projection; run and reactor leases
  rebuild <name>   rebuild one read model (${allProjections.map((p) => p.name).join(', ')})`;

async function run(storage: Storage, logger: Logger, config: Config): Promise<void> {
  const runner = createProjectionRunner({
    store: storage.store,
    db: storage.db,
    projections: allProjections,
    logger,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    leaseMs: config.projectionLeaseMs,
  });
  await runner.start();
  logger.info('projections running', { projections: allProjections.map((p) => p.name), mode: storage.mode });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('stopping projections');
  await runner.stop();
}

async function status(storage: Storage): Promise<void> {
  await migrateCheckpoints(storage.db);
  const statuses = await projectionStatus({
    store: storage.store,
    db: storage.db,
    projections: allProjections,
  });
  const leases = await readLeaseReport(storage.db);
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  for (const line of statuses) {
    const held = leases.projections.find((lease) => lease.projection === line.projection);
    print({
      ...line,
      lease: held
        ? { owner: held.owner, epoch: held.epoch, leaseUntil: held.leaseUntil, live: held.live }
        : null,
    });
  }
  for (const runLeases of leases.runs) print({ runLeases });
  for (const reactorLease of leases.reactors) print({ reactorLease });
}

async function rebuild(storage: Storage, logger: Logger, name: string | undefined): Promise<boolean> {
  const projection = name ? findProjection(name) : undefined;
  if (!projection) {
    process.stderr.write(`Unknown projection "${name ?? ''}".\n${USAGE}\n`);
    return false;
  }
  let reported = 0;
  const result = await rebuildProjection({
    store: storage.store,
    db: storage.db,
    projection,
    logger,
    onProgress: ({ events, position }) => {
      if (events - reported < 100_000) return;
      reported = events;
      logger.info('rebuilding', { projection: projection.name, events, position });
    },
  });
  process.stdout.write(`${JSON.stringify({ projection: projection.name, ...result })}\n`);
  return true;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, argument] = argv;
  if (command !== 'run' && command !== 'status' && command !== 'rebuild') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, fields: { component: 'projections' } });
  const storage = await openStorage(config, logger);
  try {
    if (command === 'run') await run(storage, logger, config);
    else if (command === 'status') await status(storage);
    else if (!(await rebuild(storage, logger, argument))) return 2;
    return 0;
  } finally {
    await storage.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
