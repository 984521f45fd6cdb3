import { ApplicationError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { Actor } from '../application/event-writer.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import {
  type AccountChange,
  changeUserRole,
  endedUserIds,
  removeUser,
  sessionStanding,
  setUserActive,
} from './accounts.ts';
import { migrateAuth } from './auth-migration.ts';
import { LoginThrottledError, UnauthenticatedError } from './errors.ts';
import { createJwtCodec, type JwtConfig } from './jwt.ts';
import { type AccountAudit, type AccountEvent, loginThrottledEvent } from './login-audit.ts';
import { createLoginThrottle, DEFAULT_LOGIN_THROTTLE, type LoginThrottlePolicy } from './login-throttle.ts';
import type { Role, Viewer } from './roles.ts';
import {
  API_TOKEN_PREFIX,
  type ApiTokenView,
  findApiToken,
  insertApiToken,
  insertLoginLink,
  listApiTokens,
  liveApiTokenIds,
  redeemLoginLink,
  revokeApiToken,
  type TokenRefusal,
  touchApiToken,
} from './secret-tokens.ts';
import {
  checkPassword,
  checkPasswordLength,
  countUsers,
  createUser,
  getUser,
  listUsers,
  normalizeEmail,
  setUserPassword,
  type UserView,
  verifyUserPassword,
} from './users.ts';

/** What `login` and `loginWithLink` return. */
export interface Session {
  token: string;
  expiresAt: Date;
  viewer: Viewer;
}

/** Authentication and the accounts behind it. */
export interface AuthService {
  /** Creates the `app` tables if missing. */
  migrate(): Promise<void>;
  /**
   * The viewer of an `Authorization` header value (`Bearer <JWT or API token>`); null without one.
   * @throws UnauthenticatedError for a malformed header or a token that does not verify.
   */
  authenticate(authorization: string | null | undefined): Promise<Viewer | null>;
  /**
   * Checks the password unless the account is in back-off; each failure counts, and past a few
   * the account waits exponentially longer (see `login-throttle.ts`).
   * @throws UnauthenticatedError("Wrong email or password"), LoginThrottledError while it waits.
   */
  login(email: string, password: string, origin?: RequestOrigin): Promise<Session>;
  /** @throws UnauthenticatedError when the link is unknown, used or expired, or the account suspended. */
  loginWithLink(token: string, origin?: RequestOrigin): Promise<Session>;
  /** A signed JWT for a viewer (tests, the first admin's link). */
  issueToken(
    viewer: Pick<Viewer, 'id' | 'role' | 'email'> & { viaLoginLink?: boolean },
  ): Promise<{ token: string; expiresAt: Date }>;
  /** @throws InvalidInputError (email, password, role), ConflictError when the email is taken. */
  createUser(input: { email: string; password: string; role: Role }, by?: Actor): Promise<UserView>;
  /**
   * Sets a user's role (their sessions carry the new one from their next request).
   * @throws NotFoundError, ConflictError when it would leave no active admin.
   */
  changeUserRole(id: string, role: Role, by: Actor): Promise<UserView>;
  /**
   * Suspends an account: its sessions and the API tokens it created are refused at once.
   * @throws NotFoundError, ConflictError when it would leave no active admin.
   */
  deactivateUser(id: string, by: Actor): Promise<UserView>;
  /** Lifts a suspension. @throws NotFoundError */
  reactivateUser(id: string, by: Actor): Promise<UserView>;
  /**
   * Deletes an account and revokes its API tokens; its sessions are refused at once.
   * @throws NotFoundError, ConflictError when it would leave no active admin.
   */
  removeUser(id: string, by: Actor): Promise<UserView>;
  /** Every user account, oldest first. */
  listUsers(): Promise<UserView[]>;
  /**
   * Sets the viewer's password. The current one is required, unless the session came from a
   * one-time login link (how the first admin, whose generated password nobody knows, sets one).
   * @throws InvalidInputError (currentPassword missing or wrong, newPassword too short or long),
   * ApplicationError FORBIDDEN for an API token, NotFoundError when the viewer has no account.
   */
  setPassword(viewer: Viewer, input: { currentPassword: string | null; newPassword: string }): Promise<void>;
  countUsers(): Promise<number>;
  createLoginLink(userId: string, ttlMs: number): Promise<string>;
  /** @throws InvalidInputError (expiresAt) for an expiry not in the future. */
  createApiToken(
    input: { name: string; role: Role; expiresAt?: Date | null },
    by: Actor,
  ): Promise<{ token: string; apiToken: ApiTokenView }>;
  /** @throws NotFoundError */
  revokeApiToken(id: string, by?: Actor): Promise<ApiTokenView>;
  listApiTokens(): Promise<ApiTokenView[]>;
  /**
   * Which of these API token ids are still live (not revoked, not expired, creator not suspended):
   * open sockets re-check with it.
   */
  liveApiTokenIds(ids: readonly string[]): Promise<Set<string>>;
  /** Which of these user ids belong to suspended or removed accounts: open sockets re-check with it. */
  endedUserIds(ids: readonly string[]): Promise<Set<string>>;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  clientAddress: string;
  userAgent: string | null;
}

