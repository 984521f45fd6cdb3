// Account management over `app.users`: role changes, deactivation and removal, each guarded so
// that at least one active admin always remains.
import { ConflictError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { SqlDatabase, SqlQueryable } from '../db/sql-database.ts';
import { isRole, type Role } from './roles.ts';
import { toUserView, USER_COLUMNS, type UserRow, type UserView } from './users.ts';

/** A change made to an account, with what it was before (for the audit trail). */
export interface AccountChange {
  before: UserView;
  after: UserView | null;
  /** API tokens the removal revoked. */
  revokedTokens: number;
}

async function lockedUser(tx: SqlQueryable, id: string): Promise<UserView> {
  // One lock for every admin-changing write: two admins demoting each other at once cannot both pass
  // the "another active admin remains" check.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('app.admins', 0))`);
  const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app.users WHERE id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError('User', id);
  return toUserView(rows[0]);
}

/** @throws ConflictError when `user` is the only active admin. */
async function keepAnAdmin(tx: SqlQueryable, user: UserView, what: string): Promise<void> {
  if (user.role !== 'admin' || user.deactivatedAt !== null) return;
  const { rows } = await tx.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM app.users WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1`,
    [user.id],
  );
  if (Number(rows[0]?.n ?? 0) === 0) {
    throw new ConflictError(
      `${user.email} is the last active admin and cannot be ${what}: make another user an admin first`,
    );
  }
}

async function updated(tx: SqlQueryable, sql: string, params: unknown[]): Promise<UserView> {
  const { rows } = await tx.query<UserRow>(`${sql} RETURNING ${USER_COLUMNS}`, params);
  return toUserView(rows[0] as UserRow);
}

/**
 * Sets a user's role; their open sessions get it on their next request.
 * @throws InvalidInputError (role), NotFoundError, ConflictError for the last active admin.
 */
export function changeUserRole(db: SqlDatabase, id: string, role: Role): Promise<AccountChange> {
  if (!isRole(role)) throw new InvalidInputError('role', 'Unknown role');
  return db.transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    if (role !== 'admin') await keepAnAdmin(tx, before, 'demoted');
    const after = await updated(tx, 'UPDATE app.users SET role = $2 WHERE id = $1', [id, role]);
    return { before, after, revokedTokens: 0 };
  });
}

/**
 * Suspends (or, with `active`, restores) an account: while suspended it cannot log in and its
 * sessions and the API tokens it created are refused. Idempotent.
 * @throws NotFoundError, ConflictError for the last active admin.
 */
export function setUserActive(db: SqlDatabase, id: string, active: boolean): Promise<AccountChange> {
  return db.transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    if (!active) await keepAnAdmin(tx, before, 'deactivated');
    const after = await updated(
      tx,
      active
        ? 'UPDATE app.users SET deactivated_at = NULL WHERE id = $1'
        : 'UPDATE app.users SET deactivated_at = coalesce(deactivated_at, now()) WHERE id = $1',
      [id],
    );
    return { before, after, revokedTokens: 0 };
  });
}

/**
 * Deletes an account, revokes the API tokens it created and remembers its id, so that sessions it
 * signed before are refused although the row is gone.
 * @throws NotFoundError, ConflictError for the last active admin.
 */
export function removeUser(db: SqlDatabase, id: string): Promise<AccountChange> {
  return db.transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    await keepAnAdmin(tx, before, 'removed');
    const revoked = await tx.query<{ id: string }>(
      'UPDATE app.api_tokens SET revoked_at = now() WHERE created_by = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    await tx.query('INSERT INTO app.removed_users (id, email) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
      id,
      before.email,
    ]);
    await tx.query('DELETE FROM app.login_links WHERE user_id = $1', [id]);
    await tx.query('DELETE FROM app.users WHERE id = $1', [id]);
    return { before, after: null, revokedTokens: revoked.rows.length };
  });
}

/** What the account behind a session says now: its current role, or why it may no longer act. */
export type SessionStanding = { status: 'active'; role: Role | null } | { status: 'deactivated' | 'removed' };

/**
 * The standing of the account `id`. A session whose id names no account (signed for a service or a
 * test, never a row) keeps its claims: `role` null.
 */
export async function sessionStanding(db: SqlQueryable, id: string): Promise<SessionStanding> {
  const { rows } = await db.query<{ role: string | null; deactivated: boolean | null; removed: boolean }>(
    `SELECT u.role, u.deactivated_at IS NOT NULL AS deactivated, r.id IS NOT NULL AS removed
       FROM (SELECT $1::text AS id) k
       LEFT JOIN app.users u ON u.id = k.id
       LEFT JOIN app.removed_users r ON r.id = k.id`,
    [id],
  );
  const row = rows[0];
  if (row?.removed) return { status: 'removed' };
  if (row?.deactivated) return { status: 'deactivated' };
  return { status: 'active', role: row?.role && isRole(row.role) ? row.role : null };
}

/** The ids among `ids` whose accounts are deactivated or removed (open sockets re-check with it). */
export async function endedUserIds(db: SqlQueryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM app.users WHERE id = ANY($1::text[]) AND deactivated_at IS NOT NULL
     UNION SELECT id FROM app.removed_users WHERE id = ANY($1::text[])`,
    [[...ids]],
  );
  return new Set(rows.map((row) => row.id));
}
