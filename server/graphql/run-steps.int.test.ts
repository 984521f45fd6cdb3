import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { newEventId } from '../eventstore/ids.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { startEchoRun, startTestApi, type TestApi } from './api-testkit.ts';
import { collect, wsClient } from './ws-testkit.ts';

const STEP_FIELDS = `runId step status kind thought tool paramsSummary params output outcome result editedBy
  risk decision inputTokens outputTokens cachedTokens reasoningTokens costUsd latencyMs startedAt finishedAt
  durationMs firstRevision lastRevision`;

const STEPS = `query($id: ID!, $first: Int, $after: String) { run(id: $id) { steps(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${STEP_FIELDS} } } } } }`;

type Step = Record<string, unknown> & { step: number; status: string };
type StepPage = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Step }[];
};

describe('run steps over GraphQL (PGlite)', () => {
  let t: TestApi;
  let token: string;
  let drop: () => Promise<void>;
  let operatorId: string;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({ db: target.db, worker: false });
    token = await t.tokenFor('admin');
    const operator = await t.api.auth.createUser({
      email: 'ops@example.com',
      password: 'a long enough password',
      role: 'operator',
    });
    operatorId = operator.id;
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  /**
   * One approved and edited step, then a finish: appended one event at a time, as the engine does.
   * `afterFirst` runs once the first event is appended (a live test waits for its row there).
   */
  async function story(runId: string, afterFirst?: () => Promise<unknown>): Promise<string> {
    const approvalId = newEventId();
    const callId = newEventId();
    const params = { text: 'hello' };
    const { action: _, ...reasoning } = exampleEvents.ReasoningCompleted;
    const events: { type: string; data: Record<string, unknown> }[] = [
      { type: 'ReasoningCompleted', data: { ...reasoning, action: { tool: 'echo', params } } },
      {
        type: 'SafetyEvaluated',
        data: { ...exampleEvents.SafetyEvaluated, tool: 'echo', policyId: null, policyVersion: null },
      },
      {
        type: 'ApprovalRequested',
        data: { ...exampleEvents.ApprovalRequested, approvalId, tool: 'echo', params },
      },
      { type: 'ApprovalGranted', data: { approvalId, by: operatorId, editedParams: { text: 'edited' } } },
      {
        type: 'ToolCallStarted',
        data: { step: 1, callId, tool: 'echo', params: { text: 'edited' }, idempotent: true },
      },
      { type: 'ToolCallSucceeded', data: { callId, result: { echoed: 'edited' }, durationMs: 3 } },
      {
        type: 'ReasoningCompleted',
        data: { ...reasoning, step: 2, thought: 'Done.', finish: { output: 'ok' } },
      },
    ];
    let position = '';
    for (const [i, event] of events.entries()) {
      ({ position } = await t.store.append(runStream(runId), [{ id: newEventId(), ...event }]));
      if (i === 0) await afterFirst?.();
    }
    return position;
  }

  it('a live step row equals the row the projection writes, field for field', async () => {
    const runId = await startEchoRun(t);
    const client = wsClient(t.wsUrl, token);
    const live = collect<Step>(
      client,
      `subscription($runId: ID!) { runStepUpdated(runId: $runId) { ${STEP_FIELDS} } }`,
      { runId },
      'runStepUpdated',
    );
    // The first row proves the subscription live (from the log if it started after the append, else
    // from the live tail) before the rest is appended: a fixed pause was too short on a busy machine.
    const position = await story(runId, () => live.until(1, 60_000));
    const rows = await live.until(7, 60_000);
    await client.dispose();
    assert.deepEqual(
      rows.map((row) => `${row.step}:${row.status}`),
      [
        '1:RUNNING_TOOL',
        '1:WAITING_FOR_APPROVAL',
        '1:WAITING_FOR_APPROVAL',
        '1:RUNNING_TOOL',
        '1:RUNNING_TOOL',
        '1:SUCCEEDED',
        '2:FINISHED',
      ],
    );
    assert.equal(await t.runner.waitFor(position, 10_000), true);
    const { body } = await t.gql(STEPS, { id: runId }, { token });
    const page = (body.data!.run as { steps: StepPage }).steps;
    const lastLive = [rows[5], rows[6]];
    assert.deepEqual(
      page.edges.map((edge) => edge.node),
      lastLive,
    );
    const first = page.edges[0]?.node as Step;
    assert.equal(first.editedBy, 'ops@example.com', 'people are shown by email');
    assert.deepEqual(first.params, { text: 'edited' });
    assert.equal(first.decision, 'REQUIRE_APPROVAL');
    assert.equal(first.paramsSummary, '{"text":"edited"}');
    const approvals = await t.gql(
      'query($id: ID!) { run(id: $id) { hitlRequests { id decidedBy } } }',
      { id: runId },
      { token },
    );
    const [approval] = (approvals.body.data!.run as { hitlRequests: { id: string; decidedBy: string }[] })
      .hitlRequests;
    assert.equal(approval?.decidedBy, 'ops@example.com');
    assert.match(approval?.id ?? '', new RegExp(`^${runId}:`));
  });

  it('pages steps with a total and serves the events of one step', async () => {
    const runId = await startEchoRun(t);
    const position = await story(runId);
    assert.equal(await t.runner.waitFor(position, 10_000), true);
    const first = (await t.gql(STEPS, { id: runId, first: 1 }, { token })).body.data?.run as {
      steps: StepPage;
    };
    assert.deepEqual(
      [first.steps.totalCount, first.steps.pageInfo.hasNextPage, first.steps.edges.length],
      [2, true, 1],
    );
    const rest = (
      await t.gql(STEPS, { id: runId, first: 1000, after: first.steps.pageInfo.endCursor }, { token })
    ).body.data?.run as { steps: StepPage };
    assert.deepEqual(
      rest.steps.edges.map((edge) => edge.node.step),
      [2],
    );
    const tooMany = await t.gql(STEPS, { id: runId, first: 1001 }, { token });
    assert.equal(tooMany.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const events = await t.gql(
      'query($id: ID!) { run(id: $id) { stepEvents(step: 1) { type revision } } }',
      { id: runId },
      { token },
    );
    assert.deepEqual(
      (events.body.data!.run as { stepEvents: { type: string }[] }).stepEvents.map((event) => event.type),
      [
        'ReasoningCompleted',
        'SafetyEvaluated',
        'ApprovalRequested',
        'ApprovalGranted',
        'ToolCallStarted',
        'ToolCallSucceeded',
      ],
    );
  });
});
