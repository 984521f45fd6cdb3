// What people read: the Slack message and the email of a notification. Pure.
import type { Notification } from '../notification-for.ts';

/** The body of a delivery: the notification with its delivery id (what the webhook receives). */
export interface NotificationBody extends Omit<Notification, 'event'> {
  /** The delivery id: the same on every retry (also in X-Spark-Delivery). */
  id: string;
  /** `TEST` for testNotificationChannel. */
  event: Notification['event'] | 'TEST';
}

const LABEL: Record<string, string> = {
  APPROVAL_REQUESTED: 'Approval requested',
  APPROVAL_ESCALATED: 'Approval escalated',
  APPROVAL_EXPIRED: 'Approval expired',
  APPROVAL_DECIDED: 'Approval decided',
  RUN_COMPLETED: 'Run completed',
  RUN_FAILED: 'Run failed',
  RUN_CANCELLED: 'Run cancelled',
  TEST: 'Test notification',
};

// Slack mrkdwn treats these three as control characters.
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function detailLines(body: NotificationBody): string[] {
  const d = body.details;
  const lines: string[] = [];
  if (typeof d.tool === 'string') lines.push(`Tool: ${d.tool}`);
  if (typeof d.risk === 'string') lines.push(`Risk: ${d.risk}`);
  if (Array.isArray(d.reasons) && d.reasons.length > 0) lines.push(`Why: ${d.reasons.join('; ')}`);
  if (typeof d.expiresAt === 'string') lines.push(`Decide before: ${d.expiresAt}`);
  if (typeof d.comment === 'string' && d.comment) lines.push(`Comment: ${d.comment}`);
  return lines;
}

/** An incoming-webhook message: a header line, the details, and a button to the run in the console. */
export function slackMessage(body: NotificationBody): Record<string, unknown> {
  const label = LABEL[body.event] ?? body.event;
  const text = body.url ? `${body.summary} <${body.url}|Open in Spark-Ops>` : body.summary;
  const details = detailLines(body);
  const blocks: Record<string, unknown>[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${slackEscape(label)}*\n${slackEscape(body.summary)}` },
    },
  ];
  if (details.length > 0)
    blocks.push({
      type: 'context',
      elements: details.map((line) => ({ type: 'mrkdwn', text: slackEscape(line) })),
    });
  if (body.url)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: body.approvalId ? 'Review the approval' : 'Open the run' },
          url: body.url,
        },
      ],
    });
  // `text` is the fallback for notifications and clients without blocks.
  return { text, blocks };
}

/** A plain-text email: subject and body, with the console link. */
export function emailMessage(body: NotificationBody): { subject: string; text: string } {
  const label = LABEL[body.event] ?? body.event;
  const lines = [body.summary, '', ...detailLines(body)];
  if (body.url) lines.push('', `Open in Spark-Ops: ${body.url}`);
  lines.push('', `Delivery ${body.id} · ${body.occurredAt}`);
  return { subject: `[Spark-Ops] ${label}: ${body.summary}`.slice(0, 200), text: lines.join('\n') };
}
