import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { evaluationStream, runStream } from '../../../schema/events/index.ts';
import type { SqlDatabase } from '../../db/sql-database.ts';
import { type GraphQLBody, startTestApi, type TestApi } from '../../graphql/api-testkit.ts';
import { startFakeOpenAiServer } from '../../testkit/fake-openai-server.ts';
import { createTestPglite } from '../../testkit/postgres.ts';
import { evaluationRunId } from './evaluation-state.ts';

const dataOf = (body: GraphQLBody) => {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
};
const errorOf = (body: GraphQLBody) => {
  const error = body.errors?.[0] as
    | { message: string; extensions?: { code?: string; field?: string } }
    | undefined;
  assert.ok(error, 'an error');
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
};
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A model that says hello to a goal that asks for it, and otherwise echoes once, then finishes.
function script(goal: string, toolResults: number) {
  if (goal.includes('hello')) return { name: 'finish', arguments: { output: 'hello world' } };
  return toolResults === 0
    ? { name: 'echo', arguments: { text: 'x' } }
    : { name: 'finish', arguments: { output: 'echoed' } };
}

const ECHO_IS_LOW = [
  { id: 'echo', description: 'Echo', match: { tool: 'echo' }, risk: 'LOW', reason: 'Echo is fine.' },
];

const EVALUATION = `query($id: ID!) {
  evaluation(id: $id) {
    id status agentVersion itemCount scoredCount passedCount score costUsd meanLatencyMs
    items { itemId index runId goal expectedOutput score passed runStatus output steps tokens costUsd latencyMs
            scores { scorer kind score passed reason } }
  }
}`;

const START = `mutation($input: StartEvaluationInput!) { startEvaluation(input: $input) { id status itemCount } }`;

interface ItemView {
  itemId: string;
  runId: string;
  goal: string;
  score: number;
  passed: boolean;
  runStatus: string;
  output: unknown;
  steps: number;
  tokens: number;
  costUsd: number;
  latencyMs: number;
  scores: { scorer: string; kind: string; score: number; passed: boolean; reason: string }[];
}

async function setUp(t: TestApi, token: string) {
  const policy = await t.gql(
    'mutation($rules: JSON!) { createPolicy(input: { name: "echo is fine", rules: $rules }) { id } }',
    { rules: ECHO_IS_LOW },
    { token },
  );
  const policyId = (dataOf(policy.body).createPolicy as { id: string }).id;
  const agent = await t.gql(
    `mutation($policyIds: [ID!]) { createAgent(input: { name: "greeter", purpose: "greet", llmProvider: OPENAI,
      llmModel: "gpt-5.4-mini", tools: ["echo"], systemPrompt: "Greet.", policyIds: $policyIds }) { id } }`,
    { policyIds: [policyId] },
    { token },
  );
  return (dataOf(agent.body).createAgent as { id: string }).id;
}

async function createDataset(t: TestApi, token: string, items: unknown[]) {
  const created = await t.gql(
    'mutation { createDataset(input: { name: " Greetings " }) { id name itemCount } }',
    {},
    { token },
  );
  const dataset = dataOf(created.body).createDataset as { id: string; name: string; itemCount: number };
  assert.deepEqual([dataset.name, dataset.itemCount], ['Greetings', 0]);
  const added = await t.gql(
    'mutation($id: ID!, $items: [DatasetItemInput!]!) { addDatasetItems(datasetId: $id, items: $items) { id itemCount } }',
    { id: dataset.id, items },
    { token },
  );
  assert.equal((dataOf(added.body).addDatasetItems as { itemCount: number }).itemCount, items.length);
  return dataset.id;
}

