// The whole test suite, one command: type check, lint, then every test file with vitest
// (vitest.config.ts: Node for the server, jsdom for the console's components, chromium for e2e/).
// Usage: npm test [-- filter…]  (a filter keeps the test files whose path contains it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const filters = process.argv.slice(2);
const run = (label, command, args) => {
  console.log(`# ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`# ${label} failed`);
    process.exit(result.status ?? 1);
  }
};

// The whole suite (no filter) starts with the static checks, so `npm test` is everything CI runs.
if (filters.length === 0) {
  run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  run('lint', 'npm', ['run', '--silent', 'lint']);
}
// The browser tests run against the built console: build it first, so they never test a stale one.
const wantsE2e = filters.length === 0 || filters.some((f) => 'e2e/'.includes(f) || f.startsWith('e2e'));
if (wantsE2e) run('build:client', 'npm', ['run', '--silent', 'build:client']);

if (!process.env.KURRENTDB_URL) {
  if (process.env.CI === 'true' && process.env.KURRENTDB_REQUIRED === 'true') {
    console.error('# KURRENTDB_REQUIRED=true under CI, but KURRENTDB_URL is not set');
    process.exit(1);
  }
  console.log('# KurrentDB contract suite not run: KURRENTDB_URL is not set (docker compose up kurrentdb)');
}

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
console.log('# vitest');
const result = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...filters,
  ],
  { stdio: 'inherit', env: process.env },
);
// One plain closing line that any reader of the log can count.
try {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
  if (summary.numTotalTests === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
  // Under CI nothing may be skipped silently: a skipped test is a missing prerequisite.
  if (process.env.CI === 'true' && skipped > 0) {
    console.error(`# ${skipped} tests skipped under CI=true`);
    process.exit(1);
  }
} catch (error) {
  console.error(`# no vitest report: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(result.status || 1);
}
process.exit(result.status ?? 1);
