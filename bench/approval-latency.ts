// Approve → ToolCallStarted: how long after an operator's approval the approved tool call starts,
// with the real scheduler (nudged by the approve command, no poll wait), on PGlite and on the
// PostgreSQL server. 200 runs wait for approval of a HIGH-risk no-op tool; they are approved one at
// a time and the ToolCallStarted append is timed where the store returns it. Goal: p99 ≤ 50 ms.
// Usage: npx tsx bench/approval-latency.ts   (N_APPROVALS=200)
import { z } from 'zod';
import { eventCatalogue } from '../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../server/activities/providers/fake-provider.ts';
import { defineTool } from '../server/activities/tools/tool.ts';
import { loadConfig } from '../server/config.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import type { EventStore } from '../server/eventstore/port.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { createPlatform } from '../server/platform.ts';
import { createTestDatabase, createTestPglite } from '../server/testkit/postgres.ts';
import { envNumber, instantModel, percentile, report } from './bench-kit.ts';

const N_APPROVALS = envNumber('N_APPROVALS', 200);
const actor = { id: 'bench-operator' };

/** The store, telling `onAppended` when an append of each event type returned (per stream). */
function timedStore(
  store: EventStore,
  onAppended: (stream: string, type: string, at: number) => void,
): EventStore {
  return {
    ...store,
    name: store.name,
    async append(stream, events, options) {
      const result = await store.append(stream, events, options);
      const at = performance.now();
      for (const event of events) onAppended(stream, event.type, at);
      return result;
    },
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToStream: (stream, options) => store.subscribeToStream(stream, options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    countAfter: (position, cap) => store.countAfter(position, cap),
    close: () => store.close(),
  };
}

/** When each `<stream>/<type>` was first appended; `expect` resolves with it, now or once it is. */
function waiter() {
  const seenAt = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  return {
    expect(key: string): Promise<number> {
      const at = seenAt.get(key);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => waiting.set(key, resolve));
    },
    seen(key: string, at: number) {
      if (seenAt.has(key)) return;
      seenAt.set(key, at);
      waiting.get(key)?.(at);
      waiting.delete(key);
    },
  };
}

async function measure(label: string, db: SqlDatabase) {
  const events = waiter();
  const store = timedStore(
    await createPostgresEventStore({ db, catalogue: eventCatalogue, logger: silentLogger }),
    (stream, type, at) => events.seen(`${stream}/${type}`, at),
  );
  const tools = [
    defineTool({
      name: 'gated',
      description: 'Does nothing, but only with a human’s approval',
      inputSchema: z.object({ i: z.number() }),
      defaultRisk: 'HIGH',
      timeoutMs: 1000,
      idempotent: true,
      run: async ({ i }) => `ok ${i}`,
    }),
  ];
  // Zero latency: the first turn calls the gated tool, the next finishes.
  const model = instantModel((request) =>
    request.messages.some((message) => message.role === 'tool')
      ? fakeFinish('done')
      : fakeToolCall('gated', { i: 1 }),
  );
  const platform = await createPlatform(
    loadConfig({ JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }),
    {
      logger: silentLogger,
      db,
      store,
      reasoning: model,
      tools,
    },
  );
  try {
    const { agent } = await platform.agents.create(
      { name: 'gated', purpose: 'bench', llm: { provider: 'openai', model: 'fake' }, tools: ['gated'] },
      actor,
    );
    const waiting: { runId: string; approvalId: string }[] = [];
    for (let i = 0; i < N_APPROVALS; i++) {
      const { runId } = await platform.runs.start(
        { agentId: agent.agentId, inputs: { goal: `run ${i}` } },
        actor,
      );
      await events.expect(`run-${runId}/ApprovalRequested`);
      const state = await platform.runs.get(runId);
      if (!state.approval) throw new Error(`run ${runId} is not waiting for approval (${state.status})`);
      waiting.push({ runId, approvalId: state.approval.approvalId });
    }
    // Measure in the steady state: the read models have caught up with the 200 starts.
    const head = await store.headPosition();
    if (head !== null) await platform.projections.waitFor(head, 120_000);
    const latencies: number[] = [];
    const commandMs: number[] = [];
    for (const { runId, approvalId } of waiting) {
      const started = events.expect(`run-${runId}/ToolCallStarted`);
      const approvedAt = performance.now();
      await platform.runs.decide(runId, approvalId, { approve: true }, actor);
      commandMs.push(performance.now() - approvedAt);
      latencies.push((await started) - approvedAt);
      // Let the run finish and the read models follow, so the next approval starts from quiet.
      await events.expect(`run-${runId}/RunCompleted`);
    }
    report({
      bench: 'approval_latency',
      figure: 'approve_to_tool_call_started',
      store: label,
      approvals: latencies.length,
      p50_ms: Number(percentile(latencies, 50).toFixed(1)),
      p99_ms: Number(percentile(latencies, 99).toFixed(1)),
      max_ms: Number(Math.max(...latencies).toFixed(1)),
      // The approve command alone (load, handle, append): the rest is the scheduler and the driver.
      command_p50_ms: Number(percentile(commandMs, 50).toFixed(1)),
      command_p99_ms: Number(percentile(commandMs, 99).toFixed(1)),
    });
  } finally {
    await platform.close();
    await store.close();
  }
}

const pglite = await createTestPglite();
try {
  await measure('pglite', pglite.db);
} finally {
  await pglite.drop();
}
const server = await createTestDatabase('spark_bench_approval');
try {
  await measure('postgres-server', server.db);
} finally {
  await server.drop();
}
