import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ConflictError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import { isRole, type Role } from './roles.ts';

/** A user account as the API shows it (never with its hash). */
export interface UserView {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  /** Set while the account is suspended: it cannot log in and its sessions and tokens are refused. */
  deactivatedAt: Date | null;
}

export interface UserRow {
  id: string;
  email: string;
  role: string;
  password_hash: string;
  created_at: Date;
  deactivated_at: Date | null;
}

export const USER_COLUMNS = 'id, email, role, password_hash, created_at, deactivated_at';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
export const MIN_PASSWORD_LENGTH = 12;

export function toUserView(row: UserRow): UserView {
  if (!isRole(row.role)) throw new Error(`User ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at ?? null,
  };
}

/** Emails compare case-insensitively: they are stored lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** @throws InvalidInputError on `field` unless the password has MIN_PASSWORD_LENGTH to 1024 characters. */
export function checkPasswordLength(field: string, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new InvalidInputError(field, `A password has ${MIN_PASSWORD_LENGTH} to 1024 characters`);
  }
}

/**
 * Creates a user with an argon2id-hashed password.
 * @throws InvalidInputError (email, password, role); ConflictError when the email is taken.
 */
export async function createUser(
  db: SqlQueryable,
  input: { email: string; password: string; role: Role },
): Promise<UserView> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new InvalidInputError('email', 'Not an email address');
  checkPasswordLength('password', input.password);
  if (!isRole(input.role)) throw new InvalidInputError('role', 'Unknown role');
  const passwordHash = await hash(input.password);
  const { rows } = await db.query<UserRow>(
    `INSERT INTO app.users (id, email, password_hash, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [randomUUID(), email, passwordHash, input.role],
  );
  if (!rows[0]) throw new ConflictError(`A user with email ${email} already exists`);
  return toUserView(rows[0]);
}

// Verified against when the email is unknown, so both answers take the same time.
const dummyHash = hash('spark-ops-timing-equaliser');

/** The user whose email and password match, or null (same work either way). */
export async function checkPassword(
  db: SqlQueryable,
  email: string,
  password: string,
): Promise<UserView | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app.users WHERE email = $1`, [
    normalizeEmail(email),
  ]);
  const row = rows[0];
  const ok = await verify(row?.password_hash ?? (await dummyHash), password.slice(0, 1024));
  return row && ok ? toUserView(row) : null;
}

export async function getUser(db: SqlQueryable, id: string): Promise<UserView | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app.users WHERE id = $1`, [id]);
  return rows[0] ? toUserView(rows[0]) : null;
}

export async function countUsers(db: SqlQueryable): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM app.users');
  return Number(rows[0]?.n ?? 0);
}

/** Every user, oldest first. */
export async function listUsers(db: SqlQueryable): Promise<UserView[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app.users ORDER BY created_at, id`);
  return rows.map(toUserView);
}

/** Whether `password` is the user's (argon2 verify; false for an unknown user). */
export async function verifyUserPassword(db: SqlQueryable, id: string, password: string): Promise<boolean> {
  const { rows } = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM app.users WHERE id = $1',
    [id],
  );
  const ok = await verify(rows[0]?.password_hash ?? (await dummyHash), password.slice(0, 1024));
  return rows[0] !== undefined && ok;
}

/**
 * Replaces the user's password (argon2id).
 * @throws InvalidInputError on `field` for a bad length; NotFoundError for an unknown user.
 */
export async function setUserPassword(
  db: SqlQueryable,
  id: string,
  password: string,
  field = 'password',
): Promise<void> {
  checkPasswordLength(field, password);
  const { rows } = await db.query<{ id: string }>(
    'UPDATE app.users SET password_hash = $2 WHERE id = $1 RETURNING id',
    [id, await hash(password)],
  );
  if (!rows[0]) throw new NotFoundError('User', id);
}
