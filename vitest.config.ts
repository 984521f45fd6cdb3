// Vitest: server, projection, schema and script tests in Node; the console's component tests in jsdom;
// the browser tests (e2e/) drive Debian's chromium against the real server. `npm test` runs them all.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Integration tests start databases, workers and browsers: a per-test budget of seconds is too tight
// on a busy 2-core machine. Slow tests are found by benchmarks, never by timeouts.
const generous = { testTimeout: 300_000, hookTimeout: 300_000 };

// Tests that start whole clusters of processes, and the one that restarts the shared PostgreSQL
// server. scripts/test.mjs (SPARK_TEST_PHASE) runs the clusters one file at a time beside the rest
// (two clusters of six processes each starting together on two cores time out), then the restart
// alone, last: restarting PostgreSQL under another file's tests would fail those.
const postgresRestartTests = ['chaos/postgres-restart.int.test.ts'];
const clusterTests = [
  // Not a cluster, but twelve SIGKILLed server starts in a row: beside the rest it runs alone.
  'server/durability.int.test.ts',
  'chaos/**/*.test.ts',
  'server/cluster/*-kill.int.test.ts',
  'scripts/cluster.int.test.ts',
  'bench/soak.int.test.ts',
];
const phase = process.env.SPARK_TEST_PHASE;
const NODE_DIRS = '{server,projections,schema,bench,scripts,e2e,sdk,chaos}';
const kurrentExclude = process.env.KURRENTDB_URL ? [] : ['**/kurrentdb-event-store.int.test.ts'];

export default defineConfig({
  // graphql 16 ships a CJS (`main`) and an ESM (`module`) build. Node (and so yoga and Pothos) loads
  // `main`; Vite would pick `module` for our code, and two GraphQLError classes would mask every
  // expected error. Resolve it as Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: fileURLToPath(import.meta.resolve('graphql')) }] },
  test: {
    ...generous,
    // Two files at a time, as the machines have two cores (scripts/test.mjs runs the cluster tests
    // beside them, one at a time); tests within a file run in order.
    maxWorkers: 2,
    pool: 'forks',
    passWithNoTests: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // One module graph per worker, not one per file: PGlite's WebAssembly is compiled once per
          // worker instead of once per file, and imports are paid once (the suite's time halves). No
          // server module keeps process-wide state (no process listeners, no global providers).
          isolate: false,
          include:
            phase === 'cluster'
              ? clusterTests
              : phase === 'restart'
                ? postgresRestartTests
                : [`${NODE_DIRS}/**/*.test.ts`],
          // KurrentDB cannot run on our machines: its contract suite runs wherever KURRENTDB_URL is
          // set, and scripts/test.mjs says loudly when it is not (or fails, with KURRENTDB_REQUIRED).
          exclude:
            phase === 'main'
              ? [...kurrentExclude, ...clusterTests]
              : phase === 'cluster'
                ? [...kurrentExclude, ...postgresRestartTests]
                : kurrentExclude,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'console',
          environment: 'jsdom',
          // One jsdom per worker, not per file (Testing Library cleans the document after each test).
          isolate: false,
          include: ['client/src/**/*.test.{ts,tsx}'],
          setupFiles: ['client/src/test-setup.ts'],
        },
      },
    ],
  },
});
