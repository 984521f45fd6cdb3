// Sends one delivery over its channel's kind and says how it went; never throws for a receiver's fault.
import nodemailer from 'nodemailer';
import type { SealedSecret } from '../../../schema/events/index.ts';
import { isRetryableStatus, parseRetryAfter } from '../retry-policy.ts';
import type { SecretBox } from '../secret-box.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signBody } from '../signature.ts';
import { BlockedReceiverError, type GuardedPost } from './guarded-post.ts';
import { emailMessage, type NotificationBody, slackMessage } from './render.ts';

/** Where a delivery goes, as the planner copied it from the channel (secrets sealed). */
export type DeliveryTarget =
  | { kind: 'webhook'; url: string; secret: SealedSecret }
  /** A Slack incoming-webhook URL is itself the secret: sealed in `secret`; `url` is its origin only. */
  | { kind: 'slack'; url: string; secret: SealedSecret }
  /** Empty `to`: the approvers (users whose role may approve), looked up when sent. */
  | { kind: 'email'; to: string[] };

/**
 * Whom an email goes to: the channel's `to`; when it names nobody, an escalation's target
 * (`ApprovalEscalated.to`: `users:a@x,b@y` or `role:admin`) for APPROVAL_ESCALATED, else the approvers.
 */
export async function emailRecipients(
  to: readonly string[],
  body: NotificationBody,
  userEmails: DeliverOptions['userEmails'],
): Promise<string[]> {
  if (to.length > 0) return [...to];
  const target = body.event === 'APPROVAL_ESCALATED' ? body.details.to : undefined;
  if (typeof target === 'string' && target.startsWith('users:'))
    return target.slice(6).split(',').filter(Boolean);
  if (typeof target === 'string' && target.startsWith('role:')) return userEmails({ role: target.slice(5) });
  return userEmails('approvers');
}

export type DeliveryOutcome =
  | { ok: true; responseCode: number | null; detail: string }
  | {
      ok: false;
      error: string;
      responseCode: number | null;
      retryable: boolean;
      retryAfterMs: number | null;
    };

export interface DeliverOptions {
  post: GuardedPost;
  box: SecretBox;
  /** SMTP_URL and the sender address; null when SMTP_URL is not set. */
  smtp: { url: string; from: string } | null;
  /** Emails of users whose role may approve (`approvers`), or who have exactly `role`. */
  userEmails(who: 'approvers' | { role: string }): Promise<string[]>;
  now?: () => Date;
}

export type Deliver = (delivery: {
  id: string;
  event: string;
  body: string;
  target: DeliveryTarget;
}) => Promise<DeliveryOutcome>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The sender of every channel kind. */
export function createDeliver(options: DeliverOptions): { deliver: Deliver; close(): void } {
  const now = options.now ?? (() => new Date());
  const transporter = options.smtp
    ? nodemailer.createTransport({
        url: options.smtp.url,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 15_000,
      })
    : null;

  const postJson = async (
    url: string,
    raw: string,
    headers: Record<string, string>,
  ): Promise<DeliveryOutcome> => {
    try {
      const response = await options.post(url, raw, headers);
      if (response.status >= 200 && response.status < 300)
        return { ok: true, responseCode: response.status, detail: `HTTP ${response.status}` };
      return {
        ok: false,
        error: `HTTP ${response.status}${response.bodyStart ? `: ${response.bodyStart}` : ''}`,
        responseCode: response.status,
        retryable: isRetryableStatus(response.status),
        retryAfterMs: parseRetryAfter(response.retryAfter, now()),
      };
    } catch (error) {
      const blocked = error instanceof BlockedReceiverError;
      return {
        ok: false,
        error: message(error),
        responseCode: null,
        retryable: !blocked,
        retryAfterMs: null,
      };
    }
  };

  const deliver: Deliver = async ({ id, event, body, target }) => {
    try {
      switch (target.kind) {
        case 'webhook': {
          // Signed over exactly the bytes sent: receivers verify against the raw body.
          const headers = {
            [SIGNATURE_HEADER]: signBody(body, options.box.open(target.secret)),
            [DELIVERY_HEADER]: id,
            [EVENT_HEADER]: event,
          };
          return await postJson(target.url, body, headers);
        }
        case 'slack': {
          const raw = JSON.stringify(slackMessage(JSON.parse(body) as NotificationBody));
          return await postJson(options.box.open(target.secret), raw, {});
        }
        case 'email': {
          if (!transporter || !options.smtp)
            return {
              ok: false,
              error: 'SMTP_URL is not set: email channels cannot send',
              responseCode: null,
              retryable: false,
              retryAfterMs: null,
            };
          const notification = JSON.parse(body) as NotificationBody;
          const to = await emailRecipients(target.to, notification, options.userEmails);
          if (to.length === 0)
            return {
              ok: false,
              error:
                'No recipients: the channel names none and no user may approve (or has the escalation role)',
              responseCode: null,
              retryable: false,
              retryAfterMs: null,
            };
          const mail = emailMessage(notification);
          const info = await transporter.sendMail({
            from: options.smtp.from,
            to,
            subject: mail.subject,
            text: mail.text,
            headers: { [DELIVERY_HEADER]: id, [EVENT_HEADER]: event },
          });
          return {
            ok: true,
            responseCode: null,
            detail: `accepted by ${info.accepted.length} of ${to.length}`,
          };
        }
      }
    } catch (error) {
      // SMTP 5xx and an unreadable secret will not get better by waiting; everything else may.
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent =
        (typeof code === 'number' && code >= 500) ||
        (error as { code?: unknown }).code === 'SECRET_UNREADABLE';
      return {
        ok: false,
        error: message(error),
        responseCode: typeof code === 'number' ? code : null,
        retryable: !permanent,
        retryAfterMs: null,
      };
    }
  };
  return { deliver, close: () => transporter?.close() };
}
