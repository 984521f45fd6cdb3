import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { BUILTIN_TOOL_RISK } from '../../safety/tool-risks.ts';
import type { EmailOutbox, OutboxMessage } from './email-outbox.ts';
import { defineTool, type ToolDefinition, ToolError } from './tool.ts';

/** Configuration of {@link createSendEmailTool}. */
export interface SendEmailToolOptions {
  /** `SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587`; absent: messages stay in the outbox. */
  smtpUrl?: string;
  /** Records every message, sent over SMTP or not. */
  outbox: EmailOutbox;
  /** Sender address, e.g. `Spark-Ops <agents@example.com>`. */
  from: string;
  /** Clock for `sentAt`; default `new Date()`. */
  now?: () => Date;
  /** SMTP connection, greeting and socket timeouts; default 15 s. */
  smtpTimeoutMs?: number;
}

const addresses = z.array(z.email()).max(20);
const paramsSchema = z.object({
  to: addresses.min(1).describe('Recipient addresses (1–20)'),
  cc: addresses.optional().describe('Copy addresses (up to 20)'),
  subject: z
    .string()
    .min(1)
    .max(200)
    .refine((subject) => !/[\r\n]/.test(subject), 'Subject must be one line'),
  body: z.string().max(20_000).describe('Plain-text body'),
});
/** What the model passes to send_email. */
export type SendEmailParams = z.infer<typeof paramsSchema>;

/** What send_email returns: the recorded message's identity and, over SMTP, the server's verdict. */
export interface SendEmailResult {
  id: string;
  messageId: string;
  transport: 'smtp' | 'outbox';
  to: string[];
  cc: string[];
  subject: string;
  /** Addresses the SMTP server accepted / rejected (SMTP transport only). */
  accepted?: string[];
  rejected?: string[];
}

/**
 * `send_email`: plain-text mail through nodemailer to `smtpUrl`, or, without SMTP, delivered into
 * the platform outbox only. Every message is recorded in the outbox either way. Not idempotent
 * (a retry may send twice) and HIGH risk, so policies ask a human first by default.
 * SMTP 4xx and connection failures are retryable; 5xx, auth and envelope errors are not.
 */
export function createSendEmailTool(
  options: SendEmailToolOptions,
): ToolDefinition<SendEmailParams, SendEmailResult> {
  const now = options.now ?? (() => new Date());
  const timeout = options.smtpTimeoutMs ?? 15_000;
  const transporter = options.smtpUrl
    ? nodemailer.createTransport({
        url: options.smtpUrl,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      })
    : null;
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'spark-ops.local';

  return defineTool({
    name: 'send_email',
    description: transporter
      ? 'Send a plain-text email. It is delivered over SMTP and recorded in the platform outbox.'
      : 'Send a plain-text email. No SMTP server is configured: the message is delivered into the platform outbox, where operators see it.',
    inputSchema: paramsSchema,
    defaultRisk: BUILTIN_TOOL_RISK.send_email,
    timeoutMs: timeout * 3 + 5000,
    idempotent: false,
    async run(params, ctx) {
      const sentAt = now();
      const message: OutboxMessage = {
        id: randomUUID(),
        runId: ctx.runId,
        to: params.to,
        cc: params.cc ?? [],
        subject: params.subject,
        body: params.body,
        sentAt: sentAt.toISOString(),
        transport: transporter ? 'smtp' : 'outbox',
        messageId: `<${randomUUID()}@${domain}>`,
      };
      let delivery: { accepted: string[]; rejected: string[] } | null = null;
      if (transporter) {
        try {
          const info = await transporter.sendMail({
            from: options.from,
            to: message.to,
            cc: message.cc,
            subject: message.subject,
            text: message.body,
            messageId: message.messageId,
            date: sentAt,
            headers: { 'X-Spark-Run-Id': ctx.runId, 'X-Spark-Call-Id': ctx.callId },
          });
          delivery = { accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
        } catch (error) {
          throw smtpError(error);
        }
      }
      try {
        await options.outbox.record(message);
      } catch (error) {
        const sent = transporter ? 'The email was sent but' : 'The email';
        throw new ToolError(
          'OUTBOX_FAILED',
          `${sent} could not be recorded in the outbox: ${String(error)}`,
          {
            retryable: !transporter,
            cause: error,
          },
        );
      }
      const { id, messageId, transport, to, cc, subject } = message;
      return { id, messageId, transport, to, cc, subject, ...(delivery ?? {}) };
    },
    async close() {
      transporter?.close();
    },
  });
}

function smtpError(error: unknown): ToolError {
  const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
  const text = `SMTP delivery failed: ${message ?? String(error)}`;
  if (code === 'EAUTH') return new ToolError('SMTP_AUTH_FAILED', text, { retryable: false, cause: error });
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return new ToolError('SMTP_REJECTED', text, { retryable: false, cause: error });
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE')
    return new ToolError('SMTP_REJECTED', text, { retryable: false, cause: error });
  return new ToolError('SMTP_UNAVAILABLE', text, { retryable: true, cause: error });
}
