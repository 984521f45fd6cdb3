import { ApplicationError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { migrateAuth } from './auth-migration.ts';
import { UnauthenticatedError } from './errors.ts';
import { createJwtCodec, type JwtConfig } from './jwt.ts';
import type { Role, Viewer } from './roles.ts';
import {
  API_TOKEN_PREFIX,
  type ApiTokenView,
  findApiToken,
  insertApiToken,
  insertLoginLink,
  listApiTokens,
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
  /** @throws UnauthenticatedError("Wrong email or password") */
  login(email: string, password: string): Promise<Session>;
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
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/;

/** Auth over the `app` tables of `db`, with JWTs signed and verified as `jwt` says. */
export function createAuthService(options: { db: SqlDatabase; jwt: JwtConfig }): AuthService {
  const { db } = options;
  const codec = createJwtCodec(options.jwt);
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
      };
    },
    async login(email, password) {
      const user = await checkPassword(db, email, password);
      if (!user) throw new UnauthenticatedError('Wrong email or password');
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
  };
}
