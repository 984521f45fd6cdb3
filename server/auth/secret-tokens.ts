import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError } from '../application/errors.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import { isRole, type Role } from './roles.ts';

/** API tokens start with this, so the bearer check knows them from JWTs without trying both. */
export const API_TOKEN_PREFIX = 'spk_';

/** Tokens are stored as their sha256 only: a database leak reveals no usable token. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** An API token as the API shows it (never the token itself after creation). */
export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** When it stops working; null: until revoked. */
  expiresAt: Date | null;
  /** When it was last used, to within `LAST_USED_EVERY_MS` (the write is throttled). */
  lastUsedAt: Date | null;
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = 'id, name, role, created_by, created_at, revoked_at, expires_at, last_used_at';

/**
 * A live token: not revoked, not expired, and its creator not suspended (a removed creator's tokens
 * are revoked with the account). `t` is app.api_tokens, `u` its creator LEFT JOINed from app.users.
 */
const LIVE = `t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.deactivated_at IS NULL`;

function toView(row: TokenRow): ApiTokenView {
  if (!isRole(row.role)) throw new Error(`API token ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at ?? null,
    lastUsedAt: row.last_used_at ?? null,
  };
}

/** Creates a token; the returned `token` is shown once and never stored. */
export async function insertApiToken(
  db: SqlQueryable,
  input: { name: string; role: Role; createdBy: string; expiresAt?: Date | null },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO app.api_tokens (id, name, role, token_hash, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [randomUUID(), input.name, input.role, sha256(token), input.createdBy, input.expiresAt ?? null],
  );
  return { token, apiToken: toView(rows[0] as TokenRow) };
}

/** Why a known token is refused, or null when it is live. */
export type TokenRefusal = 'revoked' | 'expired' | 'owner_deactivated';

/** The token with this secret and whether it may be used now; null when no token has it. */
export async function findApiToken(
  db: SqlQueryable,
  token: string,
): Promise<{ token: ApiTokenView; refusal: TokenRefusal | null } | null> {
  const { rows } = await db.query<TokenRow & { expired: boolean; owner_deactivated: boolean }>(
    `SELECT ${prefixed('t')}, (t.expires_at IS NOT NULL AND t.expires_at <= now()) AS expired,
            u.deactivated_at IS NOT NULL AS owner_deactivated
       FROM app.api_tokens t LEFT JOIN app.users u ON u.id = t.created_by
      WHERE t.token_hash = $1`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) return null;
  const refusal: TokenRefusal | null = row.revoked_at
    ? 'revoked'
    : row.expired
      ? 'expired'
      : row.owner_deactivated
        ? 'owner_deactivated'
        : null;
  return { token: toView(row), refusal };
}

function prefixed(alias: string): string {
  return COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/** The ids among `ids` of tokens that exist and are live (one query for any number). */
export async function liveApiTokenIds(db: SqlQueryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT t.id FROM app.api_tokens t LEFT JOIN app.users u ON u.id = t.created_by
      WHERE t.id = ANY($1::text[]) AND ${LIVE}`,
    [[...ids]],
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * Records a use of the token, unless one was recorded less than `everyMs` ago: the condition keeps
 * processes that each throttle on their own from writing more than about once per interval.
 */
export async function touchApiToken(db: SqlQueryable, id: string, everyMs: number): Promise<void> {
  await db.query(
    `UPDATE app.api_tokens SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= now() - $2::int * interval '1 millisecond')`,
    [id, everyMs],
  );
}

/**
 * Revokes a token (idempotent); `changed` is false when it was revoked already.
 * @throws NotFoundError
 */
export async function revokeApiToken(
  db: SqlQueryable,
  id: string,
): Promise<{ token: ApiTokenView; changed: boolean }> {
  const { rows } = await db.query<TokenRow & { was_revoked: boolean }>(
    `UPDATE app.api_tokens t SET revoked_at = coalesce(t.revoked_at, now())
       FROM app.api_tokens old WHERE t.id = $1 AND old.id = t.id
     RETURNING ${prefixed('t')}, old.revoked_at IS NOT NULL AS was_revoked`,
    [id],
  );
  if (!rows[0]) throw new NotFoundError('API token', id);
  return { token: toView(rows[0]), changed: !rows[0].was_revoked };
}

export async function listApiTokens(db: SqlQueryable): Promise<ApiTokenView[]> {
  const { rows } = await db.query<TokenRow>(`SELECT ${COLUMNS} FROM app.api_tokens ORDER BY created_at, id`);
  return rows.map(toView);
}

/** A one-time login link token for `userId`, valid for `ttlMs`. */
export async function insertLoginLink(db: SqlQueryable, userId: string, ttlMs: number): Promise<string> {
  const token = newSecret('spl_');
  await db.query('INSERT INTO app.login_links (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    sha256(token),
    userId,
    new Date(Date.now() + ttlMs),
  ]);
  return token;
}

/** Marks the link used and returns its user id; null when unknown, used or expired (one winner). */
export async function redeemLoginLink(db: SqlQueryable, token: string): Promise<string | null> {
  const { rows } = await db.query<{ user_id: string }>(
    `UPDATE app.login_links SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [sha256(token)],
  );
  return rows[0]?.user_id ?? null;
}
