// Runs every test file with Node's test runner (TypeScript through tsx). Usage: npm test [-- filter]
// Files: *.test.ts (pure logic), *.int.test.ts (real PostgreSQL server and PGlite) and
// e2e/*.e2e.test.ts (the built console in Debian's chromium against the real server on PGlite).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['server', 'projections', 'schema', 'bench', 'scripts', 'client', 'e2e'];
const skip = new Set(['node_modules', 'data', 'dist', 'gql']);
const filters = process.argv.slice(2);

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (skip.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (/\.test\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

const files = roots
  .flatMap((root) => collect(root, []))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
// The whole suite (no filter) starts with the static checks, so `npm test` is everything CI runs.
if (filters.length === 0) {
  for (const [label, args] of [
    ['typecheck', ['run', 'typecheck']],
    ['lint', ['run', 'lint']],
  ]) {
    console.log(`# ${label}`);
    const check = spawnSync('npm', args, { stdio: 'inherit', env: process.env });
    if (check.status !== 0) {
      console.error(`# ${label} failed`);
      process.exit(check.status ?? 1);
    }
  }
}
// The browser tests run against the built console: build it first, so they never test a stale one.
if (files.some((file) => file.startsWith('e2e'))) {
  console.log('# build:client');
  const build = spawnSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) {
    console.error('# build:client failed');
    process.exit(build.status ?? 1);
  }
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
