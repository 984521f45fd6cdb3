// A deployment in one process for engine tests: memory event store with the default policy, a
// scripted fake model, two real tools (a LOW-risk lookup and a HIGH-risk mailer), the agent and
// run services, a run driver, and one agent that may use both tools.
import { z } from 'zod';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createHashingEmbedder } from '../activities/memory/hashing-embedder.ts';
import { createFakeProvider, type FakeStep } from '../activities/providers/fake-provider.ts';
import { createToolRegistry } from '../activities/tools/registry.ts';
import { defineTool } from '../activities/tools/tool.ts';
import { createAgentService } from '../application/agent-service.ts';
import type { Actor } from '../application/event-writer.ts';
import { createPolicyLoader, seedDefaultPolicy } from '../application/policies.ts';
import { createRunDriver } from '../application/run-driver.ts';
import { createRunService } from '../application/run-service.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../eventstore/port.ts';
import { silentLogger } from '../logger.ts';

export async function createTestDeployment({
  script,
  actor,
  purpose,
  store = createMemoryEventStore({ catalogue: eventCatalogue }),
}: {
  /** What the fake model answers, in order. */
  script: FakeStep[];
  /** Who creates the test agent. */
  actor: Actor;
  /** The test agent's purpose. */
  purpose: string;
  /** Where events go; default an in-memory store (a PostgreSQL store checks what jsonb refuses). */
  store?: EventStore;
}) {
  await seedDefaultPolicy(store);
  /** Every email the mailer delivered. */
  const sent: { to: string; subject: string }[] = [];
  const tools = createToolRegistry([
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
  ]);
  const fake = createFakeProvider(script);
  const agents = createAgentService({ store, toolNames: () => tools.describe().map((t) => t.name) });
  /** Every run the run service said has work, in order. */
  const nudged: string[] = [];
  const runs = createRunService({ store, agents, tools, onRunnable: (runId) => nudged.push(runId) });
  const driver = createRunDriver({
    store,
    providers: { get: () => fake, status: () => [] },
    tools,
    embedder: createHashingEmbedder(),
    recallMemories: async () => [],
    loadPolicies: createPolicyLoader(store),
    approvals: { timeoutMs: 60_000 },
    logger: silentLogger,
    sleep: async () => undefined,
  });
  const { agent } = await agents.create(
    {
      name: 'Tester',
      purpose,
      llm: { provider: 'openai', model: 'gpt-test' },
      tools: ['lookup', 'send_email'],
      systemPrompt: 'Test agent.',
      budget: { maxSteps: 10 },
    },
    actor,
  );
  /** Drives the run until it waits or ends, never aborted. */
  const drive = (runId: string) => driver.drive(runId, new AbortController().signal);
  return { store, tools, agents, runs, driver, agent, fake, sent, nudged, drive };
}
