import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runStream } from '../../schema/events/index.ts';
import { type GraphQLBody, startTestApi, type TestApi } from '../graphql/api-testkit.ts';
import { startFakeOpenAiServer } from '../testkit/fake-openai-server.ts';
import { createTestPglite } from '../testkit/postgres.ts';

const dataOf = (body: GraphQLBody) => {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
};

const REPLAY = `query($runId: ID!) {
  replayRun(runId: $runId) { runId matched decisionsCompared firstDivergence { revision expected actual } }
}`;

const BACKTEST = `query($input: BacktestPolicyInput!) {
  backtestPolicy(input: $input) {
    runsEvaluated callsEvaluated changedCalls
    calls(first: 10) {
      edges { node { runId step tool params recordedDecision draftDecision recordedRisk draftRisk reasons } }
      pageInfo { hasNextPage }
    }
  }
}`;

const execFileAsync = promisify(execFile);

const SECRET = 'sk-test-0123456789abcdef0123';

const echoRule = (risk: string) => [
  { id: 'echo', description: 'Echo', match: { tool: 'echo' }, risk, reason: `Echo is ${risk} here.` },
];

describe('analysis over the API: replayRun, exportRun, backtestPolicy (PGlite, OpenAI wire format at a local fake)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let fakeOpenAi: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  let token: string;
  let runId: string;
  let policyId: string;
  let agentId: string;

  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    // Step 1 echoes, step 2 finishes.
    fakeOpenAi = await startFakeOpenAiServer({
      script: (_goal, toolResults) =>
        toolResults === 0
          ? { name: 'echo', arguments: { text: 'hello' } }
          : { name: 'finish', arguments: { output: 'echoed' } },
    });
    t = await startTestApi({
      db: target.db,
      llm: { openaiBaseUrl: fakeOpenAi.url, retry: { maxRetries: 0 } },
    });
    token = await t.tokenFor('admin');
    const policy = await t.gql(
      'mutation($rules: JSON!) { createPolicy(input: { name: "echo is fine", rules: $rules }) { id } }',
      { rules: echoRule('LOW') },
      { token },
    );
    policyId = (dataOf(policy.body).createPolicy as { id: string }).id;
    const agent = await t.gql(
      `mutation($policyIds: [ID!]) { createAgent(input: { name: "echoer", purpose: "echo", llmProvider: OPENAI,
        llmModel: "gpt-test", tools: ["echo"], systemPrompt: "Echo.", policyIds: $policyIds }) { id } }`,
      { policyIds: [policyId] },
      { token },
    );
    agentId = (dataOf(agent.body).createAgent as { id: string }).id;
    const run = await t.gql(
      'mutation($agentId: ID!, $goal: String!) { startRun(input: { agentId: $agentId, inputs: { goal: $goal } }) { id } }',
      { agentId, goal: `say hello; the key is api_key=${SECRET}` },
      { token },
    );
    runId = (dataOf(run.body).startRun as { id: string }).id;
    for (let i = 0; i < 200; i++) {
      // Completed in the log, and in the runs read model (back-testing selects runs there).
      const listed = await t.platform.read.runs({ agentId }, { first: 10 });
      if (listed.items.some((run) => run.id === runId && run.status === 'COMPLETED')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the run did not complete');
  });
  afterAll(async () => {
    await t.close();
    await fakeOpenAi.close();
    await drop();
  });

  it('given a completed run, replay matches every decision and calls no model, tool or embedder', async () => {
    const modelCalls = fakeOpenAi.requests.length;
    const eventsBefore = (await t.store.readStream(runStream(runId))).length;
    assert.equal(modelCalls, 2);

    const replay = await t.gql(REPLAY, { runId }, { token: await t.tokenFor('analyst') });

    assert.deepEqual(dataOf(replay.body).replayRun, {
      runId,
      matched: true,
      // answer 1, verdict, tool start, memory 1, answer 2, memory 2, completion
      decisionsCompared: 7,
      firstDivergence: null,
    });
    assert.equal(fakeOpenAi.requests.length, modelCalls, 'no request reached the model server');
    assert.equal((await t.store.readStream(runStream(runId))).length, eventsBefore, 'replay writes nothing');
  });

  it('exportRun gives a redacted, versioned fixture that replay-check passes as the same run', async () => {
    const exported = await t.gql('query($runId: ID!) { exportRun(runId: $runId) }', { runId }, { token });
    const fixture = dataOf(exported.body).exportRun as Record<string, unknown>;
    const events = await t.store.readStream(runStream(runId));
    assert.equal(fixture.format, 'spark-ops/run-fixture');
    assert.equal(fixture.formatVersion, 1);
    assert.equal((fixture.events as unknown[]).length, events.length);
    assert.deepEqual((fixture.agent as { tools: string[] }).tools, ['echo']);
    assert.equal(JSON.stringify(fixture).includes(SECRET), false, 'the secret is redacted');
    assert.match((fixture.inputs as { goal: string }).goal, /api_key=\[REDACTED\]/);
    assert.deepEqual(
      (fixture.questions as { step: number }[]).map((question) => question.step),
      [1, 2],
    );

    const dir = mkdtempSync(join(tmpdir(), 'exported-'));
    try {
      const file = join(dir, 'run.json');
      writeFileSync(file, JSON.stringify(fixture));
      // Asynchronously: the platform under test keeps serving while the CLI runs (exit 0, or this rejects).
      const check = await execFileAsync(
        process.execPath,
        ['--import', 'tsx', 'scripts/replay-check.ts', file],
        {
          cwd: join(import.meta.dirname, '..', '..'),
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      assert.equal(check.stdout, `same  ${file}  (7 decisions)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the policy now blocks the tool, replay reports the divergence at the recorded verdict', async () => {
    const updated = await t.gql(
      'mutation($id: ID!, $rules: JSON!) { updatePolicy(id: $id, input: { rules: $rules }) { version } }',
      { id: policyId, rules: echoRule('CRITICAL') },
      { token },
    );
    assert.equal((dataOf(updated.body).updatePolicy as { version: number }).version, 2);
    const events = await t.store.readStream(runStream(runId));
    const verdict = events.find((event) => event.type === 'SafetyEvaluated');

    const replay = await t.gql(REPLAY, { runId }, { token });

    const report = dataOf(replay.body).replayRun as Record<string, unknown>;
    assert.equal(report.matched, false);
    assert.equal(report.decisionsCompared, 2);
    assert.deepEqual(report.firstDivergence, {
      revision: verdict?.revision,
      expected: 'SafetyEvaluated step 1 echo: allow (LOW)',
      actual: 'SafetyEvaluated step 1 echo: block (CRITICAL)',
    });
    assert.equal(fakeOpenAi.requests.length, 2);
  });

  it('a run that does not exist is NOT_FOUND', async () => {
    const missing = await t.gql(REPLAY, { runId: '01930000-0000-7000-8000-00000000dead' }, { token });
    assert.equal(missing.body.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('backtestPolicy sets a draft beside the recorded verdicts, and runs no tool', async () => {
    const modelCalls = fakeOpenAi.requests.length;
    const stricter = await t.gql(BACKTEST, { input: { policyId, draft: echoRule('HIGH') } }, { token });
    assert.deepEqual(dataOf(stricter.body).backtestPolicy, {
      runsEvaluated: 1,
      callsEvaluated: 1,
      changedCalls: 1,
      calls: {
        edges: [
          {
            node: {
              runId,
              step: 1,
              tool: 'echo',
              params: { text: 'hello' },
              recordedDecision: 'ALLOW',
              draftDecision: 'REQUIRE_APPROVAL',
              recordedRisk: 'LOW',
              draftRisk: 'HIGH',
              reasons: ['Echo is HIGH here.'],
            },
          },
        ],
        pageInfo: { hasNextPage: false },
      },
    });
    const same = await t.gql(BACKTEST, { input: { policyId, draft: echoRule('LOW'), agentId } }, { token });
    const report = dataOf(same.body).backtestPolicy as Record<string, unknown>;
    assert.deepEqual([report.runsEvaluated, report.callsEvaluated, report.changedCalls], [1, 1, 0]);
    const later = await t.gql(
      BACKTEST,
      { input: { policyId, draft: echoRule('HIGH'), since: new Date(Date.now() + 60_000).toISOString() } },
      { token },
    );
    assert.equal((dataOf(later.body).backtestPolicy as Record<string, unknown>).runsEvaluated, 0);
    assert.equal(fakeOpenAi.requests.length, modelCalls);
  });

  it('backtestPolicy refuses a draft that is no list of rules, naming the field', async () => {
    const bad = await t.gql(
      BACKTEST,
      { input: { policyId, draft: [{ ...echoRule('HIGH')[0], risk: 'SEVERE' }] } },
      { token },
    );
    assert.equal(bad.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(bad.body.errors?.[0]?.extensions?.field, 'draft.0.risk');
    const many = await t.gql(BACKTEST, { input: { policyId, draft: [], lastRuns: 0 } }, { token });
    assert.equal(many.body.errors?.[0]?.extensions?.field, 'lastRuns');
  });

  it('runDiff compares a fork whose tool params were edited with its source, step by step', async () => {
    const events = await t.store.readStream(runStream(runId));
    const proposed = events.find((event) => event.type === 'ReasoningCompleted');
    const forked = await t.gql(
      `mutation($runId: ID!, $at: Int!) {
        forkRun(runId: $runId, atRevision: $at, overrides: { toolParams: { text: "bye" } }) { id }
      }`,
      { runId, at: proposed?.revision },
      { token },
    );
    const forkId = (dataOf(forked.body).forkRun as { id: string }).id;
    for (let i = 0; i < 200; i++) {
      const fork = await t.platform.read.run(forkId);
      const steps = await t.platform.read.runSteps(forkId, { first: 10 });
      if (fork?.status === 'COMPLETED' && steps.items.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const diff = await t.gql(
      `query($a: ID!, $b: ID!) {
        runDiff(a: $a, b: $b) {
          a b differingSteps
          steps { step kind changes inherited a { tool params } b { tool params thought inputTokens costUsd latencyMs } }
        }
      }`,
      { a: forkId, b: runId },
      { token },
    );
    const view = dataOf(diff.body).runDiff as {
      a: string;
      b: string;
      differingSteps: number;
      steps: {
        step: number;
        kind: string;
        changes: string[];
        a: { params: unknown };
        b: Record<string, unknown>;
      }[];
    };
    assert.equal(view.a, forkId);
    assert.equal(view.b, runId);
    const [first] = view.steps;
    assert.equal(first?.step, 1);
    assert.equal(first?.kind, 'CHANGED');
    assert.ok(first?.changes.includes('params: text'), JSON.stringify(first?.changes));
    assert.deepEqual(first?.a.params, { text: 'bye' });
    assert.deepEqual(first?.b.params, { text: 'hello' });
    assert.equal(first?.b.tool, 'echo');
    assert.equal(typeof first?.b.inputTokens, 'number');
    assert.ok(view.differingSteps >= 1);

    // The fork replays too: its inherited history folded in, its edited params judged by its own safety.
    const replayed = await t.gql(REPLAY, { runId: forkId }, { token });
    const forkReport = dataOf(replayed.body).replayRun as { matched: boolean; decisionsCompared: number };
    assert.equal(forkReport.matched, true, JSON.stringify(forkReport));
    assert.ok(forkReport.decisionsCompared >= 3);

    const same = await t.gql(
      'query($a: ID!) { runDiff(a: $a, b: $a) { differingSteps steps { kind } } }',
      { a: runId },
      { token },
    );
    assert.deepEqual(dataOf(same.body).runDiff, {
      differingSteps: 0,
      steps: [{ kind: 'SAME' }, { kind: 'SAME' }],
    });
    const missing = await t.gql(
      'query($a: ID!, $b: ID!) { runDiff(a: $a, b: $b) { differingSteps } }',
      { a: runId, b: '01930000-0000-7000-8000-00000000dead' },
      { token },
    );
    assert.equal(missing.body.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });
});
