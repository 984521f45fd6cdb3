import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fakeFinish } from '../activities/providers/fake-provider.ts';
import { createPgDatabase } from '../db/pg-database.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { pollUntil } from '../testkit/poll-until.ts';
import { createTestDatabase, createTestPglite } from '../testkit/postgres.ts';
import { type GraphQLBody, startTestApi, type TestApi, waitForRunStatus } from './api-testkit.ts';

function dataOf<T>(body: GraphQLBody): T {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as T;
}

const WAIT = { 'x-wait-for-projections': '5000' };

const CREATE = `mutation { createAgent(input: { name: "Analyzer", purpose: "Summarise", llmProvider: DEMO,
  llmModel: "model-v1", tools: ["echo"], systemPrompt: "prompt v1",
  approval: { timeoutMs: 600000, onExpiry: ESCALATE, escalateTo: { users: ["lead@example.com"] } } }) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { version } }`;
const ROLLBACK = `mutation($agentId: ID!, $version: Int!) {
  rollbackAgent(input: { agentId: $agentId, version: $version }) { version systemPrompt llmModel tools }
}`;
const START = `mutation($agentId: ID!, $agentVersion: Int) {
  startRun(input: { agentId: $agentId, agentVersion: $agentVersion, inputs: { goal: "g" } }) { id agentVersion }
}`;
const VERSIONS = `query($id: ID!) { agent(id: $id) { version
  versions { version changedBy changedAt agent { version systemPrompt llmModel tools approval { timeoutMs } } } } }`;
const DIFF = `query($id: ID!, $from: Int!, $to: Int!) { agent(id: $id) {
  versionDiff(from: $from, to: $to) { from to changes { field before after } } } }`;

interface VersionRow {
  version: number;
  changedBy: string | null;
  changedAt: string;
  agent: { version: number; systemPrompt: string; llmModel: string; tools: string[]; approval: unknown };
}

/** An agent at version 3: v2 changes the prompt and drops its approval timeout, v3 the model and tools. */
async function agentWithThreeVersions(t: TestApi, token: string): Promise<string> {
  const id = dataOf<{ createAgent: { id: string } }>((await t.gql(CREATE, {}, { token })).body).createAgent
    .id;
  await t.gql(
    UPDATE,
    { id, input: { systemPrompt: 'prompt v2', approval: { onExpiry: 'REJECT' } } },
    { token },
  );
  const v3 = await t.gql(
    UPDATE,
    { id, input: { llmModel: 'model-v3', tools: [] } },
    { token, headers: WAIT },
  );
  assert.equal(dataOf<{ updateAgent: { version: number } }>(v3.body).updateAgent.version, 3);
  return id;
}

/**
 * Waits for the run to end; it must have completed (the error says why it did not). Status and
 * error are read together, polled: a run the runs read model does not hold yet is read from the
 * log, which may be ahead of the row the projection writes next, so two separate reads could go
 * from COMPLETED back to QUEUED.
 */
async function completed(t: TestApi, token: string, runId: string): Promise<void> {
  const { value: run } = await pollUntil(
    async () => {
      const { body } = await t.gql(
        'query($id: ID!) { run(id: $id) { status error { message } } }',
        { id: runId },
        { token },
      );
      return dataOf<{ run: { status: string; error: unknown } }>(body).run;
    },
    (run) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(run.status),
  );
  assert.deepEqual(run, { status: 'COMPLETED', error: null });
}

const backends: [string, () => Promise<{ db: SqlDatabase; drop(): Promise<void> }>][] = [
  ['PostgreSQL', () => createTestDatabase('spark_versions')],
  ['PGlite', createTestPglite],
];