/** How often at most a token's `lastUsedAt` is written (per process, and per database by the SQL). */
export const LAST_USED_EVERY_MS = 60_000;

const TOKEN_REFUSED: Record<TokenRefusal, string> = {
  revoked: 'This API token was revoked',
  expired: 'This API token has expired',
  owner_deactivated: 'The account that created this API token is deactivated',
};

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/;

/** A back-off that began: the audit trail records it. */
export interface LoginThrottled {
  account: string;
  failures: number;
  lockedUntil: Date;
  clientAddress: string;
  userAgent?: string | null;
}

/** Auth over the `app` tables of `db`, with JWTs signed and verified as `jwt` says. */
export function createAuthService(options: {
  db: SqlDatabase;
  jwt: JwtConfig;
  loginThrottle?: LoginThrottlePolicy;
  /** Called when an account's failures put it in back-off, when there is no `audit`. */
  onLoginThrottled?: (event: LoginThrottled) => Promise<void>;
  /** Records logins (and back-offs) and every change to users and tokens (the audit trail). */
  audit?: AccountAudit;
  /** Test seam: how often at most a token's last use is written (default LAST_USED_EVERY_MS). */
  lastUsedEveryMs?: number;
}): AuthService {
  const { db } = options;
  const record = async (event: AccountEvent, by: Actor) => {
    await options.audit?.([event], by);
  };
  const lastUsedEveryMs = options.lastUsedEveryMs ?? LAST_USED_EVERY_MS;
  // Token id → when this process last wrote its last use: most requests write nothing.
  const touched = new Map<string, number>();
  const touch = (id: string) => {
    const now = Date.now();
    if (now - (touched.get(id) ?? Number.NEGATIVE_INFINITY) < lastUsedEveryMs) return;
    if (touched.size >= 10_000) touched.clear();
    touched.set(id, now);
    // Off the request's path: a lost write only makes lastUsedAt older, and the next use retries.
    touchApiToken(db, id, lastUsedEveryMs).catch(() => touched.delete(id));
  };
  const changed = async (change: AccountChange, by: Actor): Promise<UserView> => {
    const { before, after } = change;
    const ref = { userId: before.id, email: before.email };
    if (!after)
      await record({ type: 'UserRemoved', data: { ...ref, revokedTokens: change.revokedTokens } }, by);
    else if (after.role !== before.role)
      await record({ type: 'UserRoleChanged', data: { ...ref, from: before.role, to: after.role } }, by);
    else if ((after.deactivatedAt === null) !== (before.deactivatedAt === null))
      await record({ type: after.deactivatedAt ? 'UserDeactivated' : 'UserReactivated', data: ref }, by);
    return after ?? before;
  };
  const codec = createJwtCodec(options.jwt);
  const throttle = createLoginThrottle(db, options.loginThrottle ?? DEFAULT_LOGIN_THROTTLE);
  const session = async (user: UserView, viaLoginLink: boolean): Promise<Session> => {
    const viewer: Viewer = { id: user.id, role: user.role, email: user.email, tokenId: null, viaLoginLink };
    const claims = { sub: user.id, role: user.role, email: user.email, viaLoginLink };
    return { ...(await codec.sign(claims)), viewer };
  };
  return {
    migrate: () => migrateAuth(db),
    async authenticate(authorization) {
      if (authorization == null || authorization === '') return null;
      const match = BEARER.exec(authorization.trim());
      if (!match) throw new UnauthenticatedError('Expected "Authorization: Bearer <token>"');
      const token = match[1] as string;
      if (token.startsWith(API_TOKEN_PREFIX)) {
        const lookedUp = await findApiToken(db, token);
        if (!lookedUp) throw new UnauthenticatedError('Unknown API token');
        if (lookedUp.refusal) throw new UnauthenticatedError(TOKEN_REFUSED[lookedUp.refusal]);
        const found = lookedUp.token;
        touch(found.id);
        return {
          id: `token:${found.id}`,
          role: found.role,
          email: null,
          tokenId: found.id,
          viaLoginLink: false,
        };
      }
      const claims = await codec.verify(token);
      // A signed session outlives nothing the account went through: suspension and removal end it,
      // and a role change applies from the next request (one primary-key look-up per request).
      const standing = await sessionStanding(db, claims.sub);
      if (standing.status !== 'active') {
        throw new UnauthenticatedError(
          standing.status === 'removed' ? 'This account was removed' : 'This account is deactivated',
        );
      }
      return {
        id: claims.sub,
        role: standing.role ?? claims.role,
        email: claims.email,
        tokenId: null,
        viaLoginLink: claims.viaLoginLink,
        expiresAt: claims.expiresAt ?? null,
      };
    },
    async login(email, password, origin = { clientAddress: 'unknown', userAgent: null }) {
      const account = normalizeEmail(email);
      // No account has an empty email, and the audit of a failed login must name one.
      if (account === '') throw new InvalidInputError('email', 'must not be empty');
      const lockedUntil = await throttle.lockedUntil(account);
      // While it waits the password is not even checked: a right guess then tells nothing.
      if (lockedUntil) throw new LoginThrottledError(lockedUntil);
      const user = await checkPassword(db, email, password);
      if (!user) {
        const failed = await throttle.failed(account);
        const failure: AccountEvent = { type: 'LoginFailed', data: { account, reason: 'wrong_credentials' } };
        const throttled: LoginThrottled | null = failed.lockedUntil
          ? { account, failures: failed.failures, lockedUntil: failed.lockedUntil, ...origin }
          : null;
        // One append for the failure and the back-off it began: the answer is not slowed twice.
        if (options.audit)
          await options.audit(throttled ? [failure, loginThrottledEvent(throttled)] : [failure], {
            id: account,
            ...origin,
          });
        else if (throttled) await options.onLoginThrottled?.(throttled);
        throw new UnauthenticatedError('Wrong email or password');
      }
      await throttle.succeeded(account);
      if (user.deactivatedAt) {
        await record(
          { type: 'LoginFailed', data: { account, reason: 'deactivated' } },
          { id: user.id, ...origin },
        );
        throw new UnauthenticatedError('This account is deactivated');
      }
      const by = { id: user.id, email: user.email, ...origin };
      await record({ type: 'LoginSucceeded', data: { account, userId: user.id, method: 'password' } }, by);
      return session(user, false);
    },
    async loginWithLink(token, origin = { clientAddress: 'unknown', userAgent: null }) {
      const userId = await redeemLoginLink(db, token);
      const user = userId ? await getUser(db, userId) : null;
      if (!user || user.deactivatedAt) {
        const account = user?.email ?? 'login-link';
        const reason = user ? 'deactivated' : 'invalid_link';
        await record(
          { type: 'LoginFailed', data: { account, reason } },
          { id: user?.id ?? account, ...origin },
        );
        throw new UnauthenticatedError(
          user ? 'This account is deactivated' : 'This login link is unknown, used or expired',
        );
      }
      const by = { id: user.id, email: user.email, ...origin };
      await record(
        { type: 'LoginSucceeded', data: { account: user.email, userId: user.id, method: 'link' } },
        by,
      );
      return session(user, true);
    },
    issueToken: (viewer) =>
      codec.sign({
        sub: viewer.id,
        role: viewer.role,
        email: viewer.email,
        viaLoginLink: viewer.viaLoginLink ?? false,
      }),
    async createUser(input, by = { id: 'system' }) {
      const user = await createUser(db, input);
      await record(
        { type: 'UserCreated', data: { userId: user.id, email: user.email, role: user.role } },
        by,
      );
      return user;
    },
    changeUserRole: async (id, role, by) => changed(await changeUserRole(db, id, role), by),
    deactivateUser: async (id, by) => changed(await setUserActive(db, id, false), by),
    reactivateUser: async (id, by) => changed(await setUserActive(db, id, true), by),
    removeUser: async (id, by) => changed(await removeUser(db, id), by),
    listUsers: () => listUsers(db),
    async setPassword(viewer, input) {
      if (viewer.tokenId !== null) throw new ApplicationError('FORBIDDEN', 'An API token has no password');
      if (!(await getUser(db, viewer.id))) throw new NotFoundError('User', viewer.id);
      checkPasswordLength('newPassword', input.newPassword);
      if (!viewer.viaLoginLink) {
        if (!input.currentPassword) {
          throw new InvalidInputError('currentPassword', 'The current password is required');
        }
        if (!(await verifyUserPassword(db, viewer.id, input.currentPassword))) {
          throw new InvalidInputError('currentPassword', 'The current password is wrong');
        }
      }
      await setUserPassword(db, viewer.id, input.newPassword, 'newPassword');
    },
    countUsers: () => countUsers(db),
    createLoginLink: (userId, ttlMs) => insertLoginLink(db, userId, ttlMs),
    async createApiToken(input, by) {
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw new InvalidInputError('expiresAt', 'The expiry must be in the future');
      }
      const created = await insertApiToken(db, { ...input, createdBy: by.id });
      const { apiToken } = created;
      const expiresAt = apiToken.expiresAt?.toISOString() ?? null;
      const data = { tokenId: apiToken.id, name: apiToken.name, role: apiToken.role, expiresAt };
      await record({ type: 'ApiTokenCreated', data }, by);
      return created;
    },
    async revokeApiToken(id, by = { id: 'system' }) {
      const { token, changed: revoked } = await revokeApiToken(db, id);
      if (revoked)
        await record({ type: 'ApiTokenRevoked', data: { tokenId: token.id, name: token.name } }, by);
      return token;
    },
    listApiTokens: () => listApiTokens(db),
    liveApiTokenIds: (ids) => liveApiTokenIds(db, ids),
    endedUserIds: (ids) => endedUserIds(db, ids),
  };
}
