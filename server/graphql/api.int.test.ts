import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { formatApprovalRef } from '../engine/approval-id.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { appendApprovalRequest, errorCode, startTestApi, type TestApi } from './api-testkit.ts';

const CREATE_AGENT = `mutation($input: CreateAgentInput!) {
  createAgent(input: $input) { id name llmProvider llmModel tools version status budget { maxSteps } }
}`;
const agentInput = {
  name: 'Triage',
  purpose: 'Sort tickets.',
  llmProvider: 'DEMO',
  llmModel: 'demo-scripted-1',
  tools: ['echo'],
  systemPrompt: 'Be brief.',
  budget: { maxSteps: 5 },
};

describe('GraphQL API (PGlite)', () => {
  let t: TestApi;
  let admin: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({ db: target.db });
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('creates an agent, returns its position, and reads it back after waiting for the projections', async () => {
    const created = await t.gql(CREATE_AGENT, { input: agentInput }, { token: admin });
    assert.equal(created.body.errors, undefined, JSON.stringify(created.body.errors));
    const agent = created.body.data!.createAgent as Record<string, unknown>;
    assert.equal(agent.llmProvider, 'DEMO');
    assert.deepEqual(agent.budget, { maxSteps: 5 });
    const position = created.body.extensions?.position;
    assert.equal(typeof position, 'string');

    const updated = await t.gql(
      `mutation($id: ID!) { updateAgent(id: $id, input: { name: "Renamed", llmModel: "demo-2" }) { id name llmModel llmProvider version } }`,
      { id: agent.id },
      { token: admin, headers: { 'x-wait-for-projections': '3000' } },
    );
    assert.equal(updated.body.errors, undefined, JSON.stringify(updated.body.errors));
    assert.deepEqual(updated.body.data!.updateAgent, {
      id: agent.id,
      name: 'Renamed',
      llmModel: 'demo-2',
      llmProvider: 'DEMO',
      version: 2,
    });
    const list = await t.gql(
      '{ agents(first: 10) { edges { node { id name } cursor } pageInfo { hasNextPage } } }',
      {},
      { token: admin },
    );
    assert.deepEqual(
      (list.body.data!.agents as { edges: { node: unknown }[] }).edges.map((e) => e.node),
      [{ id: agent.id, name: 'Renamed' }],
    );
  });

  it('starts a run, lists it, shows its events, steps and approval, and approves', async () => {
    const agent = (await t.gql(CREATE_AGENT, { input: agentInput }, { token: admin })).body.data
      ?.createAgent as {
      id: string;
    };
    const started = await t.gql(
      'mutation($input: StartRunInput!) { startRun(input: $input) { id status goal agentId } }',
      { input: { agentId: agent.id, inputs: { goal: 'Sort ticket 1' } } },
      { token: admin },
    );
    assert.equal(started.body.errors, undefined, JSON.stringify(started.body.errors));
    const run = started.body.data!.startRun as { id: string; status: string };
    assert.equal(run.status, 'QUEUED');
    const approvalId = '01930000-0000-7000-8000-0000000000aa';
    const appended = await appendApprovalRequest(t.store, run.id, {
      approvalId,
      params: { text: 'hi' },
      reasons: ['Testing.'],
    });
    assert.ok(await t.runner.waitFor(appended.position, 5000));
    const pending = await t.gql(
      '{ hitlRequests(status: PENDING) { edges { node { id tool risk run { id status agent { id } } } } } }',
      {},
      { token: admin },
    );
    assert.deepEqual(pending.body.data!.hitlRequests, {
      edges: [
        {
          node: {
            id: formatApprovalRef(run.id, approvalId),
            tool: 'echo',
            risk: 'HIGH',
            run: { id: run.id, status: 'WAITING_FOR_APPROVAL', agent: { id: agent.id } },
          },
        },
      ],
    });
    const detail = await t.gql(
      'query($id: ID!) { run(id: $id) { id events(first: 10) { edges { node { type revision position } } } hitlRequests { id } steps { totalCount edges { node { step } } } metrics { steps } } }',
      { id: run.id },
      { token: admin },
    );
    assert.equal(detail.body.errors, undefined, JSON.stringify(detail.body.errors));
    const events = (detail.body.data!.run as { events: { edges: { node: { type: string } }[] } }).events
      .edges;
    assert.deepEqual(
      events.map((edge) => edge.node.type),
      ['RunStarted', 'ApprovalRequested'],
    );
    // A page is at most 1,000 events: the console reads long histories in pages that size.
    for (const [first, code] of [
      [1000, undefined],
      [1001, 'BAD_USER_INPUT'],
      [0, 'BAD_USER_INPUT'],
    ] as const) {
      const page = await t.gql(
        'query($id: ID!, $first: Int) { run(id: $id) { events(first: $first) { edges { cursor } } } }',
        { id: run.id, first },
        { token: admin },
      );
      assert.equal(errorCode(page.body), code, `first: ${first}`);
      if (code) assert.equal(page.body.errors?.[0]?.extensions?.field, 'first');
    }

    // A bare approval id needs the run named; the public id `<runId>:<approvalId>` carries it.
    const bare = await t.gql(
      'mutation($id: ID!) { approveHitlRequest(id: $id) { id } }',
      { id: approvalId },
      { token: admin },
    );
    assert.equal(errorCode(bare.body), 'BAD_USER_INPUT');
    assert.equal(bare.body.errors?.[0]?.extensions?.field, 'runId');
    const ref = `${run.id}:${approvalId}`;
    const approved = await t.gql(
      'mutation($id: ID!) { approveHitlRequest(id: $id, comment: "ok", editedParams: { text: "hello" }) { id status decidedBy comment editedParams } }',
      { id: ref },
      { token: admin, headers: { 'x-wait-for-projections': '3000' } },
    );
    assert.equal(approved.body.errors, undefined, JSON.stringify(approved.body.errors));
    assert.deepEqual(approved.body.data!.approveHitlRequest, {
      id: ref,
      status: 'APPROVED',
      decidedBy: 'user-admin',
      comment: 'ok',
      editedParams: { text: 'hello' },
    });
    const again = await t.gql(
      'mutation($id: ID!, $runId: ID) { rejectHitlRequest(id: $id, runId: $runId) { id } }',
      { id: approvalId, runId: run.id },
      { token: admin },
    );
    assert.equal(errorCode(again.body), 'CONFLICT');
    assert.match(again.body.errors?.[0]?.message ?? '', /already decided/);
  });

  it('forks a run from one of its events with overrides', async () => {
    const agent = (await t.gql(CREATE_AGENT, { input: agentInput }, { token: admin })).body.data!
      .createAgent as {
      id: string;
    };
    const source = (
      await t.gql(
        'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
        { input: { agentId: agent.id, inputs: { goal: 'Original goal', ticket: '7' } } },
        { token: admin },
      )
    ).body.data!.startRun as { id: string };
    const analyst = await t.tokenFor('analyst');
    const forked = await t.gql(
      'mutation($runId: ID!) { forkRun(runId: $runId, atRevision: 0, overrides: { inputs: { goal: "New goal" } }) { id goal status forkedFrom { runId atRevision } } }',
      { runId: source.id },
      { token: analyst, headers: { 'x-wait-for-projections': '3000' } },
    );
    assert.equal(forked.body.errors, undefined, JSON.stringify(forked.body.errors));
    const run = forked.body.data!.forkRun as { id: string; goal: string; forkedFrom: unknown };
    assert.notEqual(run.id, source.id);
    assert.equal(run.goal, 'New goal');
    assert.deepEqual(run.forkedFrom, { runId: source.id, atRevision: 0 });
    const tooFar = await t.gql(
      'mutation($runId: ID!) { forkRun(runId: $runId, atRevision: 5) { id } }',
      { runId: source.id },
      { token: analyst },
    );
    assert.equal(errorCode(tooFar.body), 'BAD_USER_INPUT');
    assert.equal(tooFar.body.errors?.[0]?.extensions?.field, 'atRevision');
    // The fork runs as its caller.
    const [forkStarted] = await t.store.readStream(`run-${run.id}`, { maxCount: 1 });
    assert.equal(forkStarted?.metadata.actor, 'user-analyst');
  });

  it("refuses an analyst's fork that widens the agent's rights, appending nothing; an admin may", async () => {
    const agent = (await t.gql(CREATE_AGENT, { input: agentInput }, { token: admin })).body.data!
      .createAgent as { id: string };
    const source = (
      await t.gql(
        'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
        { input: { agentId: agent.id, inputs: { goal: 'Original goal' } } },
        { token: admin },
      )
    ).body.data!.startRun as { id: string };
    const otherTool = t.tools.describe().find((tool) => tool.name !== 'echo')?.name ?? 'send_email';
    const fork = (token: string, overrides: Record<string, unknown>) =>
      t.gql(
        'mutation($runId: ID!, $overrides: ForkOverrides) { forkRun(runId: $runId, atRevision: 0, overrides: $overrides) { id } }',
        { runId: source.id, overrides },
        { token },
      );
    const starts = async () => (await t.store.readAll({ filter: { eventTypes: ['RunStarted'] } })).length;
    const analyst = await t.tokenFor('analyst');
    const before = await starts();
    for (const overrides of [
      { tools: ['echo', otherTool] },
      { systemPrompt: 'Send every email without asking.', inputs: { goal: 'x' } },
    ]) {
      const refused = await fork(analyst, overrides);
      assert.equal(errorCode(refused.body), 'FORBIDDEN', JSON.stringify(overrides));
      assert.match(refused.body.errors?.[0]?.message ?? '', /adds tools|system prompt/);
    }
    assert.equal(await starts(), before, 'nothing appended');
    const narrower = await fork(analyst, { tools: [], inputs: { goal: 'Narrower' } });
    assert.equal(narrower.body.errors, undefined, JSON.stringify(narrower.body.errors));
    const widened = await fork(admin, { tools: ['echo', otherTool] });
    assert.equal(widened.body.errors, undefined, JSON.stringify(widened.body.errors));
  });

  it('reports expected failures with stable codes and masks the rest', async () => {
    const missing = await t.gql(
      'mutation { cancelRun(id: "01930000-0000-7000-8000-00000000ffff") { id } }',
      {},
      { token: admin },
    );
    assert.equal(errorCode(missing.body), 'NOT_FOUND');
    const badTool = await t.gql(
      CREATE_AGENT,
      { input: { ...agentInput, tools: ['nope'] } },
      { token: admin },
    );
    assert.equal(errorCode(badTool.body), 'BAD_USER_INPUT');
    assert.equal(badTool.body.errors?.[0]?.extensions?.field, 'tools');
    const badCursor = await t.gql('{ runs(after: "zz") { edges { cursor } } }', {}, { token: admin });
    assert.equal(errorCode(badCursor.body), 'BAD_USER_INPUT');
  });

  it('creates and updates a policy, validating its rules through the catalogue', async () => {
    const rules = [
      { id: 'r1', description: 'echo', match: { tool: 'echo' }, risk: 'HIGH', reason: 'Echo needs a human.' },
    ];
    const created = await t.gql(
      'mutation($rules: JSON!) { createPolicy(input: { name: "P", rules: $rules }) { id version rules } }',
      { rules },
      { token: admin },
    );
    assert.equal(created.body.errors, undefined, JSON.stringify(created.body.errors));
    const policy = created.body.data!.createPolicy as { id: string; version: number };
    const bad = await t.gql(
      'mutation($id: ID!, $rules: JSON!) { updatePolicy(id: $id, input: { rules: $rules }) { id } }',
      {
        id: policy.id,
        rules: [{ id: 'r1', match: { tool: 'echo' }, risk: 'SEVERE', reason: 'x', description: '' }],
      },
      { token: admin },
    );
    assert.equal(errorCode(bad.body), 'BAD_USER_INPUT');
    assert.equal(bad.body.errors?.[0]?.extensions?.field, 'rules.0.risk');
    const update = (expectedVersion: number, newRules: unknown[] = changedRules) =>
      t.gql(
        'mutation($id: ID!, $rules: JSON!, $v: Int) { updatePolicy(id: $id, input: { rules: $rules, expectedVersion: $v }) { version } }',
        { id: policy.id, rules: newRules, v: expectedVersion },
        { token: admin },
      );
    const changedRules = [{ ...rules[0], risk: 'MEDIUM' }];
    // Saving the rules it already has changes nothing: still version 1.
    const unchanged = await update(1, rules);
    assert.equal((unchanged.body.data!.updatePolicy as { version: number }).version, 1);
    const updated = await update(1);
    assert.equal(updated.body.errors, undefined, JSON.stringify(updated.body.errors));
    assert.equal((updated.body.data!.updatePolicy as { version: number }).version, 2);
    // Someone else saved version 2 first: a stale version is a conflict, not bad input.
    assert.equal(errorCode((await update(1)).body), 'CONFLICT');
    const list = await t.gql('{ policies { id version } }', {}, { token: admin });
    assert.ok((list.body.data!.policies as { id: string }[]).some((p) => p.id === policy.id));
    // A change note is kept with its version; one too long is refused at its field.
    const noted = (note: string) =>
      t.gql(
        'mutation($id: ID!, $rules: JSON!, $note: String) { updatePolicy(id: $id, input: { rules: $rules, note: $note }) { version versions { version note } } }',
        { id: policy.id, rules, note },
        { token: admin },
      );
    const tooLong = await noted('x'.repeat(501));
    assert.equal(errorCode(tooLong.body), 'BAD_USER_INPUT');
    assert.equal(tooLong.body.errors?.[0]?.extensions?.field, 'note');
    const withNote = await noted('Back to HIGH after the review');
    assert.equal(withNote.body.errors, undefined, JSON.stringify(withNote.body.errors));
    assert.deepEqual((withNote.body.data!.updatePolicy as { versions: unknown[] }).versions, [
      { version: 1, note: null },
      { version: 2, note: null },
      { version: 3, note: 'Back to HIGH after the review' },
    ]);
  });

  it('me, metrics and searchMemories answer', async () => {
    const me = await t.gql(
      '{ me { id role } metrics { runs runsByStatus { status count } pendingApprovals } }',
      {},
      { token: admin },
    );
    assert.equal(me.body.errors, undefined, JSON.stringify(me.body.errors));
    assert.deepEqual(me.body.data!.me, { id: 'user-admin', role: 'ADMIN' });
    const search = await t.gql(
      '{ searchMemories(agentId: "01930000-0000-7000-8000-000000000001", query: "refund", limit: 3) { id distance } }',
      {},
      { token: admin },
    );
    assert.deepEqual(search.body.data!.searchMemories, []);
  });
});
