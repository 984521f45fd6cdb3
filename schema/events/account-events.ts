// Stream `account-<accountId>`: what the API edge did to a login account. `accountId` is derived
// from the normalized email (see server/auth/login-audit.ts), so stream names carry no address.
import { z } from 'zod';
import { IsoDateTime, NonEmpty } from './common.ts';
import type { EventDefinition } from './define.ts';

/**
 * Failed logins put the account in back-off: until `lockedUntil` every login is refused unchecked.
 * Recorded when a wait begins (not on every failure), so a flood of guesses writes a few events.
 */
export const LoginThrottled = z.strictObject({
  /** The normalized email the attempts named (whether or not such a user exists). */
  account: NonEmpty,
  /** Failed attempts in a row so far. */
  failures: z.number().int().positive(),
  lockedUntil: IsoDateTime,
  /** The address of the last failed attempt (X-Forwarded-For only from TRUSTED_PROXIES). */
  clientAddress: NonEmpty,
});

export const accountEventDefinitions = [
  { type: 'LoginThrottled', schemaVersion: 1, schema: LoginThrottled },
] as const satisfies readonly EventDefinition[];