async function waitForEvaluation(t: TestApi, token: string, id: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const evaluation = dataOf((await t.gql(EVALUATION, { id }, { token })).body).evaluation as {
      status: string;
      items: ItemView[];
    } & Record<string, unknown>;
    // Completed, and the runs read model has every run's end (cost and latency are joined from it).
    if (evaluation?.status === 'COMPLETED' && evaluation.items.every((item) => item.latencyMs !== null)) {
      return evaluation;
    }
    if (Date.now() > until)
      throw new Error(`evaluation ${id} did not complete: ${JSON.stringify(evaluation)}`);
    await delay(50);
  }
}

async function eventTypes(t: TestApi, stream: string) {
  return (await t.store.readStream(stream)).map((event) => event.type);
}

describe('datasets and evaluations over the API (PGlite, OpenAI wire format at a local fake, demo judge)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let fake: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  let token: string;
  let agentId: string;

  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    fake = await startFakeOpenAiServer({ script, latencyMs: 20 });
    t = await startTestApi({ db: target.db, llm: { openaiBaseUrl: fake.url, retry: { maxRetries: 0 } } });
    token = await t.tokenFor('analyst');
    agentId = await setUp(t, await t.tokenFor('admin'));
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await drop();
  });

  it('bad items are refused with the field at fault, and nothing is added', async () => {
    const datasetId = await createDataset(t, token, [{ goal: 'first' }]);
    const both = await t.gql(
      'mutation($id: ID!, $items: [DatasetItemInput!]!) { addDatasetItems(datasetId: $id, items: $items) { id } }',
      {
        id: datasetId,
        items: [{ goal: 'ok' }, { goal: 'g', runId: '01930000-0000-7000-8000-00000000dead' }],
      },
      { token },
    );
    assert.deepEqual(errorOf(both.body).field, 'items.1.runId');
    const unknownRun = await t.gql(
      'mutation($id: ID!, $items: [DatasetItemInput!]!) { addDatasetItems(datasetId: $id, items: $items) { id } }',
      { id: datasetId, items: [{ runId: '01930000-0000-7000-8000-00000000dead' }] },
      { token },
    );
    assert.deepEqual(
      [errorOf(unknownRun.body).code, errorOf(unknownRun.body).field],
      ['BAD_USER_INPUT', 'items.0.runId'],
    );
    const noDataset = await t.gql(
      'mutation($items: [DatasetItemInput!]!) { addDatasetItems(datasetId: "01930000-0000-7000-8000-00000000dead", items: $items) { id } }',
      { items: [{ goal: 'x' }] },
      { token },
    );
    assert.equal(errorOf(noDataset.body).code, 'NOT_FOUND');
    const dataset = await t.gql(
      'query($id: ID!) { dataset(id: $id) { itemCount items { goal expectedOutput sourceRunId } } }',
      { id: datasetId },
      { token },
    );
    assert.deepEqual(dataOf(dataset.body).dataset, {
      itemCount: 1,
      items: [{ goal: 'first', expectedOutput: null, sourceRunId: null }],
    });
  });

  it('a bad regex or JSON schema, an unknown version or a missing expected output is refused at startEvaluation', async () => {
    const datasetId = await createDataset(t, token, [{ goal: 'no expected output' }]);
    const input = (scorers: unknown[], more: Record<string, unknown> = {}) => ({
      input: { datasetId, agentId, agentVersion: 1, scorers, ...more },
    });
    const cases: [unknown, string][] = [
      [input([{ kind: 'REGEX', pattern: '(unclosed' }]), 'scorers.0.pattern'],
      [
        input([
          { kind: 'MAX_STEPS', max: 3 },
          { kind: 'JSON_SCHEMA', schema: { type: 'nonsense' } },
        ]),
        'scorers.1.schema',
      ],
      [input([{ kind: 'CONTAINS' }]), 'scorers.0.value'],
      [input([{ kind: 'LLM_JUDGE', provider: 'DEMO', model: 'm' }]), 'scorers.0.rubric'],
      [input([{ kind: 'MAX_STEPS', max: 3 }], { concurrency: 0 }), 'concurrency'],
    ];
    for (const [variables, field] of cases) {
      const refused = await t.gql(START, variables as Record<string, unknown>, { token });
      assert.deepEqual(
        [errorOf(refused.body).code, errorOf(refused.body).field],
        ['BAD_USER_INPUT', field],
        JSON.stringify(variables),
      );
    }
    const noVersion = await t.gql(START, input([{ kind: 'MAX_STEPS', max: 3 }], { agentVersion: 9 }), {
      token,
    });
    assert.equal(errorOf(noVersion.body).code, 'NOT_FOUND');
    const listed = await t.gql(
      'query($id: ID!) { evaluations(datasetId: $id) { id } }',
      { id: datasetId },
      { token },
    );
    assert.deepEqual(dataOf(listed.body).evaluations, [], 'nothing was started');
    const written = await t.store.readAll({ filter: { streamPrefixes: ['evaluation-'] } });
    assert.equal(written.length, 0);
  });

  it('runs the pinned agent version over every item (hand-written and from a run) and scores each run', async () => {
    // A run to take an item from: its goal and final answer.
    const started = await t.gql(
      'mutation($agentId: ID!) { startRun(input: { agentId: $agentId, inputs: { goal: "echo for the dataset" } }) { id } }',
      { agentId },
      { token: await t.tokenFor('operator') },
    );
    const sourceRunId = (dataOf(started.body).startRun as { id: string }).id;
    for (let i = 0; (await t.platform.runs.get(sourceRunId)).status !== 'COMPLETED'; i++) {
      if (i > 400) throw new Error('the source run did not complete');
      await delay(25);
    }
    const datasetId = await createDataset(t, token, [
      { goal: 'say hello', expectedOutput: 'hello world' },
      { goal: 'echo something', expectedOutput: 'hello world' },
      { runId: sourceRunId },
    ]);
    const items = dataOf(
      (
        await t.gql(
          'query($id: ID!) { dataset(id: $id) { items { id goal expectedOutput sourceRunId } } }',
          { id: datasetId },
          { token },
        )
      ).body,
    ).dataset as {
      items: { id: string; goal: string; expectedOutput: string | null; sourceRunId: string | null }[];
    };
    assert.deepEqual(items.items[2], {
      id: items.items[2]?.id,
      goal: 'echo for the dataset',
      expectedOutput: 'echoed',
      sourceRunId,
    });

    // Version 2 exists; the evaluation pins version 1.
    const updated = await t.gql(
      'mutation($id: ID!) { updateAgent(id: $id, input: { systemPrompt: "Greet warmly." }) { version } }',
      { id: agentId },
      { token: await t.tokenFor('admin') },
    );
    assert.equal((dataOf(updated.body).updateAgent as { version: number }).version, 2);

    const start = await t.gql(
      START,
      {
        input: {
          datasetId,
          agentId,
          agentVersion: 1,
          concurrency: 2,
          scorers: [
            { kind: 'CONTAINS' },
            { kind: 'MAX_STEPS', max: 1 },
            { kind: 'TOOL_SEQUENCE', tools: ['echo'] },
            {
              kind: 'LLM_JUDGE',
              name: 'judge',
              provider: 'DEMO',
              model: 'demo-judge',
              rubric: 'Says what was expected.',
            },
          ],
        },
      },
      { token },
    );
    const { id: evaluationId, itemCount } = dataOf(start.body).startEvaluation as {
      id: string;
      itemCount: number;
    };
    assert.equal(itemCount, 3);

    const evaluation = await waitForEvaluation(t, token, evaluationId);
    const byGoal = new Map((evaluation.items as ItemView[]).map((item) => [item.goal, item]));
    const scoresOf = (goal: string) => byGoal.get(goal)?.scores.map((s) => [s.scorer, s.score, s.passed]);
    assert.deepEqual(scoresOf('say hello'), [
      ['contains', 1, true],
      ['max_steps', 1, true],
      ['tool_sequence', 0, false],
      ['judge', 1, true],
    ]);
    assert.deepEqual(scoresOf('echo something'), [
      ['contains', 0, false],
      ['max_steps', 0, false],
      ['tool_sequence', 1, true],
      ['judge', 0, false],
    ]);
    assert.deepEqual(scoresOf('echo for the dataset'), [
      ['contains', 1, true],
      ['max_steps', 0, false],
      ['tool_sequence', 1, true],
      ['judge', 1, true],
    ]);
    assert.match(byGoal.get('echo something')?.scores[3]?.reason ?? '', /^\[demo judge\] 0 of the 2 words/);
    assert.deepEqual(
      (evaluation.items as ItemView[]).map((item) => [
        item.goal,
        item.score,
        item.passed,
        item.runStatus,
        item.output,
      ]),
      [
        ['say hello', 0.75, false, 'COMPLETED', 'hello world'],
        ['echo something', 0.25, false, 'COMPLETED', 'echoed'],
        ['echo for the dataset', 0.75, false, 'COMPLETED', 'echoed'],
      ],
    );
    assert.equal(evaluation.agentVersion, 1);
    assert.deepEqual([evaluation.itemCount, evaluation.scoredCount, evaluation.passedCount], [3, 3, 0]);
    assert.ok(Math.abs((evaluation.score as number) - 1.75 / 3) < 1e-9, String(evaluation.score));
    // Cost: the runs' priced model calls (gpt-5.4-mini); latency: each run's wall time.
    const itemCosts = (evaluation.items as ItemView[]).map((item) => item.costUsd);
    assert.ok(
      itemCosts.every((cost) => cost > 0),
      JSON.stringify(itemCosts),
    );
    assert.ok(Math.abs((evaluation.costUsd as number) - itemCosts.reduce((a, b) => a + b, 0)) < 1e-9);
    const latencies = (evaluation.items as ItemView[]).map((item) => item.latencyMs);
    assert.ok(
      latencies.every((ms) => ms >= 20),
      JSON.stringify(latencies),
    );
    assert.ok(Math.abs((evaluation.meanLatencyMs as number) - latencies.reduce((a, b) => a + b, 0) / 3) < 1);
    assert.deepEqual(
      (evaluation.items as ItemView[]).map((item) => [item.steps, item.tokens > 0]),
      [
        [1, true],
        [2, true],
        [2, true],
      ],
    );

    // The runs are real runs of version 1 under the ids derived from the evaluation and the item,
    // each scored once by a `RunScored` on its own stream.
    for (const item of evaluation.items as ItemView[]) {
      assert.equal(item.runId, evaluationRunId(evaluationId, item.itemId));
      const events = await t.store.readStream(runStream(item.runId));
      const started = events[0]?.data as { agentVersion: number; agent: { systemPrompt: string } };
      assert.equal(events[0]?.type, 'RunStarted');
      assert.deepEqual([started.agentVersion, started.agent.systemPrompt], [1, 'Greet.']);
      const scored = events.filter((event) => event.type === 'RunScored');
      assert.equal(scored.length, 1);
      const data = scored[0]?.data as { evaluationId: string; itemId: string; scores: unknown[] };
      assert.deepEqual(
        [data.evaluationId, data.itemId, data.scores],
        [evaluationId, item.itemId, item.scores.map((s) => ({ ...s, kind: s.kind.toLowerCase() }))],
      );
    }
    assert.deepEqual(await eventTypes(t, evaluationStream(evaluationId)), [
      'EvaluationStarted',
      'EvaluationItemScored',
      'EvaluationItemScored',
      'EvaluationItemScored',
      'EvaluationCompleted',
    ]);

    // Listed with its dataset; the dataset lists it too.
    const listed = await t.gql(
      '{ evaluations { id status dataset { name } agent { name } } datasets { id } }',
      {},
      { token },
    );
    const all = dataOf(listed.body);
    assert.deepEqual((all.evaluations as unknown[])[0], {
      id: evaluationId,
      status: 'COMPLETED',
      dataset: { name: 'Greetings' },
      agent: { name: 'greeter' },
    });
    assert.ok((all.datasets as { id: string }[]).some((d) => d.id === datasetId));
  });
});

