// `npm run replay-check -- <fixture-or-folder>... [--agent <id>[@<version>]]`: runs as regression
// tests (README "Runs as regression tests"). Each fixture (`exportRun`) is replayed against this
// engine with a model that answers from the recording while the agent asks the same thing, and tools
// that answer from the recording; nothing outside is called. With --agent, that agent version is read
// from the configured DATA_DIR / DATABASE_URL, and so are the policies its ids name.
import { loadPgParser } from '../server/activities/sql/pg-parser.ts';
import { checkFixture, type FixtureCheckOptions } from '../server/analysis/check-fixture.ts';
import {
  fixtureFiles,
  formatVerdict,
  parseReplayCheckArgs,
  REPLAY_CHECK_USAGE,
  type ReplayCheckArgs,
  readFixture,
} from '../server/analysis/replay-check.ts';
import { loadAgentVersion } from '../server/application/agent-versions.ts';
import { createPolicyLoader } from '../server/application/policies.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { openStorage } from '../server/storage.ts';

/** The agent and policies to check with, from the deployment's storage (only with --agent). */
async function deploymentOptions(agent: NonNullable<ReplayCheckArgs['agent']>): Promise<FixtureCheckOptions> {
  const config = loadConfig(process.env);
  const storage = await openStorage(config, createLogger({ level: 'error' }));
  try {
    const state = await loadAgentVersion(storage.store, agent.id, agent.version);
    const policies = await createPolicyLoader(storage.store)(state.config.policyIds);
    return { agent: { version: state.version, config: state.config }, policies };
  } finally {
    await storage.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: ReplayCheckArgs;
  let files: string[];
  try {
    args = parseReplayCheckArgs(argv);
    files = args.paths.flatMap(fixtureFiles);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${REPLAY_CHECK_USAGE}\n`);
    return 2;
  }
  const options: FixtureCheckOptions = {
    ...(args.agent ? await deploymentOptions(args.agent) : {}),
    parseSql: await loadPgParser(),
  };
  let status = 0;
  for (const file of files) {
    try {
      const outcome = checkFixture(readFixture(file), options);
      process.stdout.write(`${formatVerdict(file, outcome)}\n`);
      if (!outcome.matched) status = Math.max(status, 1);
    } catch (error) {
      process.stdout.write(`error  ${file}: ${(error as Error).message}\n`);
      status = 2;
    }
  }
  if (files.length === 0) {
    process.stderr.write('no fixture (*.json) found\n');
    return 2;
  }
  return status;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