describe.each(backends)('agent versions over GraphQL (%s)', (_name, makeDb) => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let token: string;
  let agentId: string;

  beforeAll(async () => {
    const target = await makeDb();
    drop = target.drop;
    t = await startTestApi({ db: target.db, script: [fakeFinish('done'), fakeFinish('done')] });
    token = await t.tokenFor('admin');
    agentId = await agentWithThreeVersions(t, token);
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it("lists every version newest first, with its config, who changed it and when, and the agent's approval override", async () => {
    const { agent } = dataOf<{ agent: { version: number; versions: VersionRow[] } }>(
      (await t.gql(VERSIONS, { id: agentId }, { token })).body,
    );
    assert.equal(agent.version, 3);
    assert.deepEqual(
      agent.versions.map((v) => [
        v.version,
        v.changedBy,
        v.agent.version,
        v.agent.systemPrompt,
        v.agent.llmModel,
      ]),
      // The test token's user is not in the users table: its id stands for it.
      [
        [3, 'user-admin', 3, 'prompt v2', 'model-v3'],
        [2, 'user-admin', 2, 'prompt v2', 'model-v1'],
        [1, 'user-admin', 1, 'prompt v1', 'model-v1'],
      ],
    );
    assert.deepEqual(agent.versions[0]?.agent.tools, []);
    assert.deepEqual(agent.versions[2]?.agent.approval, { timeoutMs: 600000 });
    assert.deepEqual(
      agent.versions[1]?.agent.approval,
      { timeoutMs: null },
      'v2 replaced the override whole: no timeout',
    );
    const times = agent.versions.map((v) => Date.parse(v.changedAt));
    assert.ok(times[0]! >= times[1]! && times[1]! >= times[2]!, 'newest first');

    const current = await t.gql(
      'query($id: ID!) { agent(id: $id) { approval { timeoutMs onExpiry escalateTo { role users } } } }',
      { id: agentId },
      { token },
    );
    assert.deepEqual(dataOf<{ agent: { approval: unknown } }>(current.body).agent.approval, {
      timeoutMs: null,
      onExpiry: 'REJECT',
      escalateTo: null,
    });
  });

  it('diffs two versions field by field, either way, and names an unknown version', async () => {
    const diff = async (from: number, to: number) =>
      (await t.gql(DIFF, { id: agentId, from, to }, { token })).body;
    const forward = dataOf<{ agent: { versionDiff: unknown } }>(await diff(1, 3)).agent.versionDiff;
    assert.deepEqual(forward, {
      from: 1,
      to: 3,
      changes: [
        { field: 'approval.escalateTo', before: { users: ['lead@example.com'] }, after: null },
        { field: 'approval.onExpiry', before: 'escalate', after: 'reject' },
        { field: 'approval.timeoutMs', before: 600000, after: null },
        { field: 'llm.model', before: 'model-v1', after: 'model-v3' },
        { field: 'systemPrompt', before: 'prompt v1', after: 'prompt v2' },
        { field: 'tools', before: ['echo'], after: [] },
      ],
    });
    const back = dataOf<{ agent: { versionDiff: { changes: { field: string; before: unknown }[] } } }>(
      await diff(3, 2),
    ).agent.versionDiff;
    assert.deepEqual(back.changes, [
      { field: 'llm.model', before: 'model-v3', after: 'model-v1' },
      { field: 'tools', before: [], after: ['echo'] },
    ]);
    const unknown = await diff(1, 7);
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(unknown.errors?.[0]?.extensions?.field, 'to');
    assert.match(unknown.errors?.[0]?.message ?? '', /has no version 7 \(its latest is 3\)/);
  });

  it('pins a run to a version: driven with its prompt, model and tools; Run.agent shows that version', async () => {
    const started = dataOf<{ startRun: { id: string; agentVersion: number } }>(
      (await t.gql(START, { agentId, agentVersion: 1 }, { token })).body,
    ).startRun;
    assert.equal(started.agentVersion, 1);
    await completed(t, token, started.id);
    const request = t.model?.requests.at(-1);
    assert.ok(request, 'the model was asked');
    assert.equal(request.model, 'model-v1');
    assert.match(request.system, /prompt v1/);
    assert.ok(
      request.tools.some((tool) => tool.name === 'echo'),
      'v1 offers echo',
    );

    const run = await t.gql(
      'query($id: ID!) { run(id: $id) { agentVersion agent { id version systemPrompt llmModel } } }',
      { id: started.id },
      { token },
    );
    assert.deepEqual(dataOf<{ run: unknown }>(run.body).run, {
      agentVersion: 1,
      agent: { id: agentId, version: 1, systemPrompt: 'prompt v1', llmModel: 'model-v1' },
    });

    // Without a version the run takes the latest, which offers no echo.
    const latest = dataOf<{ startRun: { id: string; agentVersion: number } }>(
      (await t.gql(START, { agentId }, { token })).body,
    ).startRun;
    assert.equal(latest.agentVersion, 3);
    await completed(t, token, latest.id);
    const second = t.model?.requests.at(-1);
    assert.equal(second?.model, 'model-v3');
    assert.equal(
      second?.tools.some((tool) => tool.name === 'echo'),
      false,
    );
  });

  it('refuses a run of an unknown version, naming the field, and starts nothing', async () => {
    const before = (await t.store.readAll({ maxCount: 10_000 })).length;
    const { body } = await t.gql(START, { agentId, agentVersion: 9 }, { token });
    assert.equal(body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(body.errors?.[0]?.extensions?.field, 'agentVersion');
    assert.match(body.errors?.[0]?.message ?? '', /has no version 9 \(its latest is 3\)/);
    assert.equal((await t.store.readAll({ maxCount: 10_000 })).length, before);
  });

  it('rolls back: a new version equal to the old one, and an unknown version changes nothing', async () => {
    const rolled = await t.gql(ROLLBACK, { agentId, version: 1 }, { token, headers: WAIT });
    assert.deepEqual(dataOf<{ rollbackAgent: unknown }>(rolled.body).rollbackAgent, {
      version: 4,
      systemPrompt: 'prompt v1',
      llmModel: 'model-v1',
      tools: ['echo'],
    });
    const diff = dataOf<{ agent: { versionDiff: { changes: unknown[] } } }>(
      (await t.gql(DIFF, { id: agentId, from: 1, to: 4 }, { token })).body,
    );
    assert.deepEqual(diff.agent.versionDiff.changes, [], 'v4 equals v1, approval override included');

    const bad = await t.gql(ROLLBACK, { agentId, version: 5 }, { token });
    assert.equal(bad.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(bad.body.errors?.[0]?.extensions?.field, 'version');
    const { agent } = dataOf<{ agent: { version: number; versions: VersionRow[] } }>(
      (await t.gql(VERSIONS, { id: agentId }, { token })).body,
    );
    assert.deepEqual([agent.version, agent.versions.length], [4, 4]);
  });
});

describe('a pinned run resumed by another instance (PostgreSQL)', () => {
  it('is driven with the pinned config by a worker that did not start it', async () => {
    const target = await createTestDatabase('spark_versions');
    // The instance that starts the run has no worker: the run is driven only after "a restart", by
    // another process that knows nothing but the log.
    const api = await startTestApi({ db: target.db, worker: false });
    const worker = await startTestApi({
      db: createPgDatabase({ connectionString: target.url, max: 5 }),
      script: [fakeFinish('done')],
    });
    try {
      const token = await api.tokenFor('admin');
      const agentId = await agentWithThreeVersions(api, token);
      const runId = dataOf<{ startRun: { id: string } }>(
        (await api.gql(START, { agentId, agentVersion: 2 }, { token })).body,
      ).startRun.id;
      await waitForRunStatus(api, token, runId, ['COMPLETED']);
      const request = worker.model?.requests[0];
      assert.equal(request?.model, 'model-v1');
      assert.match(request?.system ?? '', /prompt v2/);
      assert.equal(worker.model?.requests.length, 1);
    } finally {
      await worker.close();
      await worker.db.close();
      await api.close();
      await target.drop();
    }
  });
});
