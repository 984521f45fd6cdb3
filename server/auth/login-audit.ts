import { createHash } from 'node:crypto';
import { accountStream } from '../../schema/events/streams.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { LoginThrottled } from './auth-service.ts';

/** The stream id of an account: a digest of its normalized email (stream names carry no address). */
export function accountIdOf(account: string): string {
  return createHash('sha256').update(account).digest('hex').slice(0, 32);
}

/**
 * Records a login back-off in the log (`LoginThrottled` on `account-<id>`), where the audit read
 * model picks it up with every other audited decision: one audit trail, not a second table.
 */
export function recordLoginThrottled(store: EventStore): (event: LoginThrottled) => Promise<void> {
  return async (event) => {
    await store.append(accountStream(accountIdOf(event.account)), [
      {
        id: newEventId(),
        type: 'LoginThrottled',
        data: {
          account: event.account,
          failures: event.failures,
          lockedUntil: event.lockedUntil.toISOString(),
          clientAddress: event.clientAddress,
        },
        metadata: { actor: event.account },
      },
    ]);
  };
}
