import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { runStream } from '../../schema/events/index.ts';
import { type FakeAnswer, fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { createTestDeployment } from '../testkit/test-deployment.ts';
import { ApplicationError } from './errors.ts';
import { createForkService } from './fork-service.ts';
import { MAX_FORK_DEPTH } from './run-history.ts';

const actor = { id: 'user:analyst' };

/** Every scripted answer costs the same, so totals say whose calls they counted. */
const paid = (answer: FakeAnswer): FakeAnswer => ({
  ...answer,
  usage: { inputTokens: 100, outputTokens: 10 },
  costUsd: 0.01,
});

/** One process: memory store, a scripted model, a lookup (LOW risk) and a mailer (HIGH risk). */
async function setup(script: FakeAnswer[]) {
  const { store, runs, agent, drive, fake } = await createTestDeployment({
    script: script.map(paid),
    actor,
    purpose: 'Exercise forks',
  });
  const forks = createForkService({ store, runs, onRunnable: () => {} });
  const start = async (goal: string) =>
    (await runs.start({ agentId: agent.agentId, inputs: { goal } }, actor)).runId;
  const events = (runId: string) => store.readStream(runStream(runId));
  /** The revision of the memory stored for `step` (the end of that step). */
  const endOfStep = async (runId: string, step: number) => {
    const memory = (await events(runId)).find((e) => e.type === 'MemoryStored' && e.data.step === step);
    assert.ok(memory, `step ${step} left a memory`);
    return memory.revision;
  };
  return { store, runs, forks, drive, events, start, endOfStep, fake };
}

/** The rejection must be a BAD_USER_INPUT on `field` whose message matches `message`. */
async function assertRefused(promise: Promise<unknown>, field: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApplicationError, String(error));
    assert.equal(error.code, 'BAD_USER_INPUT');
    assert.equal(error.field, field);
    assert.match(error.message, message);
    return true;
  });
}

const lookups = [
  fakeToolCall('lookup', { key: 'a' }),
  fakeToolCall('lookup', { key: 'bb' }),
  fakeToolCall('lookup', { key: 'ccc' }),
  fakeFinish('source done'),
];

