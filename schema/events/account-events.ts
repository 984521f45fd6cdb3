// Stream `account-<accountId>`: what the API edge did to a login account or an API token.
// `accountId` is a digest of the normalized email (or `token:<id>` for an API token, see
// server/auth/account-audit.ts), so stream names carry no address. Users and tokens live in the
// `app` tables; these events are their audit trail, so who changed what stays in the one log. Who
// did it and from where (actor, actorEmail, clientAddress, userAgent) is in each event's metadata.
import { z } from 'zod';
import { Id, IsoDateTime, NonEmpty } from './common.ts';
import type { EventDefinition } from './define.ts';

/** A role as stored (`admin`, `operator`, `analyst`, `integrator`). */
const RoleName = z.enum(['admin', 'operator', 'analyst', 'integrator']);

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

/** A session was opened, with a password or a one-time login link. */
export const LoginSucceeded = z.strictObject({
  account: NonEmpty,
  userId: NonEmpty,
  method: z.enum(['password', 'link']),
});

/**
 * A login was refused: a wrong email or password, a deactivated account, or an unknown, used or
 * expired login link (`account` is then `login-link`). Refusals during a back-off are not recorded
 * one by one: `LoginThrottled` says when the back-off began and the guesses stop being checked.
 */
export const LoginFailed = z.strictObject({
  account: NonEmpty,
  reason: z.enum(['wrong_credentials', 'deactivated', 'invalid_link']),
});

const UserRef = { userId: NonEmpty, email: NonEmpty };

export const UserCreated = z.strictObject({ ...UserRef, role: RoleName });
export const UserRoleChanged = z.strictObject({ ...UserRef, from: RoleName, to: RoleName });
/** The user's sessions and the API tokens they created stop working until reactivated. */
export const UserDeactivated = z.strictObject(UserRef);
export const UserReactivated = z.strictObject(UserRef);
/** The account is deleted; the API tokens it created are revoked (`revokedTokens` of them). */
export const UserRemoved = z.strictObject({ ...UserRef, revokedTokens: z.number().int().nonnegative() });

export const ApiTokenCreated = z.strictObject({
  tokenId: Id,
  name: NonEmpty,
  role: RoleName,
  /** When the token stops working; null: until revoked. */
  expiresAt: IsoDateTime.nullable(),
});
export const ApiTokenRevoked = z.strictObject({ tokenId: Id, name: NonEmpty });

export const accountEventDefinitions = [
  { type: 'LoginThrottled', schemaVersion: 1, schema: LoginThrottled },
  { type: 'LoginSucceeded', schemaVersion: 1, schema: LoginSucceeded },
  { type: 'LoginFailed', schemaVersion: 1, schema: LoginFailed },
  { type: 'UserCreated', schemaVersion: 1, schema: UserCreated },
  { type: 'UserRoleChanged', schemaVersion: 1, schema: UserRoleChanged },
  { type: 'UserDeactivated', schemaVersion: 1, schema: UserDeactivated },
  { type: 'UserReactivated', schemaVersion: 1, schema: UserReactivated },
  { type: 'UserRemoved', schemaVersion: 1, schema: UserRemoved },
  { type: 'ApiTokenCreated', schemaVersion: 1, schema: ApiTokenCreated },
  { type: 'ApiTokenRevoked', schemaVersion: 1, schema: ApiTokenRevoked },
] as const satisfies readonly EventDefinition[];
