// Writes of notification channels: one command path (load the channel's stream, decide, append).
import { randomUUID } from 'node:crypto';
import {
  integrationStream,
  type NotificationChannelKind,
  NotificationEvent,
} from '../../schema/events/index.ts';
import type { CommandHandler, CommandTarget } from '../application/command-handler.ts';
import { InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { Actor } from '../application/event-writer.ts';
import { loadStream } from '../application/event-writer.ts';
import type { EventStore } from '../eventstore/port.ts';
import { type ChannelState, evolveChannel } from './channel-state.ts';
import type { SecretBox } from './secret-box.ts';

/** What an admin gives to create a channel (GraphQL `createNotificationChannel(input)`). */
export interface CreateChannelInput {
  kind: NotificationChannelKind;
  name: string;
  url?: string | null | undefined;
  secret?: string | null | undefined;
  to?: readonly string[] | null | undefined;
  events: readonly string[];
}

const EMAIL = /^[^\s@,<>]{1,64}@[^\s@,<>]{1,255}$/;
const MIN_SECRET = 16;

function httpUrl(field: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(field, `${field} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(field, `${field} must be an http:// or https:// URL`);
  if (url.username || url.password)
    throw new InvalidInputError(field, `${field} must not carry a user or password`);
  return url;
}

/**
 * Checks the input and returns the `NotificationChannelCreated` data. Secrets are sealed: a
 * webhook's signing secret, and a Slack incoming-webhook URL (whose path is its credential).
 * @throws InvalidInputError naming the field.
 */
export function channelCreatedData(
  input: CreateChannelInput,
  channelId: string,
  by: string,
  options: { box: SecretBox; smtpConfigured: boolean },
): Record<string, unknown> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200)
    throw new InvalidInputError('name', 'name has 1 to 200 characters');
  const known = Object.values(NotificationEvent) as string[];
  if (input.events.length === 0) throw new InvalidInputError('events', 'events names at least one event');
  const unknown = input.events.find((event) => !known.includes(event));
  if (unknown) throw new InvalidInputError('events', `${unknown} is not one of ${known.join(', ')}`);
  const events = [...new Set(input.events)];
  const to = (input.to ?? []).map((address) => address.trim()).filter(Boolean);
  const secret = input.secret ?? null;
  const url = input.url?.trim() || null;
  const base = { channelId, kind: input.kind, name, events, by };
  switch (input.kind) {
    case 'webhook': {
      if (!url) throw new InvalidInputError('url', 'url is required for a WEBHOOK channel');
      httpUrl('url', url);
      if (!secret || secret.length < MIN_SECRET || secret.length > 512)
        throw new InvalidInputError('secret', `secret (the signing key) has ${MIN_SECRET} to 512 characters`);
      if (to.length > 0) throw new InvalidInputError('to', 'to is for EMAIL channels');
      return { ...base, url, to: [], secret: options.box.seal(secret) };
    }
    case 'slack': {
      if (!url)
        throw new InvalidInputError(
          'url',
          'url (the Slack incoming-webhook URL) is required for a SLACK channel',
        );
      const parsed = httpUrl('url', url);
      if (secret)
        throw new InvalidInputError(
          'secret',
          'a SLACK channel has no secret: its URL is one, and is kept sealed',
        );
      if (to.length > 0) throw new InvalidInputError('to', 'to is for EMAIL channels');
      return { ...base, url: parsed.origin, to: [], secret: options.box.seal(url) };
    }
    case 'email': {
      if (!options.smtpConfigured)
        throw new InvalidInputError('kind', 'EMAIL channels need SMTP_URL to be set');
      if (url) throw new InvalidInputError('url', 'an EMAIL channel has no url');
      if (secret) throw new InvalidInputError('secret', 'an EMAIL channel has no secret');
      if (to.length > 50) throw new InvalidInputError('to', 'to names at most 50 addresses');
      const bad = to.find((address) => !EMAIL.test(address));
      if (bad) throw new InvalidInputError('to', `${bad} is not an email address`);
      return { ...base, to };
    }
  }
}

function channelTarget(store: EventStore, channelId: string): CommandTarget<ChannelState | null> {
  return {
    stream: integrationStream(channelId),
    async load() {
      const loaded = await loadStream(store, integrationStream(channelId));
      return { state: loaded.events.reduce(evolveChannel, null), revision: loaded.revision };
    },
    evolve: evolveChannel,
  };
}

export interface ChannelWrite {
  channel: ChannelState;
  position: string | null;
}

/** Creating, disabling, enabling and deleting channels, each an event on `integration-<channelId>`. */
export function createChannelCommands(options: {
  store: EventStore;
  commands: CommandHandler;
  box: SecretBox;
  smtpConfigured: boolean;
}) {
  const { store, commands } = options;
  const existing = (state: ChannelState | null, channelId: string): ChannelState => {
    if (!state || state.deleted) throw new NotFoundError('Notification channel', channelId);
    return state;
  };
  const change = async (
    channelId: string,
    type: 'NotificationChannelDisabled' | 'NotificationChannelEnabled' | 'NotificationChannelDeleted',
    actor: Actor,
  ): Promise<ChannelWrite> => {
    const result = await commands.execute(
      channelTarget(store, channelId),
      (state) => {
        const channel = existing(state, channelId);
        // Already so: nothing to append.
        if (type === 'NotificationChannelDisabled' && !channel.enabled) return { events: [] };
        if (type === 'NotificationChannelEnabled' && channel.enabled) return { events: [] };
        return { events: [{ type, data: { channelId, by: actor.id } }] };
      },
      actor,
    );
    return { channel: result.state ?? existing(result.before, channelId), position: result.position };
  };
  return {
    /** @throws InvalidInputError naming the field. */
    async create(input: CreateChannelInput, actor: Actor): Promise<ChannelWrite> {
      const channelId = randomUUID();
      const data = channelCreatedData(input, channelId, actor.id, options);
      const target: CommandTarget<ChannelState | null> = {
        ...channelTarget(store, channelId),
        load: async () => ({ state: null, revision: -1 }),
      };
      const result = await commands.execute(
        target,
        () => ({ events: [{ type: 'NotificationChannelCreated', data }] }),
        actor,
      );
      return { channel: existing(result.state, channelId), position: result.position };
    },
    /** @throws NotFoundError */
    load: async (channelId: string) =>
      existing((await channelTarget(store, channelId).load()).state, channelId),
    /** @throws NotFoundError */
    setEnabled: (channelId: string, enabled: boolean, actor: Actor) =>
      change(channelId, enabled ? 'NotificationChannelEnabled' : 'NotificationChannelDisabled', actor),
    /** @throws NotFoundError */
    remove: (channelId: string, actor: Actor) => change(channelId, 'NotificationChannelDeleted', actor),
  };
}

export type ChannelCommands = ReturnType<typeof createChannelCommands>;