describe('forkRun resumes from the source at the fork point', () => {
  it("continues with step k+1 on the source's conversation, writing only its own stream", async () => {
    const t = await setup([...lookups, fakeFinish('fork done')]);
    const sourceId = await t.start('count letters');
    await t.drive(sourceId);
    const sourceBefore = await t.events(sourceId);
    const atRevision = await t.endOfStep(sourceId, 2);

    const { runId } = await t.forks.fork(
      sourceId,
      atRevision,
      { agent: { systemPrompt: 'Forked agent.', llm: { provider: 'openai', model: 'gpt-fork' } } },
      actor,
      { mayEditAgent: true },
    );
    const [started, ...none] = await t.events(runId);
    assert.equal(started?.type, 'RunStarted');
    assert.equal(started?.revision, 0);
    assert.deepEqual(started?.data.forkedFrom, { runId: sourceId, atRevision });
    assert.equal(none.length, 0);

    await t.drive(runId);
    assert.equal(t.fake.remaining, 0);
    const [sourceStep3, , forkFirst] = t.fake.requests.slice(2);
    assert.ok(sourceStep3 && forkFirst);
    assert.equal(forkFirst.model, 'gpt-fork');
    assert.match(forkFirst.system, /^Forked agent\./);
    // The fork's first call sees what the source's step 3 saw: steps 1 and 2 with their results.
    assert.deepEqual(forkFirst.messages, sourceStep3.messages);
    const calls = forkFirst.messages.flatMap((m) =>
      m.role === 'assistant' && m.toolCall ? [m.toolCall.id] : [],
    );
    assert.deepEqual(calls, ['call_step_1', 'call_step_2']);

    const forkEvents = await t.events(runId);
    assert.deepEqual(
      forkEvents.map((e) => [e.revision, e.type]),
      [
        [0, 'RunStarted'],
        [1, 'ReasoningCompleted'],
        [2, 'MemoryStored'],
        [3, 'RunCompleted'],
      ],
    );
    assert.equal(forkEvents[1]?.data.step, 3);
    const totals = forkEvents[3]?.data.totals as Record<string, number>;
    // Reported totals are the fork's own call; the step number continues the source's.
    assert.deepEqual(
      { ...totals, wallTimeMs: 0 },
      { steps: 3, inputTokens: 100, outputTokens: 10, costUsd: 0.01, wallTimeMs: 0 },
    );
    const state = await t.runs.get(runId);
    assert.equal(state.status, 'COMPLETED');
    assert.deepEqual(state.inherited, { inputTokens: 200, outputTokens: 20, costUsd: 0.02 });
    assert.deepEqual(await t.events(sourceId), sourceBefore, 'the source is unchanged');
  });

  it('forks of forks inherit through the chain, as deep as MAX_FORK_DEPTH', async () => {
    const t = await setup([...lookups, fakeFinish('grandchild done')]);
    const sourceId = await t.start('count letters');
    await t.drive(sourceId);
    const child = await t.forks.fork(sourceId, await t.endOfStep(sourceId, 2), {}, actor);
    const grandchild = await t.forks.fork(child.runId, 0, {}, actor);
    assert.equal(grandchild.state.step, 2);
    assert.equal(grandchild.state.revision, 0);
    await t.drive(grandchild.runId);
    assert.deepEqual(t.fake.requests[4]?.messages, t.fake.requests[2]?.messages);
    assert.equal((await t.runs.get(grandchild.runId)).status, 'COMPLETED');
    assert.equal((await t.events(child.runId)).length, 1, 'the child was not driven');

    let tip = grandchild.runId;
    for (let depth = 2; depth < MAX_FORK_DEPTH; depth++) tip = (await t.forks.fork(tip, 0, {}, actor)).runId;
    await assertRefused(t.forks.fork(tip, 0, {}, actor), 'runId', /forks nest at most 16 deep/);
  });

  it('refuses a fork point waiting for approval, after the end, or past the last event', async () => {
    const email = { to: 'a@example.com', subject: 'S', body: 'b' };
    const t = await setup([fakeToolCall('send_email', email), fakeFinish('sent')]);
    const sourceId = await t.start('mail');
    await t.drive(sourceId);
    const waiting = await t.runs.get(sourceId);
    assert.equal(waiting.status, 'WAITING_FOR_APPROVAL');
    await assertRefused(
      t.forks.fork(sourceId, waiting.revision, {}, actor),
      'atRevision',
      new RegExp(
        `cannot be forked at revision ${waiting.revision}: the run was waiting for approval .* of send_email \\(step 1\\); the nearest revision to fork at is ${waiting.revision - 1}$`,
      ),
    );
    // Just before the approval the proposal is there: the fork's agent must still offer its tool.
    await assertRefused(
      t.forks.fork(sourceId, waiting.revision - 1, { agent: { tools: ['lookup'] } }, actor),
      'overrides',
      /proposed send_email/,
    );

    await t.runs.decide(sourceId, waiting.approval?.approvalId as string, { approve: true }, actor);
    await t.drive(sourceId);
    const ended = await t.runs.get(sourceId);
    assert.equal(ended.status, 'COMPLETED');
    await assertRefused(
      t.forks.fork(sourceId, ended.revision, {}, actor),
      'atRevision',
      new RegExp(`already ended \\(COMPLETED\\); the nearest revision to fork at is ${ended.revision - 1}$`),
    );
    await assertRefused(
      t.forks.fork(sourceId, ended.revision + 1, {}, actor),
      'atRevision',
      new RegExp(`has no revision ${ended.revision + 1} \\(its last is ${ended.revision}\\)`),
    );
  });

  it('edits the params of the tool call proposed at the fork point; the fork runs them after its own safety', async () => {
    const t = await setup([
      fakeToolCall('lookup', { key: 'a' }),
      fakeFinish('source done'),
      fakeFinish('fork done'),
    ]);
    const sourceId = await t.start('look up');
    await t.drive(sourceId);
    const proposed = (await t.events(sourceId)).find((e) => e.type === 'ReasoningCompleted');
    assert.ok(proposed);

    const { runId, state } = await t.forks.fork(
      sourceId,
      proposed.revision,
      { toolParams: { key: 'zz' } },
      actor,
    );

    assert.deepEqual(state.proposal?.params, { key: 'zz' });
    assert.equal(state.proposal?.verdict, null);
    assert.deepEqual(state.steps.at(-1)?.edited?.params, { key: 'zz' });
    await t.drive(runId);
    const started = (await t.events(runId)).find((e) => e.type === 'ToolCallStarted');
    assert.deepEqual(started?.data.params, { key: 'zz' });
    assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
    // Where nothing was proposed there is nothing to edit.
    await assertRefused(
      t.forks.fork(sourceId, 0, { toolParams: { key: 'b' } }, actor),
      'overrides.toolParams',
      /No tool call was proposed at revision 0/,
    );
  });
});
