// EMAIL channels over SMTP_URL (a real SMTP server on 127.0.0.1): to the named addresses, or, when
// none are named, to the approvers (users whose role may approve).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  appendApprovalRequest,
  type GraphQLBody,
  startEchoRun,
  startTestApi,
  type TestApi,
} from '../graphql/api-testkit.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { startSmtpSink } from '../testkit/smtp-sink.ts';

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

const CREATE = `mutation($input: CreateNotificationChannelInput!) {
  createNotificationChannel(input: $input) { id to secretSet } }`;

async function until(what: string, ok: () => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('email notification channels (PGlite, SMTP sink)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://ops.example.com' },
      notifications: { pollMs: 25 },
    });
    for (const [email, role] of [
      ['boss@example.com', 'admin'],
      ['oncall@example.com', 'operator'],
      ['reader@example.com', 'analyst'],
    ] as const)
      await t.api.auth.createUser({ email, password: 'correct-horse-battery', role });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
    await drop();
  });

  it('tells the approvers of an approval request, with a link to it', async () => {
    const token = await t.tokenFor('admin');
    const created = dataOf(
      (
        await t.gql(
          CREATE,
          { input: { kind: 'EMAIL', name: 'approvers', events: ['APPROVAL_REQUESTED'] } },
          { token },
        )
      ).body,
    ).createNotificationChannel as { to: string[]; secretSet: boolean };
    assert.deepEqual(created.to, []);
    assert.equal(created.secretSet, false);
    const runId = await startEchoRun(t);
    await appendApprovalRequest(t.store, runId, { approvalId: randomUUID() });
    await until('the email', () => sink.received.length >= 1);
    const [mail] = sink.received;
    assert.ok(mail);
    assert.match(mail.subject, /^\[Spark-Ops\] Approval requested: Approval needed: echo \(HIGH\)/);
    const recipients = /^To: (.*)$/m.exec(mail.raw)?.[1] ?? '';
    assert.deepEqual(
      recipients
        .split(',')
        .map((to) => to.trim())
        .sort(),
      ['boss@example.com', 'oncall@example.com'],
    );
    // Quoted-printable wraps long lines with a soft break (`=` at the end of the line).
    const text = mail.raw.replace(/=\r?\n/g, '');
    assert.ok(text.includes(`Open in Spark-Ops: https://ops.example.com/maestro/runs/${runId}`), text);
    assert.match(mail.raw, /^X-Spark-Delivery: [0-9a-f-]{36}$/m);
  });

  it('sends to the named addresses when the channel names them (test button included)', async () => {
    const token = await t.tokenFor('admin');
    const created = dataOf(
      (
        await t.gql(
          CREATE,
          { input: { kind: 'EMAIL', name: 'team', to: ['team@example.com'], events: ['RUN_FAILED'] } },
          { token },
        )
      ).body,
    ).createNotificationChannel as { id: string };
    const before = sink.received.length;
    const result = dataOf(
      (
        await t.gql(
          'mutation($id: ID!) { testNotificationChannel(id: $id) { ok message } }',
          { id: created.id },
          { token },
        )
      ).body,
    ).testNotificationChannel as { ok: boolean; message: string };
    assert.deepEqual(result, { ok: true, message: 'Delivered (accepted by 1 of 1)' });
    assert.equal(sink.received.length, before + 1);
    assert.match(sink.received.at(-1)?.raw ?? '', /^To: team@example.com$/m);
  });
});
