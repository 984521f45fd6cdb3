// `npm run audit -- <command>`: the tamper-evident log from the shell (docs/audit-chain.md).
//   verify [--run <id>]   recompute the chains (one run's, or every stream) against the anchors;
//                         prints one JSON line and exits 1 when the log is broken
//   anchor                anchor the heads of the streams changed since the last anchor, now
// Configuration comes from the environment, as for the server (DATABASE_URL, DATA_DIR, EVENT_STORE…).
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openStorage } from '../storage.ts';
import { createAuditChainService } from './audit-chain-service.ts';

const USAGE = `usage: npm run audit -- <command>
  verify [--run <id>]   check the hash chains and anchors (exit 1 when broken)
  anchor                anchor the heads of the streams changed since the last anchor`;

/** Runs one command; returns the exit code (0 intact, 1 broken, 2 bad usage). */
export async function runAuditCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  const [command, flag, runId, ...rest] = argv;
  const verify = command === 'verify' && (flag === undefined || (flag === '--run' && runId !== undefined));
  if ((!verify && !(command === 'anchor' && flag === undefined)) || rest.length > 0) {
    out(USAGE);
    return 2;
  }
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel, fields: { component: 'audit-chain' } });
  const storage = await openStorage(config, logger);
  try {
    const chain = createAuditChainService({ store: storage.store, intervalMs: 0, logger });
    if (command === 'anchor') {
      out(JSON.stringify(await chain.anchor('cli')));
      return 0;
    }
    const record = await chain.verify({ runId: runId ?? null, by: 'cli' });
    out(JSON.stringify({ ...record, verifiedAt: record.verifiedAt.toISOString() }));
    return record.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAuditCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
