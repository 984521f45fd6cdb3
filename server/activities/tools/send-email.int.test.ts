import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { toolContext } from '../../testkit/tool-context.ts';
import { createMemoryOutbox } from './email-outbox.ts';
import { createToolRegistry } from './registry.ts';
import { createSendEmailTool } from './send-email.ts';

const ctx = (runId = 'run-1') => toolContext({ runId, step: 3, callId: 'call-7' });
const fixedNow = () => new Date('2025-05-01T10:00:00.000Z');

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('send_email', () => {
  let sink: SMTPServer;
  let smtpUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@bounce.test')) {
          callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        } else {
          callback();
        }
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
    smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

  it('delivers over SMTP to the sink and records the message in the outbox', async () => {
    const outbox = createMemoryOutbox();
    const tool = createSendEmailTool({
      smtpUrl,
      outbox,
      from: 'Spark Ops <agents@spark.test>',
      now: fixedNow,
    });
    const before = received.length;
    try {
      const result = await tool.run(
        {
          to: ['ops@customer.test'],
          cc: ['lead@customer.test'],
          subject: 'Weekly ticket digest',
          body: 'Hello,\n\n12 tickets solved.',
        },
        ctx(),
      );
      assert.equal(received.length, before + 1);
      const mail = received.at(-1) as Received;
      assert.equal(mail.from, 'agents@spark.test');
      assert.deepEqual(mail.to, ['ops@customer.test', 'lead@customer.test']);
      assert.match(mail.raw, /^Subject: Weekly ticket digest\r$/m);
      assert.match(mail.raw, /12 tickets solved\./);
      assert.match(mail.raw, /^Date: Thu, 01 May 2025 10:00:00 \+0000\r$/m);
      assert.match(mail.raw, /^X-Spark-Run-Id: run-1\r$/im);
      assert.equal(result.transport, 'smtp');
      assert.deepEqual(result.accepted, ['ops@customer.test', 'lead@customer.test']);
      assert.match(result.messageId, /^<[0-9a-f-]{36}@spark\.test>$/);
      assert.ok(mail.raw.includes(`Message-ID: ${result.messageId}`));
      assert.deepEqual(await outbox.list(), [
        {
          id: result.id,
          runId: 'run-1',
          to: ['ops@customer.test'],
          cc: ['lead@customer.test'],
          subject: 'Weekly ticket digest',
          body: 'Hello,\n\n12 tickets solved.',
          sentAt: '2025-05-01T10:00:00.000Z',
          transport: 'smtp',
          messageId: result.messageId,
        },
      ]);
    } finally {
      await tool.close?.();
    }
  });

  it('without SMTP, delivers into the outbox only', async () => {
    const outbox = createMemoryOutbox();
    const tool = createSendEmailTool({ outbox, from: 'agents@spark.test', now: fixedNow });
    const before = received.length;
    const result = await tool.run({ to: ['a@customer.test'], subject: 'Hi', body: 'Body' }, ctx('run-2'));
    assert.equal(received.length, before);
    assert.equal(result.transport, 'outbox');
    const [kept] = await outbox.list({ runId: 'run-2' });
    assert.deepEqual([kept?.transport, kept?.subject, kept?.cc], ['outbox', 'Hi', []]);
  });

  it('a permanent SMTP refusal is non-retryable and nothing is recorded', async () => {
    const outbox = createMemoryOutbox();
    const tool = createSendEmailTool({ smtpUrl, outbox, from: 'agents@spark.test' });
    try {
      await assert.rejects(tool.run({ to: ['nobody@bounce.test'], subject: 'x', body: 'y' }, ctx()), {
        code: 'SMTP_REJECTED',
        retryable: false,
      });
      assert.equal((await outbox.list()).length, 0);
    } finally {
      await tool.close?.();
    }
  });

  it('an unreachable SMTP server is retryable', async () => {
    const tool = createSendEmailTool({
      smtpUrl: 'smtp://127.0.0.1:1',
      outbox: createMemoryOutbox(),
      from: 'a@spark.test',
    });
    try {
      await assert.rejects(tool.run({ to: ['x@customer.test'], subject: 'x', body: 'y' }, ctx()), {
        code: 'SMTP_UNAVAILABLE',
        retryable: true,
      });
    } finally {
      await tool.close?.();
    }
  });

  it('validates recipients, subject and body, and is HIGH risk and not idempotent', () => {
    const registry = createToolRegistry([
      createSendEmailTool({ outbox: createMemoryOutbox(), from: 'a@spark.test' }),
    ]);
    const valid = { to: ['x@customer.test'], subject: 'ok', body: 'b' };
    assert.equal(registry.validate('send_email', valid), null);
    assert.match(registry.validate('send_email', { ...valid, to: [] }) ?? '', /^to: /);
    assert.match(registry.validate('send_email', { ...valid, to: ['not-an-email'] }) ?? '', /^to\.0: /);
    assert.match(
      registry.validate('send_email', { ...valid, to: Array(21).fill('x@customer.test') }) ?? '',
      /^to: /,
    );
    assert.match(registry.validate('send_email', { ...valid, subject: 's'.repeat(201) }) ?? '', /^subject: /);
    assert.match(
      registry.validate('send_email', { ...valid, subject: 'a\r\nBcc: evil@x.test' }) ?? '',
      /^subject: /,
    );
    assert.match(registry.validate('send_email', { ...valid, body: 'b'.repeat(20_001) }) ?? '', /^body: /);
    const [info] = registry.describe();
    assert.deepEqual([info?.defaultRisk, info?.idempotent], ['HIGH', false]);
  });
});
