// Stream `integration-<channelId>`: a notification channel (webhook, Slack, email) and what it is
// told about. Its signing secret is stored sealed (AES-256-GCM under a key derived from the platform
// secret), never in clear: the log may be exported, the secret must not leave with it.
import { z } from 'zod';
import { Actor, Id, NonEmpty } from './common.ts';
import type { EventDefinition } from './define.ts';

/** How a channel delivers. */
export const NotificationChannelKind = { Webhook: 'webhook', Slack: 'slack', Email: 'email' } as const;
export type NotificationChannelKind = (typeof NotificationChannelKind)[keyof typeof NotificationChannelKind];

/** What a channel can subscribe to; each names the log events that trigger it (server/notifications). */
export const NotificationEvent = {
  ApprovalRequested: 'APPROVAL_REQUESTED',
  ApprovalEscalated: 'APPROVAL_ESCALATED',
  ApprovalExpired: 'APPROVAL_EXPIRED',
  ApprovalDecided: 'APPROVAL_DECIDED',
  RunCompleted: 'RUN_COMPLETED',
  RunFailed: 'RUN_FAILED',
  RunCancelled: 'RUN_CANCELLED',
} as const;
export type NotificationEvent = (typeof NotificationEvent)[keyof typeof NotificationEvent];

/** A secret sealed with AES-256-GCM: base64url iv, auth tag and ciphertext. */
export const SealedSecret = z.strictObject({
  alg: z.literal('aes-256-gcm'),
  iv: NonEmpty,
  tag: NonEmpty,
  ciphertext: NonEmpty,
});
export type SealedSecret = z.infer<typeof SealedSecret>;

const HttpUrl = z.url({ protocol: /^https?$/ });
const Email = z.email();

export const NotificationChannelCreated = z
  .strictObject({
    channelId: Id,
    kind: z.enum(NotificationChannelKind),
    name: NonEmpty.max(200),
    /** The webhook or Slack incoming-webhook URL; absent for email. */
    url: HttpUrl.optional(),
    /** Email recipients; empty means the approvers (users whose role may approve). */
    to: z.array(Email).max(50),
    events: z
      .array(z.enum(NotificationEvent))
      .min(1)
      .refine((list) => new Set(list).size === list.length, { message: 'must not name an event twice' }),
    secret: SealedSecret.optional(),
    by: Actor,
  })
  .superRefine((channel, ctx) => {
    if (channel.kind !== 'email' && !channel.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: `is required for a ${channel.kind} channel` });
  });

/** Deliveries stop (pending ones are cancelled) until it is enabled again. */
export const NotificationChannelDisabled = z.strictObject({ channelId: Id, by: Actor });
export const NotificationChannelEnabled = z.strictObject({ channelId: Id, by: Actor });
/** Gone for good: no more deliveries; its delivery log stays. */
export const NotificationChannelDeleted = z.strictObject({ channelId: Id, by: Actor });

export const notificationEventDefinitions = [
  { type: 'NotificationChannelCreated', schemaVersion: 1, schema: NotificationChannelCreated },
  { type: 'NotificationChannelDisabled', schemaVersion: 1, schema: NotificationChannelDisabled },
  { type: 'NotificationChannelEnabled', schemaVersion: 1, schema: NotificationChannelEnabled },
  { type: 'NotificationChannelDeleted', schemaVersion: 1, schema: NotificationChannelDeleted },
] as const satisfies readonly EventDefinition[];