describe('an evaluation interrupted by a stop resumes on the next start and never starts a run twice', () => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let fake: Awaited<ReturnType<typeof startFakeOpenAiServer>>;

  beforeAll(async () => {
    ({ db, drop } = await createTestPglite());
    fake = await startFakeOpenAiServer({ script, latencyMs: 150 });
  });
  afterAll(async () => {
    await fake.close();
    await drop();
  });

  it('resumes from its checkpoint, follows the run that was in flight, and scores every item once', async () => {
    const first = await startTestApi({ db, llm: { openaiBaseUrl: fake.url, retry: { maxRetries: 0 } } });
    const token = await first.tokenFor('analyst');
    const agentId = await setUp(first, await first.tokenFor('admin'));
    const datasetId = await createDataset(first, token, [
      { goal: 'echo one', expectedOutput: 'echoed' },
      { goal: 'echo two', expectedOutput: 'echoed' },
      { goal: 'echo three', expectedOutput: 'echoed' },
    ]);
    const start = await first.gql(
      START,
      { input: { datasetId, agentId, agentVersion: 1, concurrency: 1, scorers: [{ kind: 'EXACT' }] } },
      { token },
    );
    const evaluationId = (dataOf(start.body).startEvaluation as { id: string }).id;

    // Stop the process while the second item's run is in flight (the first one is scored).
    const stream = evaluationStream(evaluationId);
    const started = (await first.store.readStream(stream))[0]?.data as {
      items: { itemId: string; runId: string }[];
    };
    const secondRun = started.items[1]?.runId as string;
    for (let i = 0; ; i++) {
      const scored = (await eventTypes(first, stream)).filter(
        (type) => type === 'EvaluationItemScored',
      ).length;
      const inFlight = (await first.store.readStream(runStream(secondRun))).length > 0;
      if (scored === 1 && inFlight) break;
      if (i > 600) throw new Error('the second run never started');
      await delay(10);
    }
    await first.close();
    const runEnded = (await eventTypes(first, runStream(secondRun))).some((type) => type === 'RunCompleted');
    assert.equal(runEnded, false, 'the second run was interrupted before it ended');
    assert.equal((await eventTypes(first, stream)).includes('EvaluationCompleted'), false);

    // A new process: the worker finds the open evaluation and carries on.
    const second = await startTestApi({ db, llm: { openaiBaseUrl: fake.url, retry: { maxRetries: 0 } } });
    try {
      const evaluation = await waitForEvaluation(second, await second.tokenFor('analyst'), evaluationId);
      assert.deepEqual(
        (evaluation.items as ItemView[]).map((item) => [item.goal, item.score, item.runId]),
        started.items.map((item, i) => [`echo ${['one', 'two', 'three'][i]}`, 1, item.runId]),
      );
      const runStarts = await second.store.readAll({ filter: { eventTypes: ['RunStarted'] } });
      assert.deepEqual(
        runStarts.map((event) => (event.data as { runId: string }).runId).sort(),
        started.items.map((item) => item.runId).sort(),
        'one run per item, no second run for the interrupted one',
      );
      for (const item of started.items) {
        const types = await eventTypes(second, runStream(item.runId));
        assert.equal(types.filter((type) => type === 'RunScored').length, 1, item.runId);
      }
      assert.deepEqual(
        (await eventTypes(second, stream)).filter((type) => type !== 'EvaluationStarted'),
        ['EvaluationItemScored', 'EvaluationItemScored', 'EvaluationItemScored', 'EvaluationCompleted'],
      );
    } finally {
      await second.close();
    }
  });
});
