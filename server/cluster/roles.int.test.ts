// SPARK_ROLES on real processes: a bad value is one line and a non-zero exit; a process without
// `api` answers /health and /ready (with its roles and leases) and nothing else; the projections
// CLI's status names the owner of every lease.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freePort } from '../../e2e/harness.ts';
import { allProjections } from '../../projections/all-projections.ts';
import { createTestDatabase, type TestDatabase } from '../testkit/postgres.ts';
import { startServerExpectingExit } from '../testkit/server-process.ts';
import { type RoleProcess, startRole, waitUntil } from './role-processes.ts';

async function projectionsCli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'projections/cli.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

describe('SPARK_ROLES', () => {
  let test: TestDatabase;
  const processes: RoleProcess[] = [];
  beforeAll(async () => {
    test = await createTestDatabase('spark_roles');
  });
  afterAll(async () => {
    for (const child of processes) await child.kill();
    await test.drop();
  });

  it('refuses an unknown role with one line on stderr and exit code 2', async () => {
    const result = await startServerExpectingExit(
      { DATABASE_URL: test.url, SPARK_ROLES: 'api,scheduler', LOG_LEVEL: 'info' },
      await freePort(),
      // Loading the server under a busy machine's load can take a minute before it reads its config.
      180_000,
    );
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'Invalid configuration: SPARK_ROLES: must be any of api, worker, projections, comma-separated (e.g. api,worker); "scheduler" is not a role\n',
    );
    assert.equal(result.stdout, '');
  });

  it('a worker and a projections process started together serve /health and /ready with their leases, not the API', async () => {
    const env = { DATABASE_URL: test.url, LOG_LEVEL: 'error', PROJECTION_LEASE: '2s' };
    // Started together on an empty database: their migrations and seeds must not race.
    const [projections, worker] = await Promise.all([
      startRole(env, 'projections'),
      startRole(env, 'worker'),
    ]);
    processes.push(projections, worker);

    for (const child of [worker, projections]) {
      assert.equal((await fetch(`${child.url}/health`)).status, 200);
      const graphql = await fetch(`${child.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      assert.equal(graphql.status, 404, `${child.roles} serves no GraphQL`);
      assert.equal((await fetch(`${child.url}/metrics`)).status, 404, `${child.roles} serves no /metrics`);
    }
    const workerReady = await worker.readiness();
    assert.equal(workerReady.ready, true);
    assert.deepEqual(workerReady.roles, ['worker']);
    assert.equal(workerReady.leases?.owner.split(':')[1], String(worker.child.pid));
    assert.deepEqual(workerReady.leases?.projections, []);
    assert.equal(workerReady.leases?.runs, 0);

    const held = await waitUntil(
      'the projections process to hold every projection',
      async () => {
        const ready = await projections.readiness();
        return ready.leases?.projections.length === allProjections.length ? ready : undefined;
      },
      30_000,
    );
    assert.deepEqual(held.roles, ['projections']);
    const owner = held.leases?.owner as string;
    assert.equal(owner.split(':')[1], String(projections.child.pid));
    assert.ok(held.leases?.projections.every((lease) => lease.epoch >= 1));

    const status = await projectionsCli(env, 'status');
    assert.equal(status.code, 0, status.stderr);
    const lines = status.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { projection?: string; lease?: { owner: string; live: boolean } });
    const projectionLines = lines.filter((line) => line.projection);
    assert.deepEqual(
      projectionLines.map((line) => line.projection),
      allProjections.map((projection) => projection.name),
    );
    assert.ok(
      projectionLines.every((line) => line.lease?.owner === owner && line.lease.live),
      status.stdout,
    );
  }, 180_000);
});
