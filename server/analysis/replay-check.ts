// The parts of `npm run replay-check` that are not process plumbing: arguments, the fixture files
// of a folder, and the one line (or three) each verdict prints.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayOutcome } from './replay-history.ts';
import { RunFixture } from './run-fixture.ts';

export const REPLAY_CHECK_USAGE = `usage: npm run replay-check -- <fixture-or-folder>... [--agent <id>[@<version>]]
  Replays each run fixture (exportRun) against the current engine and prints one verdict per fixture:
  "same", or "diverged at step n" with the recorded event and what the engine decides now.
  --agent <id>[@<version>]  check that agent version (from DATA_DIR / DATABASE_URL) instead of the
                            fixture's own agent config
  Exit status: 0 all same, 1 any divergence, 2 bad arguments or an unreadable fixture.`;

export interface ReplayCheckArgs {
  paths: string[];
  agent: { id: string; version?: number } | null;
}

/** @throws Error with a message for the user (print it with the usage). */
export function parseReplayCheckArgs(argv: readonly string[]): ReplayCheckArgs {
  const paths: string[] = [];
  let agent: ReplayCheckArgs['agent'] = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--agent') {
      const value = argv[++i];
      const match = value === undefined ? null : /^([^@\s]+)(?:@(\d+))?$/.exec(value);
      if (!match) throw new Error('--agent takes <id> or <id>@<version>');
      agent = { id: match[1] as string, ...(match[2] ? { version: Number(match[2]) } : {}) };
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) throw new Error('give at least one fixture file or folder');
  return { paths, agent };
}

/** The fixture files a path names: the file itself, or every `*.json` under a folder, sorted. */
export function fixtureFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => join(path, file));
}

/** @throws Error saying what is wrong with the file (not JSON, not a fixture of a known version). */
export function readFixture(file: string): RunFixture {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const parsed = RunFixture.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `not a run fixture (format spark-ops/run-fixture, version 1): ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
  );
}

/** One verdict: `same  <file>  (…)`, or `diverged at step n  <file>` and both sides. */
export function formatVerdict(file: string, outcome: ReplayOutcome): string {
  const divergence = outcome.firstDivergence;
  if (divergence === null) return `same  ${file}  (${outcome.decisionsCompared} decisions)`;
  return [
    `diverged at step ${divergence.step}  ${file}  (revision ${divergence.revision})`,
    `    recorded: ${divergence.expected}`,
    `    now:      ${divergence.actual}`,
  ].join('\n');
}
