// A deployment in one process for engine tests: the platform (createPlatform) over a fresh PGlite
// database (events in a memory store unless given), a scripted fake model, two real tools (a LOW-risk
// lookup and a HIGH-risk mailer), no scheduler (tests drive runs themselves), and one agent that may
// use both tools. Closed when the test that made it finishes, unless the caller gave the database.
import { onTestFinished } from 'vitest';
import { z } from 'zod';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createFakeProvider, type FakeStep } from '../activities/providers/fake-provider.ts';
import { type AnyToolDefinition, defineTool } from '../activities/tools/tool.ts';
import type { Actor } from '../application/event-writer.ts';
import { loadConfig } from '../config.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../eventstore/port.ts';
import { silentLogger } from '../logger.ts';
import { createPlatform } from '../platform.ts';
import { createTestPglite } from './postgres.ts';

const TEST_JWT_SECRET = 'test-deployment-secret-0123456789-0123456789';

export async function createTestDeployment({
  script,
  actor,
  purpose,
  db,
  store,
  tools: extraTools = [],
}: {
  /** What the fake model answers, in order. */
  script: FakeStep[];
  /** Who creates the test agent. */
  actor: Actor;
  /** The test agent's purpose. */
  purpose: string;
  /** The database of read models (and of `store`); the caller closes it, after `close()`. */
  db?: SqlDatabase;
  /** Where events go; default an in-memory store (a PostgreSQL store checks what jsonb refuses). */
  store?: EventStore;
  /** More tools, offered to the test agent beside the two. */
  tools?: AnyToolDefinition[];
}) {
  if (store && !db) throw new Error('createTestDeployment: pass the `db` that `store` writes to');
  const own = db ? null : await createTestPglite();
  const events = store ?? createMemoryEventStore({ catalogue: eventCatalogue });
  /** Every email the mailer delivered. */
  const sent: { to: string; subject: string }[] = [];
  /** Every run the platform said has work, in order. */
  const nudged: string[] = [];
  const fake = createFakeProvider(script);
  const platform = await createPlatform(loadConfig({ JWT_SECRET: TEST_JWT_SECRET }), {
    logger: silentLogger,
    db: db ?? (own as { db: SqlDatabase }).db,
    store: events,
    reasoning: fake,
    tools: [
      defineTool({
        name: 'lookup',
        description: 'Look up a number',
        inputSchema: z.object({ key: z.string() }),
        defaultRisk: 'LOW',
        timeoutMs: 1000,
        idempotent: true,
        run: async ({ key }) => ({ key, value: key.length }),
      }),
      defineTool({
        name: 'send_email',
        description: 'Send an email',
        inputSchema: z.object({ to: z.string().email(), subject: z.string(), body: z.string() }),
        defaultRisk: 'HIGH',
        timeoutMs: 1000,
        idempotent: false,
        run: async ({ to, subject }) => {
          sent.push({ to, subject });
          return { delivered: true };
        },
      }),
      ...extraTools,
    ],
    worker: false,
    approvals: { timeoutMs: 60_000 },
    sleep: async () => undefined,
    onRunnable: (runId) => nudged.push(runId),
  });
  const { agents, runs, forks, tools } = platform;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await platform.close();
    if (!store) await events.close();
    await own?.drop();
  };
  if (own) onTestFinished(close);
  const { agent } = await agents.create(
    {
      name: 'Tester',
      purpose,
      llm: { provider: 'openai', model: 'gpt-test' },
      tools: ['lookup', 'send_email', ...extraTools.map((tool) => tool.name)],
      systemPrompt: 'Test agent.',
      budget: { maxSteps: 10 },
    },
    actor,
  );
  /** Drives the run until it waits or ends, never aborted (what the scheduler does). */
  const drive = (runId: string) => platform.drive(runId, new AbortController().signal);
  const driver = { drive: platform.drive };
  return {
    platform,
    store: events,
    tools,
    agents,
    runs,
    forks,
    driver,
    agent,
    fake,
    sent,
    nudged,
    drive,
    close,
  };
}
