import { getUser } from '../auth/users.ts';
import type { SqlQueryable } from '../db/sql-database.ts';

/**
 * Who did something, as people read it: the email of each id that is a user; any other actor
 * (`expiry`, `system`, a role such as `role:admin`, a deleted user) stays as it was recorded.
 */
export async function emailsOf(db: SqlQueryable, ids: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(ids)];
  const users = await Promise.all(distinct.map((id) => getUser(db, id).catch(() => null)));
  return new Map(distinct.map((id, i) => [id, users[i]?.email ?? id]));
}
