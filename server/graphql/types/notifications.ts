// Notification channels (integrations page): webhooks, Slack and email told about approvals and
// run outcomes. Admin only. Secrets are write-only: `secretSet` says whether one is kept.
import {
  NotificationChannelKind as KindValues,
  NotificationEvent as NotificationEventValues,
} from '../../../schema/events/index.ts';
import { Permission } from '../../auth/roles.ts';
import type { ChannelState } from '../../notifications/channel-state.ts';
import {
  DeliveryStatus as DeliveryStatusValues,
  type DeliveryView,
} from '../../notifications/delivery-store.ts';
import type { ChannelTestResult } from '../../notifications/notifications.ts';
import type { NotificationChannelView } from '../../read/notification-channels.ts';
import { builder } from '../builder.ts';
import { badInput } from '../errors.ts';
import { actorOf, written } from '../read-your-writes.ts';

const NotificationChannelKind = builder.enumType('NotificationChannelKind', {
  description: 'WEBHOOK: signed JSON POST. SLACK: an incoming-webhook URL. EMAIL: over SMTP_URL.',
  values: {
    WEBHOOK: { value: KindValues.Webhook },
    SLACK: { value: KindValues.Slack },
    EMAIL: { value: KindValues.Email },
  } as const,
});

const NotificationEvent = builder.enumType('NotificationEvent', {
  description:
    'What a channel is told: approvals requested, escalated, expired or decided (granted or rejected), runs completed, failed or cancelled.',
  values: Object.values(NotificationEventValues),
});

const NotificationDeliveryStatus = builder.enumType('NotificationDeliveryStatus', {
  description:
    'PENDING (waiting for its first or next attempt), SENDING, DELIVERED, FAILED (out of attempts or refused for good), CANCELLED (the channel was disabled or deleted first).',
  values: Object.values(DeliveryStatusValues),
});

const NotificationDelivery = builder.objectRef<DeliveryView>('NotificationDelivery').implement({
  description: 'One notification to one channel, with its attempts. Its id is the X-Spark-Delivery header.',
  fields: (t) => ({
    id: t.exposeID('id'),
    event: t.exposeString('event', {
      description: 'A NotificationEvent, or TEST for testNotificationChannel.',
    }),
    status: t.field({ type: NotificationDeliveryStatus, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    responseCode: t.exposeInt('responseCode', {
      nullable: true,
      description: "The receiver's last HTTP status.",
    }),
    runId: t.exposeID('runId', { nullable: true }),
    approvalId: t.exposeID('approvalId', { nullable: true }),
    sourceEventId: t.exposeString('sourceEventId', { description: 'The log event it notifies of.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastAttemptAt: t.expose('lastAttemptAt', { type: 'DateTime', nullable: true }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
  }),
});

const NotificationChannel = builder.objectRef<NotificationChannelView>('NotificationChannel').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: NotificationChannelKind, resolve: (c) => c.kind }),
    name: t.exposeString('name'),
    url: t.exposeString('url', {
      nullable: true,
      description: 'The webhook URL; for SLACK only its origin (the full URL is a secret).',
    }),
    to: t.exposeStringList('to', { description: 'EMAIL recipients; empty: the approvers.' }),
    events: t.field({ type: [NotificationEvent], resolve: (c) => c.events as NotificationEventValues[] }),
    secretSet: t.exposeBoolean('secretSet', {
      description: 'Whether a secret is kept (it is never returned).',
    }),
    enabled: t.exposeBoolean('enabled'),
    createdBy: t.exposeString('createdBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastDelivery: t.field({ type: NotificationDelivery, nullable: true, resolve: (c) => c.lastDelivery }),
    deliveries: t.field({
      type: [NotificationDelivery],
      description: 'The delivery log, newest first.',
      args: {
        first: t.arg.int({ defaultValue: 50 }),
        status: t.arg({ type: NotificationDeliveryStatus }),
      },
      resolve: (channel, args, context) => {
        const first = args.first ?? 50;
        if (first < 1 || first > 200) throw badInput('first', 'first is 1 to 200');
        return context.services.notifications.deliveries(channel.id, {
          limit: first,
          status: args.status ?? undefined,
        });
      },
    }),
  }),
});

