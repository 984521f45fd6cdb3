import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue, policyStream, runStream } from '../../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { newEventId } from '../eventstore/ids.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import type { EventStore } from '../eventstore/port.ts';
import { DEFAULT_POLICY_ID, defaultPolicyCreated } from '../safety/default-policy.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { createTestDeployment } from '../testkit/test-deployment.ts';

const actor = { id: 'user:operator' };

/** A memory store that remembers the event types of every append to a run stream, one array per append. */
function recordingStore(): { store: EventStore; runAppends: string[][] } {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  const runAppends: string[][] = [];
  return {
    runAppends,
    store: {
      ...store,
      append(stream, events, options) {
        if (stream.startsWith('run-')) runAppends.push(events.map((event) => event.type));
        return store.append(stream, events, options);
      },
    },
  };
}

async function deployment(script: Parameters<typeof createTestDeployment>[0]['script']) {
  const pglite = await createTestPglite();
  const { store, runAppends } = recordingStore();
  const t = await createTestDeployment({ script, actor, purpose: 'Count appends', db: pglite.db, store });
  return {
    ...t,
    runAppends,
    async close() {
      await t.close();
      await pglite.drop();
    },
  };
}

describe('what a step asks of the event store', () => {
  it('costs two appends: the last memory with reasoning, safety and the tool start; then the outcome', async () => {
    const t = await deployment([
      fakeToolCall('lookup', { key: 'a' }),
      fakeToolCall('lookup', { key: 'bb' }),
      fakeFinish('done'),
    ]);
    try {
      const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'look up' } }, actor);
      t.runAppends.length = 0;
      await t.drive(runId);
      assert.deepEqual(t.runAppends, [
        ['ReasoningCompleted', 'SafetyEvaluated', 'ToolCallStarted'],
        ['ToolCallSucceeded'],
        ['MemoryStored', 'ReasoningCompleted', 'SafetyEvaluated', 'ToolCallStarted'],
        ['ToolCallSucceeded'],
        // The final answer is remembered too.
        ['MemoryStored', 'ReasoningCompleted', 'MemoryStored', 'RunCompleted'],
      ]);
      const state = await t.runs.get(runId);
      assert.equal(state.status, 'COMPLETED');
      assert.equal(state.memories.length, 3);
    } finally {
      await t.close();
    }
  });

  it('a memory not yet appended when the worker dies is stored again on resume, once', async () => {
    const t = await deployment([
      fakeToolCall('lookup', { key: 'a' }),
      // The worker dies while it asks the model: the memory of the step before is not yet appended.
      () => {
        throw new Error('worker killed');
      },
      fakeFinish('done'),
    ]);
    try {
      const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'look up' } }, actor);
      await assert.rejects(t.drive(runId), /worker killed/);
      const before = (await t.store.readStream(runStream(runId))).map((event) => event.type);
      assert.equal(before.at(-1), 'ToolCallSucceeded', 'the outcome was durable before the model was asked');
      assert.ok(!before.includes('MemoryStored'));
      await t.drive(runId);
      const types = (await t.store.readStream(runStream(runId))).map((event) => event.type);
      // One memory of the tool's outcome (stored on resume), one of the final answer.
      assert.equal(types.filter((type) => type === 'MemoryStored').length, 2);
      assert.equal(types.filter((type) => type === 'ToolCallStarted').length, 1, 'the tool ran once');
      assert.equal(types.at(-1), 'RunCompleted');
      assert.equal(t.fake.requests.length, 3);
    } finally {
      await t.close();
    }
  });
});

describe("the engine's policies", () => {
  it('apply an update made through this process at once', async () => {
    const t = await deployment([
      fakeToolCall('lookup', { key: 'a' }),
      fakeFinish('one'),
      fakeToolCall('lookup', { key: 'b' }),
    ]);
    try {
      const first = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'one' } }, actor);
      await t.drive(first.runId);
      assert.equal((await t.runs.get(first.runId)).status !== 'WAITING_FOR_APPROVAL', true);
      const current = await t.platform.policies.get(DEFAULT_POLICY_ID);
      const rules = [
        ...current.rules,
        {
          id: 'lookup-high',
          description: 'Lookups',
          match: { tool: 'lookup' },
          risk: 'HIGH',
          reason: 'Audit',
        },
      ];
      await t.platform.policies.update(DEFAULT_POLICY_ID, { rules, expectedVersion: current.version }, actor);
      const second = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'two' } }, actor);
      await t.drive(second.runId);
      assert.equal((await t.runs.get(second.runId)).status, 'WAITING_FOR_APPROVAL');
    } finally {
      await t.close();
    }
  });

  it('apply a change another process appended once the live tail has seen it', async () => {
    const t = await deployment([
      fakeToolCall('lookup', { key: 'a' }),
      fakeFinish('one'),
      fakeToolCall('lookup', { key: 'b' }),
    ]);
    try {
      const first = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'one' } }, actor);
      await t.drive(first.runId);
      assert.notEqual((await t.runs.get(first.runId)).status, 'WAITING_FOR_APPROVAL');
      // Written straight to the log, as the API process would: this process's services never see it.
      const seen = new Promise<void>((resolve) => {
        const stop = t.platform.hub.observe((event) => {
          if (event.stream !== policyStream(DEFAULT_POLICY_ID)) return;
          stop();
          resolve();
        });
      });
      const rules = [
        ...defaultPolicyCreated.rules,
        {
          id: 'lookup-high',
          description: 'Lookups',
          match: { tool: 'lookup' },
          risk: 'HIGH',
          reason: 'Audit',
        },
      ];
      await t.store.append(policyStream(DEFAULT_POLICY_ID), [
        {
          id: newEventId(),
          type: 'PolicyUpdated',
          data: { policyId: DEFAULT_POLICY_ID, version: 2, rules, changedBy: 'user:elsewhere' },
          metadata: { actor: 'user:elsewhere' },
        },
      ]);
      await seen;
      const second = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'two' } }, actor);
      await t.drive(second.runId);
      assert.equal((await t.runs.get(second.runId)).status, 'WAITING_FOR_APPROVAL');
    } finally {
      await t.close();
    }
  });
});
