import { createHash } from 'node:crypto';
import type { AccountEventDataByType } from '../../schema/events/index.ts';
import { accountStream } from '../../schema/events/streams.ts';
import { type Actor, actorMetadata } from '../application/event-writer.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { LoginThrottled } from './auth-service.ts';

/** The stream id of an account: a digest of its normalized email (stream names carry no address). */
export function accountIdOf(account: string): string {
  return createHash('sha256').update(account).digest('hex').slice(0, 32);
}

/** An account event as the auth service reports it: its type and data. */
export type AccountEvent = {
  [K in keyof AccountEventDataByType]: { type: K; data: AccountEventDataByType[K] };
}[keyof AccountEventDataByType];

/**
 * Records account events in the log, in one append (they must concern the same account); `actor`
 * says who did it and from where (their metadata).
 */
export type AccountAudit = (events: readonly AccountEvent[], actor: Actor) => Promise<void>;

/** The stream key of an event: the account's email, or the token for token events. */
function keyOf(event: AccountEvent): string {
  switch (event.type) {
    case 'ApiTokenCreated':
    case 'ApiTokenRevoked':
      return `token:${event.data.tokenId}`;
    case 'LoginThrottled':
    case 'LoginSucceeded':
    case 'LoginFailed':
      return event.data.account;
    default:
      return event.data.email;
  }
}

/**
 * Appends account events to `account-<id>`, where the audit read model picks them up with every
 * other audited action: one audit trail, not a second table. Users and tokens are rows of the `app`
 * tables, written first; this is their history, so who changed what is in the log with its hash.
 */
export function recordAccountEvents(store: EventStore): AccountAudit {
  return async (events, actor) => {
    const [first] = events;
    if (!first) return;
    const metadata = actorMetadata(actor);
    await store.append(
      accountStream(accountIdOf(keyOf(first))),
      events.map((event) => ({ id: newEventId(), type: event.type, data: event.data, metadata })),
    );
  };
}

/** The `LoginThrottled` event of a back-off that began (appended with the failure that began it). */
export function loginThrottledEvent(event: LoginThrottled): AccountEvent {
  return {
    type: 'LoginThrottled',
    data: {
      account: event.account,
      failures: event.failures,
      lockedUntil: event.lockedUntil.toISOString(),
      clientAddress: event.clientAddress,
    },
  };
}
