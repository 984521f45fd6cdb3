// Notification channels (issue 11 item 4, issue 12 item 5): one mechanism for approval alerts and
// run webhooks. Built once by the platform; GraphQL only maps what this returns.
import { randomUUID } from 'node:crypto';
import type { CommandHandler } from '../application/command-handler.ts';
import { NotFoundError } from '../application/errors.ts';
import type { Actor } from '../application/event-writer.ts';
import { can, isRole, Permission } from '../auth/roles.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { Logger } from '../logger.ts';
import {
  type NotificationChannelView,
  notificationChannelView,
  notificationChannelViews,
  notificationDeliveries,
} from '../read/notification-channels.ts';
import { type ChannelCommands, type CreateChannelInput, createChannelCommands } from './channel-commands.ts';
import type { ChannelState } from './channel-state.ts';
import {
  type DeliveryStatus,
  type DeliveryView,
  findDelivery,
  migrateDeliveries,
  recordTestDelivery,
} from './delivery-store.ts';
import { createDispatcher } from './dispatcher.ts';
import { targetOf } from './plan.ts';
import { createNotificationPlanner } from './planner.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import type { SecretBox } from './secret-box.ts';
import { createDeliver } from './senders/deliver.ts';
import { createGuardedPost } from './senders/guarded-post.ts';
import type { NotificationBody } from './senders/render.ts';

/** The outcome of testNotificationChannel: one attempt, no retry, recorded in the delivery log. */
export interface ChannelTestResult {
  ok: boolean;
  /** The receiver's HTTP status (webhook, Slack); null for email or when nothing answered. */
  responseCode: number | null;
  /** What happened, for people. */
  message: string;
  latencyMs: number;
  delivery: DeliveryView | null;
}

export interface NotificationsOptions {
  store: EventStore;
  db: SqlDatabase;
  commands: CommandHandler;
  box: SecretBox;
  logger: Logger;
  /** PUBLIC_URL: links in messages point into this console. */
  consoleUrl: string | null;
  /** SMTP_URL and the sender of notification emails. */
  smtp: { url: string; from: string } | null;
  /** NOTIFICATION_ALLOW_HOSTS: receivers exempt from the private-address check. */
  allowHosts: readonly string[];
  retry?: Partial<RetryPolicy>;
  /** How often the dispatcher looks for due retries (default 1 s). */
  pollMs?: number;
  /** A claimed delivery is retried by another process after this long (default 60 s). */
  leaseMs?: number;
  /** Per-attempt HTTP time cap (default 10 s). */
  timeoutMs?: number;
}

/** Notification channels: their commands, views, test, and the reactor that delivers. */
export interface Notifications {
  list(): Promise<NotificationChannelView[]>;
  /** @throws NotFoundError */
  get(id: string): Promise<NotificationChannelView>;
  /** The channel, or null when it does not exist or was deleted. */
  find(id: string): Promise<NotificationChannelView | null>;
  deliveries(
    channelId: string,
    options: { limit: number; status?: DeliveryStatus | undefined },
  ): Promise<DeliveryView[]>;
  create(
    input: CreateChannelInput,
    actor: Actor,
  ): Promise<{ channel: ChannelState; position: string | null }>;
  setEnabled(
    id: string,
    enabled: boolean,
    actor: Actor,
  ): Promise<{ channel: ChannelState; position: string | null }>;
  remove(id: string, actor: Actor): Promise<{ channel: ChannelState; position: string | null }>;
  /** Sends one TEST message now over the channel (enabled or not) and logs it. @throws NotFoundError */
  test(id: string, actor: Actor): Promise<ChannelTestResult>;
  /** Migrates its tables; starts the planner and the dispatcher unless `deliver` is false. */
  start(options?: { deliver?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/** Emails of every user whose role may decide approvals, or who has exactly `role`. */
async function userEmails(db: SqlDatabase, who: 'approvers' | { role: string }): Promise<string[]> {
  const { rows } = await db.query<{ email: string; role: string }>(
    'SELECT email, role FROM app.users ORDER BY email',
  );
  const chosen = (role: string) =>
    who === 'approvers' ? isRole(role) && can(role, Permission.Approve) : role === who.role;
  return rows.filter((row) => chosen(row.role)).map((row) => row.email);
}

export function createNotifications(options: NotificationsOptions): Notifications {
  const { db, logger } = options;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const commands: ChannelCommands = createChannelCommands({
    store: options.store,
    commands: options.commands,
    box: options.box,
    smtpConfigured: options.smtp !== null,
  });
  const http = createGuardedPost({ allowHosts: options.allowHosts, timeoutMs: options.timeoutMs ?? 10_000 });
  const sender = createDeliver({
    post: http.post,
    box: options.box,
    smtp: options.smtp,
    userEmails: (who) => userEmails(db, who),
  });
  const dispatcher = createDispatcher({
    db,
    deliver: sender.deliver,
    retry,
    logger,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
  const planner = createNotificationPlanner({
    store: options.store,
    db,
    logger,
    consoleUrl: options.consoleUrl,
    maxAttempts: retry.maxAttempts,
    onPlanned: () => dispatcher.wake(),
  });
  let running = false;

  return {
    list: () => notificationChannelViews(db),
    async get(id) {
      const view = await notificationChannelView(db, id);
      if (!view) throw new NotFoundError('Notification channel', id);
      return view;
    },
    find: (id) => notificationChannelView(db, id),
    deliveries: (channelId, page) => notificationDeliveries(db, channelId, page),
    create: (input, actor) => commands.create(input, actor),
    setEnabled: (id, enabled, actor) => commands.setEnabled(id, enabled, actor),
    remove: (id, actor) => commands.remove(id, actor),
    async test(id, actor) {
      const channel = await commands.load(id);
      const target = targetOf(channel);
      if (!target) throw new NotFoundError('Notification channel', id);
      const deliveryId = randomUUID();
      const body: NotificationBody = {
        id: deliveryId,
        event: 'TEST',
        summary: `Test notification for channel "${channel.name}", sent by ${actor.id}`,
        occurredAt: new Date().toISOString(),
        runId: null,
        approvalId: null,
        url: options.consoleUrl ? `${options.consoleUrl}/maestro/integrations` : null,
        source: { eventId: `test:${deliveryId}`, type: 'Test', position: '' },
        details: {},
      };
      const raw = JSON.stringify(body);
      const started = performance.now();
      const outcome = await sender.deliver({ id: deliveryId, event: 'TEST', body: raw, target });
      const latencyMs = Math.round(performance.now() - started);
      await recordTestDelivery(db, {
        id: deliveryId,
        channelId: id,
        body: raw,
        target,
        ok: outcome.ok,
        error: outcome.ok ? null : outcome.error,
        responseCode: outcome.responseCode,
      });
      const delivery = await findDelivery(db, deliveryId);
      return outcome.ok
        ? {
            ok: true,
            responseCode: outcome.responseCode,
            message: `Delivered (${outcome.detail})`,
            latencyMs,
            delivery,
          }
        : { ok: false, responseCode: outcome.responseCode, message: outcome.error, latencyMs, delivery };
    },
    async start(startOptions = {}) {
      await migrateDeliveries(db);
      if (startOptions.deliver === false) return;
      planner.start();
      dispatcher.start();
      running = true;
    },
    async stop() {
      if (running) {
        await planner.stop();
        await dispatcher.stop();
      }
      sender.close();
      await http.close();
    },
  };
}