const NotificationChannelTestResult = builder
  .objectRef<ChannelTestResult>('NotificationChannelTestResult')
  .implement({
    fields: (t) => ({
      ok: t.exposeBoolean('ok'),
      responseCode: t.exposeInt('responseCode', { nullable: true }),
      message: t.exposeString('message'),
      latencyMs: t.exposeInt('latencyMs'),
      delivery: t.field({ type: NotificationDelivery, nullable: true, resolve: (r) => r.delivery }),
    }),
  });

const CreateNotificationChannelInput = builder.inputType('CreateNotificationChannelInput', {
  fields: (t) => ({
    kind: t.field({ type: NotificationChannelKind, required: true }),
    name: t.string({ required: true }),
    url: t.string({ description: 'WEBHOOK: the receiver. SLACK: the incoming-webhook URL.' }),
    secret: t.string({
      description: 'WEBHOOK: the HMAC-SHA256 signing key (16+ characters). Never returned.',
    }),
    to: t.stringList({ description: 'EMAIL: recipients; empty or absent: the approvers.' }),
    events: t.field({ type: [NotificationEvent], required: true }),
  }),
});

/** The view of a channel just written, from the read model once it has it, else from the state. */
function channelWritten(
  context: Parameters<typeof written>[0],
  result: { channel: ChannelState; position: string | null },
): Promise<NotificationChannelView> {
  const { channel } = result;
  const fromState = (): NotificationChannelView => ({
    id: channel.channelId,
    kind: channel.kind,
    name: channel.name,
    url: channel.url,
    to: channel.to,
    events: channel.events,
    secretSet: channel.secret !== null,
    enabled: channel.enabled,
    createdBy: channel.createdBy,
    createdAt: new Date(),
    updatedAt: new Date(),
    lastDelivery: null,
  });
  if (result.position === null) return context.services.notifications.get(channel.channelId).catch(fromState);
  return written(
    context,
    result.position,
    () => context.services.notifications.get(channel.channelId).catch(() => null),
    fromState,
  );
}

builder.queryField('notificationChannels', (t) =>
  t.field({
    type: [NotificationChannel],
    description: 'Every notification channel (deleted ones excepted), oldest first. Admin only.',
    authScopes: { permission: Permission.Configure },
    resolve: (_root, _args, context) => context.services.notifications.list(),
  }),
);

builder.queryField('notificationChannel', (t) =>
  t.field({
    type: NotificationChannel,
    nullable: true,
    description: 'One channel with its delivery log; null when it does not exist or was deleted. Admin only.',
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.services.notifications.find(String(args.id)),
  }),
);

builder.mutationField('createNotificationChannel', (t) =>
  t.field({
    type: NotificationChannel,
    description: 'BAD_USER_INPUT naming the field (url, secret, to, events, name, kind). Admin only.',
    authScopes: { permission: Permission.Configure },
    args: { input: t.arg({ type: CreateNotificationChannelInput, required: true }) },
    resolve: async (_root, { input }, context) =>
      channelWritten(
        context,
        await context.services.notifications.create(
          {
            kind: input.kind,
            name: input.name,
            url: input.url,
            secret: input.secret,
            to: input.to,
            events: input.events,
          },
          actorOf(context),
        ),
      ),
  }),
);

builder.mutationField('testNotificationChannel', (t) =>
  t.field({
    type: NotificationChannelTestResult,
    description: 'Sends one TEST notification now (no retry) and logs it. A receiver failure is `ok: false`.',
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.services.notifications.test(String(args.id), actorOf(context)),
  }),
);

builder.mutationField('setNotificationChannelEnabled', (t) =>
  t.field({
    type: NotificationChannel,
    description: 'Disabling cancels its pending deliveries; enabling again tells it of new events only.',
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }), enabled: t.arg.boolean({ required: true }) },
    resolve: async (_root, args, context) =>
      channelWritten(
        context,
        await context.services.notifications.setEnabled(String(args.id), args.enabled, actorOf(context)),
      ),
  }),
);

builder.mutationField('deleteNotificationChannel', (t) =>
  t.field({
    type: 'ID',
    description:
      'Deletes the channel (its pending deliveries are cancelled) and returns its id. NOT_FOUND when unknown.',
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const result = await context.services.notifications.remove(String(args.id), actorOf(context));
      if (result.position) context.writes.push(result.position);
      return result.channel.channelId;
    },
  }),
);
