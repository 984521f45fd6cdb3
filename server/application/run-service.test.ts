import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue, runStream } from '../../schema/events/index.ts';
import { createToolRegistry } from '../activities/tools/registry.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import { createAgentService } from './agent-service.ts';
import { ConflictError, InvalidInputError } from './errors.ts';
import { createRunService } from './run-service.ts';

const actor = { id: 'user:analyst' };
const RUN_ID = '6f1c2a7e-3b8d-5c4e-9a0f-2d7b8e1c4a56';

async function setup() {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  const agents = createAgentService({ store, toolNames: () => [] });
  const nudged: string[] = [];
  const runs = createRunService({
    store,
    tools: createToolRegistry([]),
    onRunnable: (runId) => nudged.push(runId),
  });
  const { agent } = await agents.create(
    {
      name: 'Greeter',
      purpose: 'Greet',
      llm: { provider: 'demo', model: 'demo-scripted-v1' },
      tools: [],
      systemPrompt: 'Hi.',
    },
    actor,
  );
  await agents.update(agent.agentId, { systemPrompt: 'Hello.' }, actor, 1);
  return { store, runs, agentId: agent.agentId, nudged };
}

describe('run service: starting a run of a pinned version under a given id (evaluations)', () => {
  it('records the pinned version’s config, not the latest one', async () => {
    const { store, runs, agentId } = await setup();
    await runs.start({ agentId, inputs: { goal: 'greet' }, agentVersion: 1, runId: RUN_ID }, actor);
    const [started] = await store.readStream(runStream(RUN_ID));
    const data = started?.data as { agentVersion: number; agent: { systemPrompt: string } };
    assert.deepEqual([data.agentVersion, data.agent.systemPrompt], [1, 'Hi.']);
    const latest = await runs.start({ agentId, inputs: { goal: 'greet' } }, actor);
    assert.equal(latest.state.agentVersion, 2);
  });

  it('refuses a second start under the same run id, writing nothing', async () => {
    const { store, runs, agentId, nudged } = await setup();
    await runs.start({ agentId, inputs: { goal: 'greet' }, runId: RUN_ID }, actor);
    await assert.rejects(
      runs.start({ agentId, inputs: { goal: 'again' }, runId: RUN_ID }, actor),
      ConflictError,
    );
    assert.equal((await store.readStream(runStream(RUN_ID))).length, 1);
    assert.deepEqual(nudged, [RUN_ID]);
  });

  it('a version the agent never had is refused as bad input naming agentVersion', async () => {
    const { runs, agentId } = await setup();
    await assert.rejects(
      runs.start({ agentId, inputs: { goal: 'greet' }, agentVersion: 7 }, actor),
      (error: unknown) => error instanceof InvalidInputError && error.field === 'agentVersion',
    );
  });
});
