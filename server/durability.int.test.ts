import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { eventCatalogue, runStream } from '../schema/events/index.ts';
import { createMemoryOutbox } from './activities/tools/email-outbox.ts';
import { createToolRegistry } from './activities/tools/registry.ts';
import { createRunSqlTool } from './activities/tools/run-sql.ts';
import { createSendEmailTool } from './activities/tools/send-email.ts';
import type { AnyToolDefinition } from './activities/tools/tool.ts';
import { createAgentService } from './application/agent-service.ts';
import { ConflictError } from './application/errors.ts';
import { seedDefaultPolicy } from './application/policies.ts';
import { createRunService, type RunService } from './application/run-service.ts';
import type { EventStore, RecordedEvent } from './eventstore/port.ts';
import { createPostgresEventStore } from './eventstore/postgres/postgres-event-store.ts';
import { assertEmailContract } from './testkit/email-contract.ts';
import { startFakeOpenAiServer } from './testkit/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from './testkit/postgres.ts';
import { type ServerProcess, startServerProcess } from './testkit/server-process.ts';
import { startSmtpSink } from './testkit/smtp-sink.ts';

// 12 kills in the suite (its time budget); `DURABILITY_KILLS=40` for a longer run by hand.
const KILLS = Number(process.env.DURABILITY_KILLS ?? 12);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runNumber = (text: string) => Number(/run (\d+)/.exec(text)?.[1] ?? -1);

// Each run: run_sql (MEDIUM, runs) → send_email (HIGH: approval, not idempotent) → finish.
function script(goal: string, toolResults: number) {
  if (toolResults === 0)
    return { name: 'run_sql', arguments: { sql: 'SELECT count(*)::int AS events FROM es.events' } };
  if (toolResults === 1) {
    const subject = `Report for run ${runNumber(goal)}`;
    return {
      name: 'send_email',
      arguments: { to: ['ops@example.com'], subject, body: 'Event counts attached.' },
    };
  }
  return { name: 'finish', arguments: { output: `run ${runNumber(goal)} done` } };
}

