// Notification channels end to end: the platform as `npm start` builds it, GraphQL as an admin,
// a real receiver on 127.0.0.1, on PGlite and on a PostgreSQL server.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { SqlDatabase } from '../db/sql-database.ts';
import {
  appendApprovalRequest,
  errorCode,
  type GraphQLBody,
  startEchoRun,
  startTestApi,
  type TestApi,
} from '../graphql/api-testkit.ts';
import { createTestDatabase, createTestPglite } from '../testkit/postgres.ts';
import { startWebhookReceiver } from '../testkit/webhook-receiver.ts';

const SECRET = 'integrator-shared-secret-0123';
const PUBLIC_URL = 'http://console.spark.test';

const CREATE = `mutation($input: CreateNotificationChannelInput!) {
  createNotificationChannel(input: $input) { id kind name url to events secretSet enabled }
}`;
const CHANNELS = `{ notificationChannels { id name enabled secretSet
  lastDelivery { status attempts responseCode }
  deliveries { id event status attempts lastError responseCode runId approvalId deliveredAt } } }`;

interface DeliveryRow {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastError: string | null;
  responseCode: number | null;
  runId: string | null;
  approvalId: string | null;
  deliveredAt: string | null;
}
interface ChannelRow {
  id: string;
  name: string;
  enabled: boolean;
  lastDelivery: { status: string; attempts: number; responseCode: number | null } | null;
  deliveries: DeliveryRow[];
}

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

