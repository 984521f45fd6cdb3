// Verified replay against re-execution, in the same bench run: a run of K steps (one model turn +
// safety + one tool call + its memory each) driven with a zero-latency model and a no-op tool,
// every event durable on PGlite; then `replayRun` of that run (reads its events, drives the pure
// engine, calls nothing). The ratio is what replaying costs against running the same run again.
// Usage: npx tsx bench/replay.ts   (K=200, REPS=5)
import { z } from 'zod';
import { runStream } from '../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../server/activities/providers/fake-provider.ts';
import { defineTool } from '../server/activities/tools/tool.ts';
import { loadConfig } from '../server/config.ts';
import { stepsLeftOut } from '../server/engine/conversation-builder.ts';
import { silentLogger } from '../server/logger.ts';
import { createPlatform } from '../server/platform.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';
import { envNumber, instantModel, median, report } from './bench-kit.ts';

const K = envNumber('K', 200);
const REPS = envNumber('REPS', 5);

const noop = defineTool({
  name: 'noop',
  description: 'Does nothing',
  inputSchema: z.object({ i: z.number() }),
  defaultRisk: 'LOW',
  timeoutMs: 1000,
  idempotent: true,
  run: async ({ i }) => `ok ${i}`,
});

// Zero latency: turn t calls noop while t <= k, then finishes (k read from the goal).
const model = instantModel((request) => {
  const goal = String((request.messages[0] as { content?: unknown } | undefined)?.content ?? '');
  const k = Number(/k=(\d+)/.exec(goal)?.[1] ?? 1);
  const done = request.messages.filter((message) => message.role === 'tool').length + stepsLeftOut(goal);
  return done < k ? fakeToolCall('noop', { i: done }) : fakeFinish('done');
});

const pglite = await createTestPglite();
try {
  const platform = await createPlatform(
    loadConfig({ JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }),
    {
      logger: silentLogger,
      db: pglite.db,
      reasoning: model,
      tools: [noop],
      worker: false,
      projections: { run: false },
    },
  );
  const { agent } = await platform.agents.create(
    {
      name: 'bench',
      purpose: 'bench',
      llm: { provider: 'openai', model: 'fake' },
      tools: ['noop'],
      systemPrompt: '',
    },
    { id: 'bench' },
  );
  const execute = async (k: number) => {
    const { runId } = await platform.runs.start(
      { agentId: agent.agentId, inputs: { goal: `k=${k}` } },
      { id: 'bench' },
    );
    const started = performance.now();
    await platform.drive(runId, new AbortController().signal);
    const ms = performance.now() - started;
    const state = await platform.runs.get(runId);
    if (state.status !== 'COMPLETED' || state.totals.steps !== k + 1)
      throw new Error(`run ended ${state.status}`);
    return { runId, ms };
  };
  const replay = async (runId: string) => {
    const started = performance.now();
    const result = await platform.analysis.replayRun(runId);
    const ms = performance.now() - started;
    if (!result.matched) throw new Error(`replay diverged: ${JSON.stringify(result.firstDivergence)}`);
    return { ms, decisions: result.decisionsCompared };
  };

  await replay((await execute(5)).runId); // warm-up
  const executions: number[] = [];
  const replays: number[] = [];
  let decisions = 0;
  let events = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const run = await execute(K);
    executions.push(run.ms);
    const replayed = await replay(run.runId);
    replays.push(replayed.ms);
    decisions = replayed.decisions;
    events = (await platform.storage.store.readStream(runStream(run.runId))).length;
  }
  const executeMs = median(executions);
  const replayMs = median(replays);
  report({
    bench: 'replay',
    figure: 'replay_vs_reexecution',
    store: 'pglite',
    steps: K,
    events,
    decisions_compared: decisions,
    reps: REPS,
    reexecute_ms: Math.round(executeMs),
    replay_ms: Math.round(replayMs),
    replay_ms_per_step: Number((replayMs / K).toFixed(3)),
    speedup: Number((executeMs / replayMs).toFixed(1)),
  });
  await platform.close();
} finally {
  await pglite.drop();
}
