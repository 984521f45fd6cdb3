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
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, role, created_by, created_at, revoked_at';

function toView(row: TokenRow): ApiTokenView {
  if (!isRole(row.role)) throw new Error(`API token ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a token; the returned `token` is shown once and never stored. */
export async function insertApiToken(
  db: SqlQueryable,
  input: { name: string; role: Role; createdBy: string },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO app.api_tokens (id, name, role, token_hash, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLUMNS}`,
    [randomUUID(), input.name, input.role, sha256(token), input.createdBy],
  );
  return { token, apiToken: toView(rows[0] as TokenRow) };
}

/** The live (not revoked) token with this secret, or null. */
export async function findApiToken(db: SqlQueryable, token: string): Promise<ApiTokenView | null> {
  const { rows } = await db.query<TokenRow>(
    `SELECT ${COLUMNS} FROM app.api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
    [sha256(token)],
  );
  return rows[0] ? toView(rows[0]) : null;
}

/** The ids among `ids` of tokens that exist and are not revoked (one query for any number). */
export async function liveApiTokenIds(db: SqlQueryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM app.api_tokens WHERE id = ANY($1::text[]) AND revoked_at IS NULL',
    [[...ids]],
  );
  return new Set(rows.map((row) => row.id));
}

/** Revokes a token (idempotent). @throws NotFoundError */
export async function revokeApiToken(db: SqlQueryable, id: string): Promise<ApiTokenView> {
  const { rows } = await db.query<TokenRow>(
    `UPDATE app.api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  if (!rows[0]) throw new NotFoundError('API token', id);
  return toView(rows[0]);
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
