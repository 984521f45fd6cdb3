// A notification channel folded from its `integration-<channelId>` stream: pure, shared by the
// command path (create, disable, enable, delete), the planner and the read model.
import type { NotificationChannelKind, NotificationEvent, SealedSecret } from '../../schema/events/index.ts';

/** The event types of a channel's stream. */
export const CHANNEL_EVENT_TYPES = [
  'NotificationChannelCreated',
  'NotificationChannelDisabled',
  'NotificationChannelEnabled',
  'NotificationChannelDeleted',
] as const;

export interface ChannelState {
  channelId: string;
  kind: NotificationChannelKind;
  name: string;
  url: string | null;
  to: string[];
  events: NotificationEvent[];
  secret: SealedSecret | null;
  enabled: boolean;
  deleted: boolean;
  createdBy: string;
}

/** Folds one channel event into the state (null before `NotificationChannelCreated`). */
export function evolveChannel(
  state: ChannelState | null,
  event: { type: string; data: Record<string, unknown> },
): ChannelState | null {
  switch (event.type) {
    case 'NotificationChannelCreated': {
      const data = event.data as {
        channelId: string;
        kind: NotificationChannelKind;
        name: string;
        url?: string;
        to: string[];
        events: NotificationEvent[];
        secret?: SealedSecret;
        by: string;
      };
      return {
        channelId: data.channelId,
        kind: data.kind,
        name: data.name,
        url: data.url ?? null,
        to: [...data.to],
        events: [...data.events],
        secret: data.secret ?? null,
        enabled: true,
        deleted: false,
        createdBy: data.by,
      };
    }
    case 'NotificationChannelDisabled':
      return state && { ...state, enabled: false };
    case 'NotificationChannelEnabled':
      return state && { ...state, enabled: true };
    case 'NotificationChannelDeleted':
      return state && { ...state, enabled: false, deleted: true };
    default:
      return state;
  }
}

/** Whether a channel is told about `event` now. */
export function channelWants(channel: ChannelState, event: NotificationEvent): boolean {
  return channel.enabled && !channel.deleted && channel.events.includes(event);
}
