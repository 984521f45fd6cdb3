import type { SqlDatabase } from '../db/sql-database.ts';

/**
 * Schema `app`: users (argon2 password hashes; `deactivated_at` set while an account is suspended),
 * API tokens (sha256 hashes, optional expiry, a throttled last-use time) and one-time login links
 * (sha256 hashes), failed-login counts, and the ids of removed users (whose signed sessions
 * must keep failing after the row is gone).
 */
const AUTH_SQL = `
CREATE SCHEMA IF NOT EXISTS app;
CREATE TABLE IF NOT EXISTS app.users (
  id            text        NOT NULL PRIMARY KEY,
  email         text        NOT NULL UNIQUE,
  password_hash text        NOT NULL,
  role          text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS app.api_tokens (
  id          text        NOT NULL PRIMARY KEY,
  name        text        NOT NULL,
  role        text        NOT NULL,
  token_hash  text        NOT NULL UNIQUE,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
ALTER TABLE app.users ADD COLUMN IF NOT EXISTS deactivated_at timestamptz;
ALTER TABLE app.api_tokens ADD COLUMN IF NOT EXISTS expires_at timestamptz;
ALTER TABLE app.api_tokens ADD COLUMN IF NOT EXISTS last_used_at timestamptz;
CREATE INDEX IF NOT EXISTS api_tokens_created_by_idx ON app.api_tokens (created_by);
CREATE TABLE IF NOT EXISTS app.removed_users (
  id         text        NOT NULL PRIMARY KEY,
  email      text        NOT NULL,
  removed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS app.login_links (
  token_hash text        NOT NULL PRIMARY KEY,
  user_id    text        NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE TABLE IF NOT EXISTS app.login_failures (
  account        text        NOT NULL PRIMARY KEY,
  failures       integer     NOT NULL,
  last_failed_at timestamptz NOT NULL,
  locked_until   timestamptz
);
`;

/** Creates the auth tables if missing; serialised so that processes starting together do not race. */
export async function migrateAuth(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('app.migrate', 0))`);
    for (const statement of AUTH_SQL.split(';')) if (statement.trim()) await tx.query(statement);
  });
}