describe('durability: the server is SIGKILLed at many points across runs (DURABILITY_KILLS, 12 in the suite) and every run still completes', () => {
  let test: TestDatabase;
  let store: EventStore;
  let runs: RunService;
  let current: ServerProcess | null = null;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    test = await createTestDatabase('spark_durability');
    store = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue });
    await seedDefaultPolicy(store);
    const tools = createToolRegistry([
      createRunSqlTool({ database: { connectionString: test.url } }) as AnyToolDefinition,
      createSendEmailTool({ outbox: createMemoryOutbox(), from: 'test@example.com' }) as AnyToolDefinition,
    ]);
    runs = createRunService({ store, tools, onRunnable: () => undefined });
    cleanups.push(() => tools.close());
  });
  afterAll(async () => {
    await current?.kill();
    for (const cleanup of cleanups.reverse()) await cleanup();
    await store.close();
    await test.drop();
  });

  // Its own waits are bounded (each start, then 180 s for the runs to finish): the budget is theirs.
  it('never repeats a recorded LLM call and never silently re-sends an email', {
    timeout: 600_000,
  }, async () => {
    const llm = await startFakeOpenAiServer({ script, latencyMs: 120 });
    let killedMidSend = false;
    const smtp = await startSmtpSink({
      acceptDelayMs: 200,
      onMessageStart: () => {
        // The first send is interrupted by a crash before the server accepts it: its outcome is unknown.
        if (!killedMidSend && current) {
          killedMidSend = true;
          void current.kill();
        }
      },
    });
    cleanups.push(llm.close, smtp.close);
    const agentService = createAgentService({ store, toolNames: () => ['run_sql', 'send_email'] });
    const { agent } = await agentService.create(
      {
        name: 'Durable reporter',
        purpose: 'Crash test',
        llm: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0 },
        tools: ['run_sql', 'send_email'],
        systemPrompt: 'Report event counts.',
      },
      { id: 'user:test' },
    );
    const runIds: string[] = [];
    const startRun = async () => {
      const { runId } = await runs.start(
        { agentId: agent.agentId, inputs: { goal: `Durability run ${runIds.length}` } },
        { id: 'user:test' },
      );
      runIds.push(runId);
    };
    await startRun();
    await startRun();

    // An operator approving whatever waits, from this process, as the console would. Like a person,
    // it tries again after an error; the errors are kept for the failure message, so a run left
    // waiting says why (an approver that died silently once left every run waiting for 180 s).
    let approving = true;
    const approverErrors: string[] = [];
    const approver = (async () => {
      while (approving) {
        for (const runId of runIds) {
          try {
            const state = await runs.get(runId);
            if (state.status !== 'WAITING_FOR_APPROVAL' || !state.approval) continue;
            await runs.decide(runId, state.approval.approvalId, { approve: true }, { id: 'user:approver' });
          } catch (error) {
            if (error instanceof ConflictError) continue;
            approverErrors.push(`${runIds.indexOf(runId)}: ${String(error)}`);
            if (process.env.DEBUG_DURABILITY) console.error('approver:', error);
          }
        }
        await delay(100);
      }
    })();

    const env = {
      DATABASE_URL: test.url,
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: llm.url,
      SMTP_URL: smtp.url,
      RUN_SQL_DATABASE_URL: test.url,
      // Warnings too: a run that stops moving says why in the failure message (the output's tail).
      LOG_LEVEL: 'warn',
    };
    const port = 20000 + Math.floor(Math.random() * 20000);
    let kills = 0;
    while (kills < KILLS) {
      current = startServerProcess(env, port);
      await current.ready;
      await delay(250 + Math.floor(Math.random() * 1200));
      await current.kill();
      kills++;
      if (process.env.DEBUG_DURABILITY) {
        const now = await Promise.all(runIds.map((runId) => runs.get(runId)));
        console.error(`kill ${kills}: ${now.map((state) => `${state.status}@${state.revision}`).join(' ')}`);
      }
      if (kills % 3 === 0 && kills <= KILLS - 6) await startRun();
    }
    current = startServerProcess(env, port);
    await current.ready;
    const deadline = Date.now() + 180_000;
    let states = await Promise.all(runIds.map((runId) => runs.get(runId)));
    while (states.some((state) => state.status !== 'COMPLETED') && Date.now() < deadline) {
      await delay(250);
      states = await Promise.all(runIds.map((runId) => runs.get(runId)));
      if (process.env.DEBUG_DURABILITY)
        console.error(states.map((state) => `${state.status}@${state.revision}`).join(' '));
    }
    approving = false;
    await approver;
    await current.kill();

    assert.equal(kills, KILLS, `killed ${kills} times`);
    assert.deepEqual(
      states.map((state) => state.status),
      runIds.map(() => 'COMPLETED'),
      `every run completed (${states.map((state) => `${state.status}@${state.revision}`).join(' ')}); approver errors: ${approverErrors.slice(-5).join(' | ') || 'none'}; server output:\n${current.output().slice(-3000)}`,
    );
    let unknownOutcomes = 0;
    for (const runId of runIds) {
      const events: RecordedEvent[] = await store.readStream(runStream(runId));
      const goal = `Durability run ${runIds.indexOf(runId)}`;
      // No LLM request for a step arrived after that step's answer was recorded.
      for (const answer of events.filter((e) => e.type === 'ReasoningCompleted')) {
        const step = answer.data.step as number;
        const late = llm.requests.filter(
          (r) => r.goal === goal && r.toolResults + 1 === step && r.at > answer.recordedAt.getTime(),
        );
        assert.deepEqual(late, [], `run ${goal} step ${step} was asked again after it was recorded`);
      }
      const delivered = smtp.received.filter(
        (mail) => runNumber(mail.subject) === runIds.indexOf(runId),
      ).length;
      unknownOutcomes += assertEmailContract(events, delivered, goal);
    }
    assert.ok(
      killedMidSend && unknownOutcomes >= 1,
      'a crash mid-send gave ToolCallOutcomeUnknown and an approval',
    );
  });
});
