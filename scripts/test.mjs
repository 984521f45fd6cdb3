// The whole test suite, one command: type check, lint, then every test file with vitest
// (vitest.config.ts: Node for the server, jsdom for the console's components, chromium for e2e/).
// Usage: npm test [-- filter…]  (a filter keeps the test files whose path contains it).
import { spawn, spawnSync } from 'node:child_process';
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
const wantsE2e =
  filters.length === 0 ||
  filters.some((f) => 'e2e/'.includes(f) || f.startsWith('e2e') || f.startsWith('chaos'));
if (wantsE2e) run('build:client', 'npm', ['run', '--silent', 'build:client']);

if (!process.env.KURRENTDB_URL) {
  if (process.env.CI === 'true' && process.env.KURRENTDB_REQUIRED === 'true') {
    console.error('# KURRENTDB_REQUIRED=true under CI, but KURRENTDB_URL is not set');
    process.exit(1);
  }
  console.log('# KurrentDB contract suite not run: KURRENTDB_URL is not set (docker compose up kurrentdb)');
}

mkdirSync('test-results', { recursive: true });

// Three runs of vitest (vitest.config.ts, SPARK_TEST_PHASE, says why): everything else two files
// at a time and, beside it, the cluster tests one file at a time (their output is held back and
// printed when they end, so the two logs do not interleave); then the PostgreSQL restart, alone.
const vitest = (phase, args, holdOutput) =>
  new Promise((resolve) => {
    const report = `test-results/vitest-${phase}.json`;
    const child = spawn(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
        // A filter may match files of one phase only.
        ...(filters.length > 0 ? ['--passWithNoTests'] : []),
        ...args,
        ...filters,
      ],
      {
        stdio: holdOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
        env: { ...process.env, SPARK_TEST_PHASE: phase, ...(holdOutput ? { FORCE_COLOR: '1' } : {}) },
      },
    );
    const held = [];
    child.stdout?.on('data', (chunk) => held.push(chunk));
    child.stderr?.on('data', (chunk) => held.push(chunk));
    child.on('close', (code) => {
      if (holdOutput) process.stdout.write(`# vitest (${phase})\n${Buffer.concat(held).toString()}`);
      resolve({ phase, report, status: code ?? 1 });
    });
  });

console.log('# vitest (main, with the cluster tests beside it)');
const results = await Promise.all([
  vitest('main', [], false),
  vitest('cluster', ['--project', 'node', '--no-file-parallelism'], true),
]);
console.log('# vitest (restart)');
results.push(await vitest('restart', ['--project', 'node', '--no-file-parallelism'], false));

const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
// Every failure again at the very end: a CI log is often read from its tail only, and the cluster
// phase's output is printed in the middle of the main phase's.
const failures = [];
let status = 0;
for (const result of results) {
  try {
    const summary = JSON.parse(readFileSync(result.report, 'utf8'));
    for (const file of summary.testResults) {
      const failed = file.assertionResults.filter((test) => test.status === 'failed');
      for (const test of failed)
        failures.push(
          `${result.phase} · ${file.name} > ${test.fullName}\n${test.failureMessages.join('\n')}`,
        );
      if (failed.length === 0 && file.status === 'failed')
        failures.push(`${result.phase} · ${file.name}\n${file.message}`);
    }
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + summary.numTodoTests;
    totals.total += summary.numTotalTests;
  } catch (error) {
    console.error(
      `# no vitest report for ${result.phase}: ${error instanceof Error ? error.message : String(error)}`,
    );
    status ||= 1;
  }
  status ||= result.status;
  // vitest also fails a run on an error outside any test (an unhandled rejection): say so here.
  if (result.status !== 0 && !failures.some((failure) => failure.startsWith(`${result.phase} · `)))
    failures.push(
      `${result.phase} · vitest exited ${result.status} with no failed test: see its "Errors" section above`,
    );
}
for (const failure of failures) {
  // The message and the first frames: enough to name the cause, short enough for a log's tail.
  const lines = failure
    .replaceAll(`${process.cwd()}/`, '')
    .split('\n')
    .filter((line) => !/node_modules\/|new Promise \(<anonymous>\)/.test(line));
  console.log(`# FAILED ${lines.slice(0, 20).join('\n')}\n`);
}
// One plain closing line that any reader of the log can count.
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.total === 0) {
  console.error('No test ran.');
  process.exit(1);
}
// Under CI nothing may be skipped silently: a skipped test is a missing prerequisite.
if (process.env.CI === 'true' && totals.skipped > 0) {
  console.error(`# ${totals.skipped} tests skipped under CI=true`);
  process.exit(1);
}
process.exit(status);
