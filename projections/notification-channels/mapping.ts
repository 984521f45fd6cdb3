import type { RecordedEvent } from '../../server/eventstore/port.ts';

/** A channel's row as created (first value wins: a channel is created once). */
export interface ChannelCreatedRow {
  channelId: string;
  kind: string;
  name: string;
  url: string | null;
  recipients: string[];
  events: string[];
  secretSet: boolean;
  createdBy: string;
  createdAt: string;
}

/**
 * What a batch changes about one channel. Merge rules: `created` inserts once; `enabled` is the
 * latest value of the batch (latest wins across batches too, by `position`); `deleted` sticks.
 */
export interface ChannelChange {
  channelId: string;
  created: ChannelCreatedRow | null;
  enabled: boolean | null;
  deleted: boolean;
  updatedAt: string;
  position: string;
}

/** Folds a batch into one change per channel, in log order. Pure. */
export function mapChannelEvents(events: readonly RecordedEvent[]): ChannelChange[] {
  const changes = new Map<string, ChannelChange>();
  for (const event of events) {
    if (!event.type.startsWith('NotificationChannel')) continue;
    const channelId = String(event.data.channelId);
    const at = event.recordedAt.toISOString();
    const change: ChannelChange = changes.get(channelId) ?? {
      channelId,
      created: null,
      enabled: null,
      deleted: false,
      updatedAt: at,
      position: event.position,
    };
    change.updatedAt = at;
    change.position = event.position;
    const data = event.data as Record<string, unknown> & { by: string };
    switch (event.type) {
      case 'NotificationChannelCreated':
        change.created = {
          channelId,
          kind: String(data.kind),
          name: String(data.name),
          url: typeof data.url === 'string' ? data.url : null,
          recipients: [...(data.to as string[])],
          events: [...(data.events as string[])],
          secretSet: data.secret !== undefined,
          createdBy: data.by,
          createdAt: at,
        };
        change.enabled = true;
        break;
      case 'NotificationChannelDisabled':
        change.enabled = false;
        break;
      case 'NotificationChannelEnabled':
        change.enabled = true;
        break;
      case 'NotificationChannelDeleted':
        change.deleted = true;
        change.enabled = false;
        break;
    }
    changes.set(channelId, change);
  }
  return [...changes.values()];
}
