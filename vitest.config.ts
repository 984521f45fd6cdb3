// Vitest: server, projection, schema and script tests in Node; the console's component tests in jsdom;
// the browser tests (e2e/) drive Debian's chromium against the real server. `npm test` runs them all.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Integration tests start databases, workers and browsers: a per-test budget of seconds is too tight
// on a busy 2-core machine. Slow tests are found by benchmarks, never by timeouts.
const generous = { testTimeout: 300_000, hookTimeout: 300_000 };

export default defineConfig({
  // graphql 16 ships a CJS (`main`) and an ESM (`module`) build. Node (and so yoga and Pothos) loads
  // `main`; Vite would pick `module` for our code, and two GraphQLError classes would mask every
  // expected error. Resolve it as Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: fileURLToPath(import.meta.resolve('graphql')) }] },
  test: {
    ...generous,
    // Two files at a time, as the machines have two cores; tests within a file run in order.
    maxWorkers: 2,
    pool: 'forks',
    passWithNoTests: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['{server,projections,schema,bench,scripts,e2e,sdk}/**/*.test.ts'],
          // KurrentDB cannot run on our machines: its contract suite runs wherever KURRENTDB_URL is
          // set, and scripts/test.mjs says loudly when it is not (or fails, with KURRENTDB_REQUIRED).
          exclude: process.env.KURRENTDB_URL ? [] : ['**/kurrentdb-event-store.int.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'console',
          environment: 'jsdom',
          include: ['client/src/**/*.test.{ts,tsx}'],
          setupFiles: ['client/src/test-setup.ts'],
        },
      },
    ],
  },
});
