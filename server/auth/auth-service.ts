import { ApplicationError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { migrateAuth } from './auth-migration.ts';
import { LoginThrottledError, UnauthenticatedError } from './errors.ts';
import { createJwtCodec, type JwtConfig } from './jwt.ts';
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
  login(email: string, password: string, clientAddress?: string): Promise<Session>;
  /** @throws UnauthenticatedError when the link is unknown, used or expired. */
  loginWithLink(token: string): Promise<Session>;
  /** A signed JWT for a viewer (tests, the first admin's link). */
  issueToken(
    viewer: Pick<Viewer, 'id' | 'role' | 'email'> & { viaLoginLink?: boolean },
  ): Promise<{ token: string; expiresAt: Date }>;
  /** @throws InvalidInputError (email, password, role), ConflictError when the email is taken. */
  createUser(input: { email: string; password: string; role: Role }): Promise<UserView>;
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
  createApiToken(
    input: { name: string; role: Role },
    by: Viewer,
  ): Promise<{ token: string; apiToken: ApiTokenView }>;
  /** @throws NotFoundError */
  revokeApiToken(id: string): Promise<ApiTokenView>;
  listApiTokens(): Promise<ApiTokenView[]>;
  /** Which of these API token ids are still live (not revoked): open sockets re-check with it. */
  liveApiTokenIds(ids: readonly string[]): Promise<Set<string>>;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/;

/** A back-off that began: the audit trail records it. */
export interface LoginThrottled {
  account: string;
  failures: number;
  lockedUntil: Date;
  clientAddress: string;
}

/** Auth over the `app` tables of `db`, with JWTs signed and verified as `jwt` says. */
export function createAuthService(options: {
  db: SqlDatabase;
  jwt: JwtConfig;
  loginThrottle?: LoginThrottlePolicy;
  /** Called when an account's failures put it in back-off (the audit trail). */
  onLoginThrottled?: (event: LoginThrottled) => Promise<void>;
}): AuthService {
  const { db } = options;
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
        const found = await findApiToken(db, token);
        if (!found) throw new UnauthenticatedError('Unknown or revoked API token');
        return {
          id: `token:${found.id}`,
          role: found.role,
          email: null,
          tokenId: found.id,
          viaLoginLink: false,
        };
      }
      const claims = await codec.verify(token);
      return {
        id: claims.sub,
        role: claims.role,
        email: claims.email,
        tokenId: null,
        viaLoginLink: claims.viaLoginLink,
        expiresAt: claims.expiresAt ?? null,
      };
    },
    async login(email, password, clientAddress = 'unknown') {
      const account = normalizeEmail(email);
      const lockedUntil = await throttle.lockedUntil(account);
      // While it waits the password is not even checked: a right guess then tells nothing.
      if (lockedUntil) throw new LoginThrottledError(lockedUntil);
      const user = await checkPassword(db, email, password);
      if (!user) {
        const failed = await throttle.failed(account);
        if (failed.lockedUntil)
          await options.onLoginThrottled?.({
            account,
            failures: failed.failures,
            lockedUntil: failed.lockedUntil,
            clientAddress,
          });
        throw new UnauthenticatedError('Wrong email or password');
      }
      await throttle.succeeded(account);
      return session(user, false);
    },
    async loginWithLink(token) {
      const userId = await redeemLoginLink(db, token);
      const user = userId ? await getUser(db, userId) : null;
      if (!user) throw new UnauthenticatedError('This login link is unknown, used or expired');
      return session(user, true);
    },
    issueToken: (viewer) =>
      codec.sign({
        sub: viewer.id,
        role: viewer.role,
        email: viewer.email,
        viaLoginLink: viewer.viaLoginLink ?? false,
      }),
    createUser: (input) => createUser(db, input),
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
    createApiToken: (input, by) => insertApiToken(db, { ...input, createdBy: by.id }),
    revokeApiToken: (id) => revokeApiToken(db, id),
    listApiTokens: () => listApiTokens(db),
    liveApiTokenIds: (ids) => liveApiTokenIds(db, ids),
  };
}
