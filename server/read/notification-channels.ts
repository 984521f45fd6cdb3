// The notification channels as the integrations page shows them: the read model's rows with their
// newest delivery, and each channel's delivery log (server/notifications/delivery-store.ts).
import {
  type ChannelRow,
  findChannel,
  listChannels,
} from '../../projections/notification-channels/queries.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import {
  type DeliveryStatus,
  type DeliveryView,
  lastDeliveries,
  listDeliveries,
} from '../notifications/delivery-store.ts';

export interface NotificationChannelView extends ChannelRow {
  lastDelivery: DeliveryView | null;
}

/** Every channel (not deleted), oldest first, each with its newest delivery. */
export async function notificationChannelViews(db: SqlQueryable): Promise<NotificationChannelView[]> {
  const channels = await listChannels(db);
  const last = await lastDeliveries(
    db,
    channels.map((channel) => channel.id),
  );
  return channels.map((channel) => ({ ...channel, lastDelivery: last.get(channel.id) ?? null }));
}

/** One channel with its newest delivery, or null when it does not exist (or was deleted). */
export async function notificationChannelView(
  db: SqlQueryable,
  id: string,
): Promise<NotificationChannelView | null> {
  const channel = await findChannel(db, id);
  if (!channel) return null;
  return { ...channel, lastDelivery: (await lastDeliveries(db, [id])).get(id) ?? null };
}

/** A channel's delivery log, newest first. */
export function notificationDeliveries(
  db: SqlQueryable,
  channelId: string,
  options: { limit: number; status?: DeliveryStatus | undefined },
): Promise<DeliveryView[]> {
  return listDeliveries(db, channelId, options);
}
