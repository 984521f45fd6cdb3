import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { z } from 'zod';
import { runStream } from '../../schema/events/index.ts';
import { type FakeStep, fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { ProviderError } from '../activities/providers/provider.ts';
import { defineTool } from '../activities/tools/tool.ts';
import { createTestDeployment } from '../testkit/test-deployment.ts';
import { ConflictError, InvalidInputError } from './errors.ts';

const actor = { id: 'user:operator' };

/** A deployment in one process: memory store, a scripted model, two real tools (one lookup, one mailer). */
async function setup(script: FakeStep[]) {
  const deployment = await createTestDeployment({ script, actor, purpose: 'Exercise the engine' });
  const { store } = deployment;
  const types = async (runId: string) => (await store.readStream(runStream(runId))).map((e) => e.type);
  return { ...deployment, types };
}

describe('run driver: the reasoning → safety → approval → tool → memory loop', () => {
  it('runs a low-risk tool and finishes, recording every step and a memory per step', async () => {
    const t = await setup([
      fakeToolCall('lookup', { key: 'abc' }, { text: 'I will look it up' }),
      fakeFinish('value is 3'),
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'find abc' } }, actor);
    assert.deepEqual(t.nudged, [runId]);
    assert.deepEqual(await t.drive(runId), {});
    const state = await t.runs.get(runId);
    assert.equal(state.status, 'COMPLETED');
    const types = await t.types(runId);
    assert.deepEqual(types.slice(0, 5), [
      'RunStarted',
      'ReasoningCompleted',
      'SafetyEvaluated',
      'ToolCallStarted',
      'ToolCallSucceeded',
    ]);
    assert.ok(types.includes('MemoryStored'));
    assert.equal(types.at(-1), 'RunCompleted');
    const events = await t.store.readStream(runStream(runId));
    const verdict = events.find((e) => e.type === 'SafetyEvaluated');
    assert.equal(verdict?.data.decision, 'allow');
    assert.equal(verdict?.data.risk, 'LOW');
    const result = events.find((e) => e.type === 'ToolCallSucceeded');
    assert.deepEqual(result?.data.result, { key: 'abc', value: 3 });
    // The second request saw the tool result.
    assert.equal(t.fake.requests.length, 2);
    assert.match(JSON.stringify(t.fake.requests[1]?.messages), /"value\\?":3|value.*3/);
  });

  it('pauses a HIGH-risk call for approval, runs it once approved with edited params, and finishes', async () => {
    const t = await setup([
      fakeToolCall('send_email', { to: 'a@example.com', subject: 'Hi', body: 'x' }),
      fakeFinish('sent'),
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'mail' } }, actor);
    const waiting = await t.drive(runId);
    assert.ok(waiting.wakeAt instanceof Date, 'waits until the approval deadline');
    const state = await t.runs.get(runId);
    assert.equal(state.status, 'WAITING_FOR_APPROVAL');
    assert.equal(t.sent.length, 0, 'nothing sent before approval');
    const approvalId = state.approval?.approvalId as string;
    await assert.rejects(
      t.runs.decide(runId, approvalId, { approve: true, editedParams: { to: 'not-an-email' } }, actor),
      InvalidInputError,
    );
    await t.runs.decide(
      runId,
      approvalId,
      { approve: true, editedParams: { to: 'b@example.com', subject: 'Hi', body: 'y' } },
      actor,
    );
    await t.drive(runId);
    assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
    assert.deepEqual(t.sent, [{ to: 'b@example.com', subject: 'Hi' }]);
  });

  it('lets exactly one of 10 concurrent approvers win', async () => {
    const t = await setup([
      fakeToolCall('send_email', { to: 'a@example.com', subject: 'S', body: 'b' }),
      fakeFinish('ok'),
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'mail' } }, actor);
    await t.drive(runId);
    const approvalId = (await t.runs.get(runId)).approval?.approvalId as string;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        t.runs.decide(runId, approvalId, i % 2 ? { approve: true } : { approve: false, comment: `no ${i}` }, {
          id: `user:${i}`,
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof ConflictError);
    const decisions = (await t.types(runId)).filter(
      (type) => type === 'ApprovalGranted' || type === 'ApprovalRejected',
    );
    assert.equal(decisions.length, 1);
  });

  it('feeds a rejection and its comment back to the model', async () => {
    const t = await setup([
      fakeToolCall('send_email', { to: 'a@example.com', subject: 'S', body: 'b' }),
      (request) => {
        assert.match(JSON.stringify(request.messages), /too early/);
        return fakeFinish('understood, not sending');
      },
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'mail' } }, actor);
    await t.drive(runId);
    const approvalId = (await t.runs.get(runId)).approval?.approvalId as string;
    await t.runs.decide(runId, approvalId, { approve: false, comment: 'too early' }, actor);
    await t.drive(runId);
    assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
    assert.equal(t.sent.length, 0);
  });

  it('records malformed answers, feeds them back, and fails after 3 in a row', async () => {
    const t = await setup([
      fakeToolCall('lookup', '{not json'),
      fakeToolCall('no_such_tool', {}),
      fakeToolCall('lookup', { key: 42 }),
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'x' } }, actor);
    await t.drive(runId);
    const state = await t.runs.get(runId);
    assert.equal(state.status, 'FAILED');
    const types = await t.types(runId);
    assert.equal(types.filter((type) => type === 'ModelOutputRejected').length, 3);
    assert.equal(types.at(-1), 'RunFailed');
    assert.match(JSON.stringify(t.fake.requests[2]?.messages), /no_such_tool/);
  });

  it('retries a retryable provider failure and fails on a non-retryable one', async () => {
    const t = await setup([
      new ProviderError('RATE_LIMITED', 'slow down', { status: 429 }),
      fakeFinish('done'),
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'x' } }, actor);
    await t.drive(runId);
    assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
    assert.deepEqual((await t.types(runId)).slice(1, 3), ['ReasoningFailed', 'ReasoningCompleted']);

    const u = await setup([new ProviderError('UNAUTHORIZED', 'bad key', { status: 401 })]);
    const second = await u.runs.start({ agentId: u.agent.agentId, inputs: { goal: 'x' } }, actor);
    await u.drive(second.runId);
    assert.equal((await u.runs.get(second.runId)).status, 'FAILED');
  });

  it('never re-sends a non-idempotent call whose outcome is unknown: it asks a human', async () => {
    const t = await setup([
      fakeToolCall('send_email', { to: 'a@example.com', subject: 'S', body: 'b' }),
      fakeFinish('ok'),
    ]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'mail' } }, actor);
    await t.drive(runId);
    const state = await t.runs.get(runId);
    await t.runs.decide(runId, state.approval?.approvalId as string, { approve: true }, actor);
    // A worker crashed after recording the start and before the outcome.
    await t.store.append(runStream(runId), [
      {
        id: crypto.randomUUID(),
        type: 'ToolCallStarted',
        data: {
          step: 1,
          callId: crypto.randomUUID(),
          tool: 'send_email',
          params: { to: 'a@example.com', subject: 'S', body: 'b' },
          idempotent: false,
        },
      },
    ]);
    await t.drive(runId);
    const types = await t.types(runId);
    assert.ok(types.includes('ToolCallOutcomeUnknown'));
    assert.equal((await t.runs.get(runId)).status, 'WAITING_FOR_APPROVAL');
    assert.equal(t.sent.length, 0, 'no silent second send');
  });

  it('cancels a waiting run, after which driving does nothing', async () => {
    const t = await setup([fakeToolCall('send_email', { to: 'a@example.com', subject: 'S', body: 'b' })]);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'mail' } }, actor);
    await t.drive(runId);
    await t.runs.cancel(runId, actor, 'changed my mind');
    assert.deepEqual(await t.drive(runId), {});
    assert.equal((await t.runs.get(runId)).status, 'CANCELLED');
    await assert.rejects(t.runs.cancel(runId, actor), ConflictError);
  });

  it('feedback given while the run is driven does not cost a model call: the facts are folded in and the step appended', async () => {
    let runId = '';
    const t = await setup([
      fakeToolCall('lookup', { key: 'abc' }),
      async () => {
        // While the model thinks about step 2, an analyst annotates step 1 (appended to the run's stream).
        await t.runs.annotate(runId, { step: 1, label: 'good', score: 1 }, { id: 'user:analyst' });
        return fakeFinish('value is 3');
      },
    ]);
    ({ runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'find abc' } }, actor));
    assert.deepEqual(await t.drive(runId), {});
    assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
    assert.equal(t.fake.requests.length, 2, 'the answer to step 2 was kept, not asked for again');
    const types = await t.types(runId);
    const annotated = types.indexOf('StepAnnotated');
    // The step's own events (the memory of step 1 rides with them) follow the feedback.
    assert.deepEqual(types.slice(annotated, annotated + 3), [
      'StepAnnotated',
      'MemoryStored',
      'ReasoningCompleted',
    ]);
    assert.equal(types.at(-1), 'RunCompleted');
  });

  describe('something written to the run while its tool runs', () => {
    /** A deployment with a LOW-risk tool `slow` that runs `whileToolRuns` before it answers. */
    async function withInterruption(script: FakeStep[], whileToolRuns: (runId: string) => Promise<unknown>) {
      const t = await createTestDeployment({
        script,
        actor,
        purpose: 'Interrupted',
        tools: [
          defineTool({
            name: 'slow',
            description: 'Answers after something else happened',
            inputSchema: z.object({}),
            defaultRisk: 'LOW',
            timeoutMs: 5000,
            idempotent: true,
            run: async (_params, context) => {
              await whileToolRuns(context.runId);
              return 'done';
            },
          }),
        ],
      });
      const types = async (runId: string) => (await t.store.readStream(runStream(runId))).map((e) => e.type);
      return { ...t, types };
    }

    it('a cancel: the outcome is still recorded, after the cancel, and the model is not asked again', async () => {
      let t: Awaited<ReturnType<typeof withInterruption>> | undefined;
      t = await withInterruption([fakeToolCall('slow', {}), fakeFinish('too late')], (runId) =>
        (t as NonNullable<typeof t>).runs.cancel(runId, actor, 'stop now'),
      );
      const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'find abc' } }, actor);
      assert.deepEqual(await t.drive(runId), {});
      assert.equal((await t.runs.get(runId)).status, 'CANCELLED');
      const types = await t.types(runId);
      assert.deepEqual(types.slice(types.indexOf('ToolCallStarted')), [
        'ToolCallStarted',
        'RunCancelled',
        'ToolCallSucceeded',
      ]);
      assert.equal(t.fake.requests.length, 1, 'no model call after the cancel');
    });

    it('feedback: folded in, and the outcome appended after it without asking anything again', async () => {
      let t: Awaited<ReturnType<typeof withInterruption>> | undefined;
      t = await withInterruption([fakeToolCall('slow', {}), fakeFinish('value is 3')], (runId) =>
        (t as NonNullable<typeof t>).runs.annotate(
          runId,
          { step: 1, label: 'ok', score: 1 },
          { id: 'user:analyst' },
        ),
      );
      const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'find abc' } }, actor);
      assert.deepEqual(await t.drive(runId), {});
      assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
      const types = await t.types(runId);
      const started = types.indexOf('ToolCallStarted');
      assert.deepEqual(types.slice(started, started + 3), [
        'ToolCallStarted',
        'StepAnnotated',
        'ToolCallSucceeded',
      ]);
      assert.equal(t.fake.requests.length, 2);
    });
  });
});