/** An integrator's check: HMAC-SHA256 of the raw bytes with the shared secret, hex, `sha256=` prefix. */
function integratorVerifies(raw: Buffer, header: string | string[] | undefined): boolean {
  return header === `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const targets: [string, () => Promise<{ db: SqlDatabase; drop(): Promise<void> }>][] = [
  ['PGlite', createTestPglite],
  ['PostgreSQL', () => createTestDatabase('spark_notify')],
];

describe.each(targets)('notification channels (%s)', (_name, createDb) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  const open: TestApi[] = [];
  const start = async () => {
    const t = await startTestApi({
      db,
      env: { NOTIFICATION_ALLOW_HOSTS: '127.0.0.1', PUBLIC_URL: `${PUBLIC_URL}/` },
      notifications: { retry: { baseMs: 150, maxAttempts: 4 }, pollMs: 25 },
    });
    open.push(t);
    return t;
  };
  const channels = async (t: TestApi) =>
    dataOf((await t.gql(CHANNELS, {}, { token: await t.tokenFor('admin') })).body)
      .notificationChannels as ChannelRow[];
  const createChannel = async (t: TestApi, input: Record<string, unknown>) =>
    t.gql(CREATE, { input }, { token: await t.tokenFor('admin') });

  beforeAll(async () => {
    ({ db, drop } = await createDb());
  });
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });
  afterAll(async () => {
    await drop();
  });

  it('a webhook that fails (500) then succeeds is retried with the same delivery id, signed, and logged', async () => {
    const receiver = await startWebhookReceiver([{ status: 500 }, { status: 200 }]);
    try {
      const t = await start();
      const created = await createChannel(t, {
        kind: 'WEBHOOK',
        name: 'on-call',
        url: receiver.url,
        secret: SECRET,
        events: ['APPROVAL_REQUESTED', 'RUN_COMPLETED'],
      });
      const channel = dataOf(created.body).createNotificationChannel as Record<string, unknown>;
      assert.equal(channel.secretSet, true);
      assert.equal(channel.url, receiver.url);
      assert.ok(!JSON.stringify(created.body).includes(SECRET), 'the secret is never returned');

      const runId = await startEchoRun(t);
      const approvalId = randomUUID();
      await appendApprovalRequest(t.store, runId, { approvalId });
      const [first, second] = await receiver.waitFor(2);
      assert.ok(first && second);
      assert.equal(first.status, 500);
      assert.equal(second.status, 200);
      // Same bytes, same id: the receiver can tell a retry from a new notification.
      assert.equal(first.headers['x-spark-delivery'], second.headers['x-spark-delivery']);
      assert.deepEqual(first.raw, second.raw);
      assert.equal(second.headers['x-spark-event'], 'APPROVAL_REQUESTED');
      assert.equal(second.headers['content-type'], 'application/json');
      assert.ok(integratorVerifies(second.raw, second.headers['x-spark-signature']));
      assert.ok(
        !integratorVerifies(Buffer.from(`${second.raw.toString()} `), second.headers['x-spark-signature']),
      );
      const body = JSON.parse(second.raw.toString('utf8'));
      assert.equal(body.id, second.headers['x-spark-delivery']);
      assert.equal(body.event, 'APPROVAL_REQUESTED');
      assert.equal(body.runId, runId);
      assert.equal(body.approvalId, approvalId);
      assert.equal(body.url, `${PUBLIC_URL}/maestro/runs/${runId}`);
      assert.equal(body.details.tool, 'echo');
      assert.equal(body.source.type, 'ApprovalRequested');

      const [row] = await until('the delivery to be logged as delivered', async () => {
        const list = await channels(t);
        return list[0]?.lastDelivery?.status === 'DELIVERED' ? list : null;
      });
      assert.ok(row);
      assert.equal(row.deliveries.length, 1);
      assert.deepEqual(
        { ...row.deliveries[0], id: undefined },
        {
          id: undefined,
          event: 'APPROVAL_REQUESTED',
          status: 'DELIVERED',
          attempts: 2,
          lastError: null,
          responseCode: 200,
          runId,
          approvalId,
          deliveredAt: row.deliveries[0]?.deliveredAt,
        },
      );
      assert.equal(row.deliveries[0]?.id, first.headers['x-spark-delivery']);
    } finally {
      await receiver.close();
    }
  });

  it('a restart mid-retry neither loses nor repeats the delivery, and Retry-After is honoured', async () => {
    const receiver = await startWebhookReceiver([
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 200 },
    ]);
    try {
      let t = await start();
      const created = await createChannel(t, {
        kind: 'WEBHOOK',
        name: 'restart',
        url: receiver.url,
        secret: SECRET,
        events: ['RUN_CANCELLED'],
      });
      const channelId = (dataOf(created.body).createNotificationChannel as { id: string }).id;
      const runId = await startEchoRun(t);
      const token = await t.tokenFor('admin');
      dataOf(
        (await t.gql('mutation($id: ID!) { cancelRun(id: $id) { id } }', { id: runId }, { token })).body,
      );
      await receiver.waitFor(1);
      const failed = await until('the failed attempt to be logged', async () => {
        const row = (await channels(t)).find((channel) => channel.id === channelId);
        const delivery = row?.deliveries[0];
        return delivery?.status === 'PENDING' && delivery.attempts === 1 ? delivery : null;
      });
      assert.equal(failed.responseCode, 503);
      assert.match(failed.lastError ?? '', /HTTP 503/);
      // The platform stops before the retry is due (Retry-After: 1 s) ...
      await t.close();
      open.splice(open.indexOf(t), 1);
      assert.equal(receiver.received.length, 1);
      // ... and a new one on the same database picks it up: sent once more, then never again.
      t = await start();
      const [first, second] = await receiver.waitFor(2);
      assert.ok(first && second);
      assert.ok(
        second.at - first.at >= 950,
        `retried after ${second.at - first.at} ms, not after Retry-After`,
      );
      assert.equal(first.headers['x-spark-delivery'], second.headers['x-spark-delivery']);
      assert.ok(integratorVerifies(second.raw, second.headers['x-spark-signature']));
      const delivered = await until('the retry to be logged', async () => {
        const row = (await channels(t)).find((channel) => channel.id === channelId);
        return row?.deliveries[0]?.status === 'DELIVERED' ? row.deliveries : null;
      });
      assert.equal(delivered.length, 1);
      assert.equal(delivered[0]?.attempts, 2);
      assert.equal(delivered[0]?.event, 'RUN_CANCELLED');
      // Another restart after delivery: nothing is planned or sent again.
      await t.close();
      open.splice(open.indexOf(t), 1);
      t = await start();
      await sleep(500);
      assert.equal(receiver.received.length, 2);
      assert.equal((await channels(t)).find((channel) => channel.id === channelId)?.deliveries.length, 1);
    } finally {
      await receiver.close();
    }
  });
});

describe('notification channels over GraphQL (PGlite)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      env: { NOTIFICATION_ALLOW_HOSTS: '127.0.0.1', PUBLIC_URL },
      notifications: { retry: { baseMs: 100, maxAttempts: 2 }, pollMs: 25 },
    });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('is admin only', async () => {
    for (const role of ['operator', 'analyst', 'integrator'] as const) {
      const token = await t.tokenFor(role);
      const list = await t.gql('{ notificationChannels { id } }', {}, { token });
      assert.equal(errorCode(list.body), 'FORBIDDEN', role);
      const create = await t.gql(
        CREATE,
        {
          input: {
            kind: 'WEBHOOK',
            name: 'x',
            url: 'https://example.com/h',
            secret: SECRET,
            events: ['RUN_FAILED'],
          },
        },
        { token },
      );
      assert.equal(errorCode(create.body), 'FORBIDDEN', role);
    }
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and appends nothing', async () => {
    const token = await t.tokenFor('admin');
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'WEBHOOK', name: 'x', secret: SECRET, events: ['RUN_FAILED'] }, 'url'],
      [
        { kind: 'WEBHOOK', name: 'x', url: 'ftp://example.com', secret: SECRET, events: ['RUN_FAILED'] },
        'url',
      ],
      [
        { kind: 'WEBHOOK', name: 'x', url: 'https://example.com/h', secret: 'short', events: ['RUN_FAILED'] },
        'secret',
      ],
      [
        { kind: 'WEBHOOK', name: ' ', url: 'https://example.com/h', secret: SECRET, events: ['RUN_FAILED'] },
        'name',
      ],
      [{ kind: 'WEBHOOK', name: 'x', url: 'https://example.com/h', secret: SECRET, events: [] }, 'events'],
      [
        {
          kind: 'SLACK',
          name: 'x',
          url: 'https://hooks.slack.com/services/T/B/x',
          secret: SECRET,
          events: ['RUN_FAILED'],
        },
        'secret',
      ],
      [{ kind: 'EMAIL', name: 'x', to: ['ops@example.com'], events: ['RUN_FAILED'] }, 'kind'],
    ];
    for (const [input, field] of cases) {
      const { body } = await t.gql(CREATE, { input }, { token });
      assert.equal(errorCode(body), 'BAD_USER_INPUT', JSON.stringify(input));
      assert.equal(body.errors?.[0]?.extensions?.field, field, JSON.stringify(input));
    }
    const list = dataOf((await t.gql('{ notificationChannels { id } }', {}, { token })).body);
    assert.deepEqual(list.notificationChannels, []);
  });

  it('tests a channel: the result, and the attempt in its delivery log', async () => {
    const receiver = await startWebhookReceiver([{ status: 500, body: 'not today' }, { status: 204 }]);
    try {
      const token = await t.tokenFor('admin');
      const { body } = await t.gql(
        CREATE,
        {
          input: {
            kind: 'WEBHOOK',
            name: 'tested',
            url: receiver.url,
            secret: SECRET,
            events: ['RUN_FAILED'],
          },
        },
        { token },
      );
      const id = (dataOf(body).createNotificationChannel as { id: string }).id;
      const TEST = `mutation($id: ID!) { testNotificationChannel(id: $id) {
        ok responseCode message delivery { event status attempts responseCode lastError } } }`;
      const failed = dataOf((await t.gql(TEST, { id }, { token })).body).testNotificationChannel;
      assert.deepEqual(failed, {
        ok: false,
        responseCode: 500,
        message: 'HTTP 500: not today',
        delivery: {
          event: 'TEST',
          status: 'FAILED',
          attempts: 1,
          responseCode: 500,
          lastError: 'HTTP 500: not today',
        },
      });
      const ok = dataOf((await t.gql(TEST, { id }, { token })).body).testNotificationChannel as Record<
        string,
        unknown
      >;
      assert.equal(ok.ok, true);
      assert.equal(ok.responseCode, 204);
      assert.equal(receiver.received.length, 2);
      const sent = receiver.received[1];
      assert.ok(sent && integratorVerifies(sent.raw, sent.headers['x-spark-signature']));
      assert.equal(sent.headers['x-spark-event'], 'TEST');
      // Only the tests: no retry of the failed one.
      await sleep(300);
      assert.equal(receiver.received.length, 2);
    } finally {
      await receiver.close();
    }
  });

  it('a disabled channel is not told; enabled again it is; deleted it is gone', async () => {
    const receiver = await startWebhookReceiver([{ status: 200 }]);
    try {
      const token = await t.tokenFor('admin');
      const { body } = await t.gql(
        CREATE,
        {
          input: {
            kind: 'WEBHOOK',
            name: 'toggled',
            url: receiver.url,
            secret: SECRET,
            events: ['APPROVAL_REQUESTED'],
          },
        },
        { token },
      );
      const id = (dataOf(body).createNotificationChannel as { id: string }).id;
      const SET =
        'mutation($id: ID!, $enabled: Boolean!) { setNotificationChannelEnabled(id: $id, enabled: $enabled) { id enabled } }';
      const off = dataOf((await t.gql(SET, { id, enabled: false }, { token })).body);
      assert.deepEqual(off.setNotificationChannelEnabled, { id, enabled: false });
      const runId = await startEchoRun(t);
      await appendApprovalRequest(t.store, runId, { approvalId: randomUUID() });
      await sleep(400);
      assert.equal(receiver.received.length, 0);
      dataOf((await t.gql(SET, { id, enabled: true }, { token })).body);
      const approvalId = randomUUID();
      await appendApprovalRequest(t.store, runId, { approvalId });
      const [sent] = await receiver.waitFor(1);
      assert.equal(JSON.parse(sent?.raw.toString() ?? '{}').approvalId, approvalId);
      const deleted = await t.gql(
        'mutation($id: ID!) { deleteNotificationChannel(id: $id) }',
        { id },
        { token },
      );
      assert.equal(dataOf(deleted.body).deleteNotificationChannel, id);
      await until('the channel to leave the list', async () => {
        const list = dataOf((await t.gql('{ notificationChannels { id } }', {}, { token })).body)
          .notificationChannels as { id: string }[];
        return list.some((channel) => channel.id === id) ? null : true;
      });
      const again = await t.gql(
        'mutation($id: ID!) { deleteNotificationChannel(id: $id) }',
        { id },
        { token },
      );
      assert.equal(errorCode(again.body), 'NOT_FOUND');
    } finally {
      await receiver.close();
    }
  });

  it('a Slack channel posts a message with a link to the run, and keeps its URL sealed', async () => {
    const receiver = await startWebhookReceiver([{ status: 200 }]);
    try {
      const token = await t.tokenFor('admin');
      const slackUrl = `${receiver.url}/services/T000/B000/XXXXSECRET`;
      const { body } = await t.gql(
        CREATE,
        { input: { kind: 'SLACK', name: 'slack', url: slackUrl, events: ['APPROVAL_REQUESTED'] } },
        { token },
      );
      const channel = dataOf(body).createNotificationChannel as {
        id: string;
        url: string;
        secretSet: boolean;
      };
      assert.equal(channel.url, new URL(receiver.url).origin);
      assert.equal(channel.secretSet, true);
      assert.ok(!JSON.stringify(body).includes('XXXXSECRET'));
      const runId = await startEchoRun(t);
      await appendApprovalRequest(t.store, runId, {
        approvalId: randomUUID(),
        reasons: ['Sends mail outside'],
      });
      const [sent] = await receiver.waitFor(1);
      assert.equal(sent?.path, '/hook/services/T000/B000/XXXXSECRET');
      const message = JSON.parse(sent?.raw.toString() ?? '{}');
      const link = `${PUBLIC_URL}/maestro/runs/${runId}`;
      assert.match(message.text, /^Approval needed: echo \(HIGH\)/);
      assert.ok(message.text.includes(`<${link}|Open in Spark-Ops>`));
      const button = message.blocks.find((block: { type: string }) => block.type === 'actions').elements[0];
      assert.deepEqual(button, {
        type: 'button',
        text: { type: 'plain_text', text: 'Review the approval' },
        url: link,
      });
      assert.ok(JSON.stringify(message.blocks).includes('Sends mail outside'));
    } finally {
      await receiver.close();
    }
  });

  it('refuses a receiver on a private address unless NOTIFICATION_ALLOW_HOSTS lets it in', async () => {
    const token = await t.tokenFor('admin');
    const { body } = await t.gql(
      CREATE,
      {
        input: {
          kind: 'WEBHOOK',
          name: 'internal',
          url: 'http://10.1.2.3/hook',
          secret: SECRET,
          events: ['RUN_FAILED'],
        },
      },
      { token },
    );
    const id = (dataOf(body).createNotificationChannel as { id: string }).id;
    const result = dataOf(
      (
        await t.gql(
          'mutation($id: ID!) { testNotificationChannel(id: $id) { ok message responseCode } }',
          { id },
          { token },
        )
      ).body,
    ).testNotificationChannel as { ok: boolean; message: string; responseCode: number | null };
    assert.equal(result.ok, false);
    assert.equal(result.responseCode, null);
    assert.match(result.message, /Refused 10\.1\.2\.3: it is a private address/);
  });
});
