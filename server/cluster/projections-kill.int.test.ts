// Chaos: the active projections process is SIGKILLed under load. The standby takes every projection
// over within 10 s (PROJECTION_LEASE 5 s + its 1 s poll), and the read models it leaves equal a clean
// rebuild of the log, row for row.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { allProjections } from '../../projections/all-projections.ts';
import { rebuildProjection } from '../../projections/rebuild.ts';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createToolRegistry } from '../activities/tools/registry.ts';
import { createAgentService } from '../application/agent-service.ts';
import { seedDefaultPolicy } from '../application/policies.ts';
import { createRunService, type RunService } from '../application/run-service.ts';
import type { EventStore } from '../eventstore/port.ts';
import { createPostgresEventStore } from '../eventstore/postgres/postgres-event-store.ts';
import type { Readiness } from '../http/health.ts';
import { silentLogger } from '../logger.ts';
import { startFakeOpenAiServer } from '../testkit/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../testkit/postgres.ts';
import { readModelRows } from '../testkit/read-models.ts';
import { type RoleProcess, reportFigure, startRole, waitUntil } from './role-processes.ts';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ALL = allProjections.map((projection) => projection.name).sort();

const holdsAll = (ready: Readiness) =>
  JSON.stringify((ready.leases?.projections ?? []).map((lease) => lease.projection).sort()) ===
  JSON.stringify(ALL);
const caughtUp = (ready: Readiness) => holdsAll(ready) && ready.projections.every((p) => p.caughtUp);

describe('chaos: SIGKILL the active projections process', () => {
  let test: TestDatabase;
  let store: EventStore;
  let runs: RunService;
  const processes: RoleProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    test = await createTestDatabase('spark_chaos_projections');
    store = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue });
    await seedDefaultPolicy(store);
    const tools = createToolRegistry([]);
    runs = createRunService({ store, tools, onRunnable: () => undefined });
  });
  afterAll(async () => {
    for (const child of processes) await child.kill();
    for (const cleanup of cleanups.reverse()) await cleanup();
    await store.close();
    await test.drop();
  });

  it('the standby takes over within 10 s; the read models equal a clean rebuild, row for row', async () => {
    const llm = await startFakeOpenAiServer({
      script: (goal) => ({ name: 'finish', arguments: { output: `${goal} done` } }),
      latencyMs: () => 50 + Math.floor(Math.random() * 200),
    });
    cleanups.push(llm.close);
    const env = {
      DATABASE_URL: test.url,
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: llm.url,
      LOG_LEVEL: 'error',
    };
    processes.push(await startRole(env, 'api,worker'));
    const active = await startRole(env, 'projections');
    processes.push(active);
    await waitUntil(
      'the first projections process to hold every lease',
      async () => (holdsAll(await active.readiness()) ? true : undefined),
      30_000,
    );
    const standby = await startRole(env, 'projections');
    processes.push(standby);
    const standbyReady = await standby.readiness();
    assert.deepEqual(standbyReady.roles, ['projections']);
    assert.deepEqual(standbyReady.leases?.projections, [], 'the second one stands by');

    // Load: agents created and updated, and runs the worker drives to completion.
    const agents = createAgentService({ store, toolNames: () => [] });
    let writing = true;
    const runIds: string[] = [];
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const { agent } = await agents.create(
          {
            name: `Chaos agent ${n}`,
            purpose: 'Load',
            llm: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0 },
            tools: [],
            systemPrompt: 'Finish at once.',
          },
          { id: 'user:test' },
        );
        if (n % 3 === 0) {
          const { runId } = await runs.start(
            { agentId: agent.agentId, inputs: { goal: `Load run ${n}` } },
            { id: 'user:test' },
          );
          runIds.push(runId);
        }
        await delay(20);
      }
    })();
    await delay(1500);
    const killedAt = Date.now();
    await active.kill();
    await delay(1500);
    writing = false;
    await writer;

    const tookOverAt = await waitUntil(
      'the standby to hold every projection lease',
      async () => (holdsAll(await standby.readiness()) ? Date.now() : undefined),
      20_000,
    );
    const caughtUpAt = await waitUntil(
      'the standby to catch up',
      async () => (caughtUp(await standby.readiness()) ? Date.now() : undefined),
      30_000,
    );
    reportFigure({ figure: 'projections-kill-takeover', projectionLease: '5s', ms: tookOverAt - killedAt });
    reportFigure({ figure: 'projections-kill-caught-up', projectionLease: '5s', ms: caughtUpAt - killedAt });
    assert.ok(tookOverAt - killedAt < 10_000, `took over ${tookOverAt - killedAt} ms after the kill`);

    // Every run finished; the standby follows the last events; then everything stops.
    await waitUntil(
      'every run to complete',
      async () => {
        const states = await Promise.all(runIds.map((runId) => runs.get(runId)));
        return states.every((state) => state.status === 'COMPLETED') ? true : undefined;
      },
      60_000,
      200,
    );
    await waitUntil(
      'the standby to catch up again',
      async () => (caughtUp(await standby.readiness()) ? true : undefined),
      30_000,
    );
    for (const child of processes) await child.kill();

    const live = await readModelRows(test.db, allProjections);
    for (const projection of allProjections)
      await rebuildProjection({ store, db: test.db, projection, logger: silentLogger });
    const rebuilt = await readModelRows(test.db, allProjections);
    for (const table of Object.keys(rebuilt))
      assert.deepEqual(live[table], rebuilt[table], `table ${table} equals a clean rebuild`);
    assert.ok((live.runs?.length ?? 0) >= runIds.length, 'the runs are in the read model');
  }, 240_000);
});
