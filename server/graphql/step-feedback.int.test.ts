// Feedback on steps (annotateStep → RunStep.annotations, runs(filter)) and what the agent knew at a
// step (Run.memoriesAt), through GraphQL on PGlite with runs driven by the platform's scheduler.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { newEventId } from '../eventstore/ids.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { type GraphQLBody, startTestApi, type TestApi, waitForRunStatus } from './api-testkit.ts';

const dataOf = (body: GraphQLBody) => {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
};
const errorOf = (body: GraphQLBody) => {
  const [error] = body.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field };
};

const ANNOTATE = `mutation($input: AnnotateStepInput!) {
  annotateStep(input: $input) { id runId step label score comment by run { id goal output } }
}`;
const STEP_ANNOTATIONS = `query($id: ID!) {
  run(id: $id) { steps(first: 10) { edges { node { step annotations { id label score comment by } } } } }
}`;
const RUN_IDS = `query($filter: RunFilter) { runs(filter: $filter, first: 50) { edges { node { id } } } }`;
const MEMORIES_AT = `query($id: ID!, $step: Int!) {
  run(id: $id) { memoriesAt(step: $step) { id score text kind runId step } }
}`;

describe('step feedback and memories as of a step, over the API (PGlite)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let admin: string;
  let analyst: string;
  let ana: string;
  let firstRun: string;
  let secondRun: string;

  const startRun = async (agentId: string, goal: string) => {
    const run = await t.gql(
      'mutation($agentId: ID!, $goal: String!) { startRun(input: { agentId: $agentId, inputs: { goal: $goal } }) { id } }',
      { agentId, goal },
      { token: admin },
    );
    const runId = (dataOf(run.body).startRun as { id: string }).id;
    await waitForRunStatus(t, admin, runId, ['COMPLETED']);
    return runId;
  };

  /** Polls until the read models have every event appended so far. */
  const caughtUp = async () => {
    const last = (await t.store.readAll()).at(-1);
    assert.ok(last);
    assert.equal(await t.runner.waitFor(last.position, 10_000), true);
  };

  const runIds = async (filter: Record<string, unknown>) =>
    (
      dataOf((await t.gql(RUN_IDS, { filter }, { token: admin })).body).runs as {
        edges: { node: { id: string } }[];
      }
    ).edges.map((edge) => edge.node.id);

  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    // Two runs of one agent, each: echo, then finish. The second recalls what the first stored.
    t = await startTestApi({
      db: target.db,
      limits: { rate: { capacity: 10_000, refillPerSecond: 10_000 } },
      script: [
        fakeToolCall('echo', { text: 'the refund of order 4711 is approved' }),
        fakeFinish('refund approved'),
        fakeToolCall('echo', { text: 'again' }),
        fakeFinish('done again'),
      ],
    });
    admin = await t.tokenFor('admin');
    analyst = await t.tokenFor('analyst');
    const user = await t.api.auth.createUser({
      email: 'ana@example.com',
      password: 'a long enough password',
      role: 'analyst',
    });
    ({ token: ana } = await t.api.auth.issueToken({ id: user.id, role: 'analyst', email: user.email }));
    const policy = await t.gql(
      'mutation($rules: JSON!) { createPolicy(input: { name: "echo is fine", rules: $rules }) { id } }',
      {
        rules: [
          { id: 'echo', description: 'Echo', match: { tool: 'echo' }, risk: 'LOW', reason: 'Echo is safe.' },
        ],
      },
      { token: admin },
    );
    const policyId = (dataOf(policy.body).createPolicy as { id: string }).id;
    const agent = await t.gql(
      `mutation($policyIds: [ID!]) { createAgent(input: { name: "refunder", purpose: "refunds", llmProvider: OPENAI,
        llmModel: "gpt-test", tools: ["echo"], systemPrompt: "Refund.", policyIds: $policyIds }) { id } }`,
      { policyIds: [policyId] },
      { token: admin },
    );
    const agentId = (dataOf(agent.body).createAgent as { id: string }).id;
    firstRun = await startRun(agentId, 'approve the refund of order 4711');
    await caughtUp(); // the first run's memories are in the read model before the second recalls
    secondRun = await startRun(agentId, 'approve the refund of order 4711 again');
    await caughtUp();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('annotateStep records who annotated (by email) and the run a dataset item would take (goal, output)', async () => {
    const input = {
      runId: firstRun,
      step: 1,
      label: ' wrong-tool ',
      score: -0.5,
      comment: 'look it up first',
    };
    const annotated = dataOf((await t.gql(ANNOTATE, { input }, { token: ana })).body).annotateStep;
    assert.deepEqual(
      { ...(annotated as Record<string, unknown>), id: undefined },
      {
        id: undefined,
        runId: firstRun,
        step: 1,
        label: 'wrong-tool',
        score: -0.5,
        comment: 'look it up first',
        by: 'ana@example.com',
        run: { id: firstRun, goal: 'approve the refund of order 4711', output: 'refund approved' },
      },
    );
    const good = { runId: firstRun, step: 2, label: 'good', score: 1 };
    dataOf((await t.gql(ANNOTATE, { input: good }, { token: analyst })).body);
    await caughtUp();

    const steps = dataOf((await t.gql(STEP_ANNOTATIONS, { id: firstRun }, { token: admin })).body).run as {
      steps: { edges: { node: { step: number; annotations: Record<string, unknown>[] } }[] };
    };
    const byStep = steps.steps.edges.map(({ node }) => [
      node.step,
      node.annotations.map(({ id: _, ...rest }) => rest),
    ]);
    assert.deepEqual(byStep, [
      [1, [{ label: 'wrong-tool', score: -0.5, comment: 'look it up first', by: 'ana@example.com' }]],
      [2, [{ label: 'good', score: 1, comment: null, by: 'user-analyst' }]],
    ]);

    assert.deepEqual(await runIds({ annotated: true }), [firstRun]);
    assert.deepEqual(await runIds({ annotated: false }), [secondRun]);
    assert.deepEqual(await runIds({ annotationLabel: 'wrong-tool' }), [firstRun]);
    assert.deepEqual(await runIds({ annotationLabel: 'no-such-label' }), []);
    assert.deepEqual((await runIds({})).sort(), [firstRun, secondRun].sort(), 'no filter: every run');
  });

  it('bad input is BAD_USER_INPUT naming the field and appends nothing; unknown runs NOT_FOUND; integrators FORBIDDEN', async () => {
    const before = (await t.store.readStream(runStream(secondRun))).length;
    const base = { runId: secondRun, step: 1, label: 'x', score: 0 };
    const cases: [Record<string, unknown>, string][] = [
      [{ step: 3 }, 'step'],
      [{ step: 0 }, 'step'],
      [{ label: '  ' }, 'label'],
      [{ label: 'x'.repeat(101) }, 'label'],
      [{ score: 1.5 }, 'score'],
      [{ score: -1.01 }, 'score'],
      [{ comment: 'x'.repeat(2001) }, 'comment'],
    ];
    for (const [change, field] of cases) {
      const { body } = await t.gql(ANNOTATE, { input: { ...base, ...change } }, { token: analyst });
      assert.deepEqual(errorOf(body), { code: 'BAD_USER_INPUT', field }, JSON.stringify(change));
    }
    const unknown = { ...base, runId: '01930000-0000-7000-8000-00000000beef' };
    assert.equal(
      errorOf((await t.gql(ANNOTATE, { input: unknown }, { token: analyst })).body).code,
      'NOT_FOUND',
    );
    const integrator = await t.tokenFor('integrator');
    assert.equal(
      errorOf((await t.gql(ANNOTATE, { input: base }, { token: integrator })).body).code,
      'FORBIDDEN',
    );
    assert.equal((await t.store.readStream(runStream(secondRun))).length, before, 'nothing appended');
  });

  it('an annotated run still replays as matched: feedback is a fact, not a decision', async () => {
    const { body } = await t.gql(
      'query($runId: ID!) { replayRun(runId: $runId) { matched firstDivergence { expected actual } } }',
      { runId: firstRun },
      { token: analyst },
    );
    assert.deepEqual(dataOf(body).replayRun, { matched: true, firstDivergence: null });
  });

  it('memoriesAt: the memories recalled into a step of the second run come from the first, with scores', async () => {
    const stored = (
      dataOf(
        (
          await t.gql(
            'query($id: ID!) { run(id: $id) { memories { id text } } }',
            { id: firstRun },
            { token: admin },
          )
        ).body,
      ).run as { memories: { id: string; text: string }[] }
    ).memories;
    assert.ok(stored.length >= 2, 'the first run stored memories');

    const at = async (runId: string, step: number) =>
      (
        dataOf((await t.gql(MEMORIES_AT, { id: runId, step }, { token: analyst })).body).run as {
          memoriesAt:
            | { id: string; score: number; text: string; kind: string; runId: string; step: number }[]
            | null;
        }
      ).memoriesAt;

    assert.deepEqual(await at(firstRun, 1), [], 'nothing to recall before the agent stored anything');
    const recalled = await at(secondRun, 1);
    assert.ok(recalled && recalled.length > 0, 'the second run recalled memories');
    const firstRunIds = new Set(stored.map((memory) => memory.id));
    for (const memory of recalled) {
      assert.ok(firstRunIds.has(memory.id), 'recalled from the first run');
      assert.equal(memory.runId, firstRun);
      assert.equal(memory.text, stored.find((s) => s.id === memory.id)?.text);
      assert.ok(Number.isFinite(memory.score));
    }
    const scores = recalled.map((memory) => memory.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'best first',
    );

    // Exactly what the reasoning event recorded: ids and scores, in order.
    const events = await t.store.readStream(runStream(secondRun));
    const reasoning = events.find((event) => event.type === 'ReasoningCompleted');
    assert.ok(reasoning);
    assert.deepEqual(
      (reasoning.data as { recalled?: unknown }).recalled,
      recalled.map(({ id, score }) => ({ memoryId: id, score })),
    );
  });

  it('memoriesAt: a step outside the run is BAD_USER_INPUT; a step recorded before recall was recorded is null', async () => {
    const { body } = await t.gql(MEMORIES_AT, { id: firstRun, step: 3 }, { token: analyst });
    assert.deepEqual(errorOf(body), { code: 'BAD_USER_INPUT', field: 'step' });

    // A run as recorded before this change: its reasoning event has no `recalled`.
    const legacyRun = newEventId();
    const { recalled: _, ...legacyReasoning } = exampleEvents.ReasoningCompleted;
    const appended = await t.store.append(runStream(legacyRun), [
      { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted, runId: legacyRun } },
      { id: newEventId(), type: 'ReasoningCompleted', data: { ...legacyReasoning } },
    ]);
    await t.runner.waitFor(appended.position, 10_000);
    const legacy = await t.gql(MEMORIES_AT, { id: legacyRun, step: 1 }, { token: analyst });
    assert.deepEqual(dataOf(legacy.body).run, { memoriesAt: null });
  });
});
