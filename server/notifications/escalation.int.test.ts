// Approvals that reach people: a policy rule sets the deadline, the on-expiry action (escalate) and
// the escalation target; the agent can override them; the escalation is emailed to its target.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fakeToolCall } from '../activities/providers/fake-provider.ts';
import { type GraphQLBody, startTestApi, type TestApi } from '../graphql/api-testkit.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { startSmtpSink } from '../testkit/smtp-sink.ts';
import { startWebhookReceiver } from '../testkit/webhook-receiver.ts';

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('approval deadlines and escalation from policy rules (PGlite)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver([{ status: 200 }]);
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      script: [fakeToolCall('echo', { text: 'hi' }), fakeToolCall('echo', { text: 'again' })],
      env: {
        SMTP_URL: sink.url,
        NOTIFICATION_ALLOW_HOSTS: '127.0.0.1',
        PUBLIC_URL: 'https://ops.example.com',
      },
      notifications: { pollMs: 25 },
    });
    await t.api.auth.createUser({
      email: 'boss@example.com',
      password: 'correct-horse-battery',
      role: 'admin',
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
    await receiver.close();
    await drop();
  });

  it('expires at the rule’s deadline, escalates to its target, and tells the target', async () => {
    const token = await t.tokenFor('admin');
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      dataOf((await t.gql(query, variables, { token })).body);
    const rules = [
      {
        id: 'echo-escalates',
        description: 'Echo waits 1.5 s for a human, then goes to the team lead',
        match: { tool: 'echo' },
        risk: 'HIGH',
        reason: 'Echo needs a human.',
        approval: { timeoutMs: 1500, onExpiry: 'escalate', escalateTo: { users: ['lead@example.com'] } },
      },
    ];
    const policy = (await gql(
      'mutation($rules: JSON!) { createPolicy(input: { name: "escalate", rules: $rules }) { id } }',
      {
        rules,
      },
    )) as { createPolicy: { id: string } };
    await gql(
      `mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { id } }`,
      { input: { kind: 'EMAIL', name: 'escalations', events: ['APPROVAL_ESCALATED'] } },
    );
    await gql(
      `mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { id } }`,
      {
        input: {
          kind: 'WEBHOOK',
          name: 'all approvals',
          url: receiver.url,
          secret: 'integrator-shared-secret-0123',
          events: ['APPROVAL_REQUESTED', 'APPROVAL_EXPIRED', 'APPROVAL_ESCALATED'],
        },
      },
    );
    const agent = (await gql(
      `mutation($policyIds: [ID!]) { createAgent(input: { name: "Echoer", purpose: "Echo", llmProvider: OPENAI,
         llmModel: "gpt-test", tools: ["echo"], systemPrompt: "Echo.", policyIds: $policyIds }) { id } }`,
      { policyIds: [policy.createPolicy.id] },
    )) as { createAgent: { id: string } };
    const run = (await gql(
      'mutation($id: ID!) { startRun(input: { agentId: $id, inputs: { goal: "g" } }) { id } }',
      {
        id: agent.createAgent.id,
      },
    )) as { startRun: { id: string } };
    const stream = `run-${run.startRun.id}`;

    const requested = await until('the approval request', async () =>
      (await t.store.readStream(stream)).find((event) => event.type === 'ApprovalRequested'),
    );
    const waitMs = new Date(String(requested.data.expiresAt)).getTime() - requested.recordedAt.getTime();
    assert.ok(waitMs >= 1400 && waitMs <= 1600, `the rule's 1.5 s deadline, not ${waitMs} ms`);
    assert.equal(requested.data.onExpiry, 'escalate');
    assert.deepEqual(requested.data.escalateTo, { users: ['lead@example.com'] });

    const escalated = await until('the escalation', async () =>
      (await t.store.readStream(stream)).find((event) => event.type === 'ApprovalEscalated'),
    );
    assert.equal(escalated.data.to, 'users:lead@example.com');

    await until('the escalation email', async () => (sink.received.length > 0 ? true : null));
    assert.equal(sink.received.length, 1);
    assert.match(sink.received[0]?.raw ?? '', /^To: lead@example.com$/m);
    // A long Subject is folded onto continuation lines: unfold it before reading.
    const headers = (sink.received[0]?.raw ?? '').replace(/\r?\n[ \t]+/g, ' ');
    assert.match(
      headers,
      /^Subject: \[Spark-Ops\] Approval escalated: Approval escalated to users:lead@example.com in run/m,
    );
    const events = (await receiver.waitFor(3)).map((request) => request.headers['x-spark-event']);
    // Deliveries go out in parallel: the two of the expiry may arrive in either order.
    assert.deepEqual(events.sort(), ['APPROVAL_ESCALATED', 'APPROVAL_EXPIRED', 'APPROVAL_REQUESTED']);
  });

  it('an agent’s override wins over the rule, field by field', async () => {
    const policy = await t.platform.policies.create(
      {
        name: 'slow',
        rules: [
          {
            id: 'echo-slow',
            description: 'Echo waits an hour, then is rejected',
            match: { tool: 'echo' },
            risk: 'HIGH',
            reason: 'Echo needs a human.',
            approval: { timeoutMs: 3_600_000, onExpiry: 'reject' },
          },
        ],
      },
      { id: 'admin' },
    );
    const agent = await t.platform.agents.create(
      {
        name: 'Override',
        purpose: 'Echo',
        llm: { provider: 'openai', model: 'gpt-test', temperature: 0, maxTokens: 256 },
        tools: ['echo'],
        policyIds: [policy.policy.id],
        approval: { timeoutMs: 120_000, escalateTo: { role: 'admin' } },
      },
      { id: 'admin' },
    );
    const run = await t.platform.runs.start(
      { agentId: agent.agent.agentId, inputs: { goal: 'g' } },
      { id: 'admin' },
    );
    const requested = await until('the approval request', async () =>
      (await t.store.readStream(`run-${run.runId}`)).find((event) => event.type === 'ApprovalRequested'),
    );
    const waitMs = new Date(String(requested.data.expiresAt)).getTime() - requested.recordedAt.getTime();
    assert.ok(waitMs >= 119_000 && waitMs <= 121_000, `the agent's 2 min, not ${waitMs} ms`);
    assert.equal(requested.data.onExpiry, 'reject');
    assert.deepEqual(requested.data.escalateTo, { role: 'admin' });
  });

  it('takes the agent’s override over GraphQL, and names the field of a bad one', async () => {
    const token = await t.tokenFor('admin');
    const CREATE = `mutation($approval: ApprovalSettingsInput) { createAgent(input: { name: "A", purpose: "P",
      llmProvider: OPENAI, llmModel: "gpt-test", tools: ["echo"], approval: $approval }) { id } }`;
    const ok = await t.gql(
      CREATE,
      { approval: { timeoutMs: 600_000, onExpiry: 'ESCALATE', escalateTo: { users: ['lead@example.com'] } } },
      { token },
    );
    const agentId = (dataOf(ok.body).createAgent as { id: string }).id;
    const created = (await t.store.readStream(`agent-${agentId}`))[0];
    assert.deepEqual(created?.data.approval, {
      timeoutMs: 600_000,
      onExpiry: 'escalate',
      escalateTo: { users: ['lead@example.com'] },
    });
    const bad = await t.gql(CREATE, { approval: { escalateTo: { role: 'intern' } } }, { token });
    assert.equal(bad.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(String(bad.body.errors?.[0]?.extensions?.field), /^approval\.escalateTo/);
  });
});
