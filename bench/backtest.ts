// Policy back-testing over 10,000 recorded tool calls, on PGlite and on the PostgreSQL server: RUNS runs of STEPS steps each
// (a model answer, its verdict, the tool's start and outcome per step) are recorded, projected,
// then `backtestPolicy` judges every call by a draft of the built-in policy. Wall time of the
// whole query (select runs from the read model, read their events, fold, evaluate), median of REPS.
// Usage: npx tsx bench/backtest.ts   (RUNS=100 STEPS=100 REPS=3)
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { runStream } from '../schema/events/index.ts';
import { defineTool } from '../server/activities/tools/tool.ts';
import { loadConfig } from '../server/config.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import { silentLogger } from '../server/logger.ts';
import { createPlatform } from '../server/platform.ts';
import { DEFAULT_POLICY_ID, defaultPolicy } from '../server/safety/default-policy.ts';
import { createTestDatabase, createTestPglite } from '../server/testkit/postgres.ts';
import { envNumber, median, report } from './bench-kit.ts';

const RUNS = envNumber('RUNS', 100);
const STEPS = envNumber('STEPS', 100);
const REPS = envNumber('REPS', 3);

const lookup = defineTool({
  name: 'lookup',
  description: 'Looks a number up',
  inputSchema: z.object({ i: z.number() }),
  defaultRisk: 'LOW',
  timeoutMs: 1000,
  idempotent: true,
  run: async ({ i }) => `ok ${i}`,
});

const usage = { inputTokens: 100, outputTokens: 10, cachedTokens: 0, reasoningTokens: 0 };

/** The events one step records, as the run driver appends them. */
function stepEvents(step: number) {
  const callId = randomUUID();
  const params = { i: step };
  return [
    {
      type: 'ReasoningCompleted',
      data: {
        step,
        thought: `Step ${step}.`,
        action: { tool: 'lookup', params },
        model: 'fake',
        usage,
        costUsd: 0.0001,
        latencyMs: 1,
        requestHash: 'bench',
      },
    },
    {
      type: 'SafetyEvaluated',
      data: {
        step,
        tool: 'lookup',
        risk: 'LOW',
        decision: 'allow',
        reasons: ['Lookups are reads.'],
        policyId: null,
        policyVersion: null,
      },
    },
    { type: 'ToolCallStarted', data: { step, callId, tool: 'lookup', params, idempotent: true } },
    { type: 'ToolCallSucceeded', data: { callId, result: `ok ${step}`, durationMs: 1 } },
  ];
}

async function measure(label: string, db: SqlDatabase) {
  const platform = await createPlatform(
    loadConfig({ JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }),
    {
      logger: silentLogger,
      db,
      tools: [lookup],
      worker: false,
      seedDemo: false,
    },
  );
  const { store } = platform.storage;
  const { agent } = await platform.agents.create(
    {
      name: 'bench',
      purpose: 'bench',
      llm: { provider: 'openai', model: 'fake' },
      tools: ['lookup'],
      systemPrompt: '',
    },
    { id: 'bench' },
  );
  let position = '';
  for (let run = 0; run < RUNS; run++) {
    const { runId } = await platform.runs.start(
      { agentId: agent.agentId, inputs: { goal: `run ${run}` } },
      { id: 'bench' },
    );
    const events = Array.from({ length: STEPS }, (_, i) => stepEvents(i + 1)).flat();
    const appended = await store.append(
      runStream(runId),
      events.map((event) => ({
        id: newEventId(),
        ...event,
        metadata: { actor: 'engine', correlationId: runId },
      })),
      { expected: 0 },
    );
    position = appended.position;
  }
  if (!(await platform.projections.waitFor(position, 120_000)))
    throw new Error('projections did not catch up');

  // The draft: the built-in rules plus one that holds every lookup for a human.
  const draft = [
    ...defaultPolicy.rules,
    {
      id: 'lookup-held',
      description: 'Lookups need a human',
      match: { tool: 'lookup' },
      risk: 'HIGH',
      reason: 'Held.',
    },
  ];
  const times: number[] = [];
  let result = { runsEvaluated: 0, callsEvaluated: 0, changedCalls: 0 };
  for (let rep = 0; rep < REPS; rep++) {
    const started = performance.now();
    const backtest = await platform.analysis.backtestPolicy({
      policyId: DEFAULT_POLICY_ID,
      draft,
      lastRuns: RUNS,
    });
    times.push(performance.now() - started);
    result = backtest;
  }
  if (result.callsEvaluated !== RUNS * STEPS || result.changedCalls !== RUNS * STEPS) {
    throw new Error(`unexpected report: ${JSON.stringify(result)}`);
  }
  report({
    bench: 'backtest',
    figure: 'backtest_policy_wall',
    store: label,
    runs: result.runsEvaluated,
    calls: result.callsEvaluated,
    changed: result.changedCalls,
    reps: REPS,
    wall_ms_median: Math.round(median(times)),
    wall_ms_max: Math.round(Math.max(...times)),
    goal_ms: 2000,
  });
  await platform.close();
}

const pglite = await createTestPglite();
try {
  await measure('pglite', pglite.db);
} finally {
  await pglite.drop();
}
const server = await createTestDatabase('spark_bench_backtest');
try {
  await measure('postgres-server', server.db);
} finally {
  await server.drop();
}
