// Which deliveries a batch of log events makes: pure, given the channels as they were before it.
import type { NotificationEvent } from '../../schema/events/index.ts';
import { type ChannelState, channelWants, evolveChannel } from './channel-state.ts';
import type { PlannedDelivery } from './delivery-store.ts';
import { notificationFor, type SourceEvent } from './notification-for.ts';
import type { DeliveryTarget } from './senders/deliver.ts';
import type { NotificationBody } from './senders/render.ts';

export interface BatchPlan {
  deliveries: PlannedDelivery[];
  /** Channels disabled or deleted in the batch: their pending deliveries are cancelled. */
  cancelChannels: string[];
  /** The channels after the batch. */
  channels: Map<string, ChannelState>;
}

/** The target a channel's deliveries go to; null when the channel lacks what its kind needs. */
export function targetOf(channel: ChannelState): DeliveryTarget | null {
  switch (channel.kind) {
    case 'webhook':
      return channel.url && channel.secret
        ? { kind: 'webhook', url: channel.url, secret: channel.secret }
        : null;
    case 'slack':
      return channel.url && channel.secret
        ? { kind: 'slack', url: channel.url, secret: channel.secret }
        : null;
    case 'email':
      return { kind: 'email', to: [...channel.to] };
  }
}

/**
 * Folds the batch's channel events in log order and, for every notifying event, plans one delivery
 * to each channel subscribed at that point of the log (a channel created after an event is not told
 * of it). `newId` names each delivery.
 */
export function planBatch(
  before: ReadonlyMap<string, ChannelState>,
  events: readonly SourceEvent[],
  options: { consoleUrl: string | null; newId: () => string },
): BatchPlan {
  const channels = new Map(before);
  const deliveries: PlannedDelivery[] = [];
  const cancel = new Set<string>();
  for (const event of events) {
    if (event.type.startsWith('NotificationChannel')) {
      const id = String(event.data.channelId);
      const next = evolveChannel(channels.get(id) ?? null, event);
      if (next) channels.set(id, next);
      if (event.type === 'NotificationChannelDisabled' || event.type === 'NotificationChannelDeleted')
        cancel.add(id);
      if (event.type === 'NotificationChannelEnabled') cancel.delete(id);
      continue;
    }
    const notification = notificationFor(event, options.consoleUrl);
    if (!notification) continue;
    for (const channel of channels.values()) {
      if (!channelWants(channel, notification.event as NotificationEvent)) continue;
      const target = targetOf(channel);
      if (!target) continue;
      const id = options.newId();
      const body: NotificationBody = { id, ...notification };
      deliveries.push({
        id,
        channelId: channel.channelId,
        sourceEventId: event.id,
        event: notification.event,
        runId: notification.runId,
        approvalId: notification.approvalId,
        body: JSON.stringify(body),
        target,
      });
    }
  }
  return { deliveries, cancelChannels: [...cancel], channels };
}
