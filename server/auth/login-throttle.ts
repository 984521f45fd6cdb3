import type { SqlQueryable } from '../db/sql-database.ts';

/** How failed logins slow down guessing on one account (ARCHITECTURE.md §7, issue 9 item 7). */
export interface LoginThrottlePolicy {
  /** Failures allowed before the first wait (default 3). */
  freeAttempts: number;
  /** The first wait; each further failure doubles it (default 1 s). */
  baseMs: number;
  /** The longest wait (default 15 min). */
  maxMs: number;
  /** A failure older than this starts the count afresh (default 24 h). */
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  freeAttempts: 3,
  baseMs: 1000,
  maxMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};

/** The wait after the `failures`-th failure in a row: none, then base, 2×base, 4×base… up to max. */
export function backoffMs(failures: number, policy: LoginThrottlePolicy): number {
  const over = failures - policy.freeAttempts;
  if (over <= 0) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over - 1, 40));
}

/** An account's failed logins: how many in a row, and until when it is refused. */
export interface LoginFailures {
  failures: number;
  lockedUntil: Date | null;
}

/**
 * Per-account failure counts in `app.login_failures`, shared by every server process over the
 * database (a per-process count would let N processes give N times the guesses). The key is the
 * normalized email, known or not, so the answer does not reveal which accounts exist.
 */
export function createLoginThrottle(db: SqlQueryable, policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE) {
  return {
    /** When the account may try again, or null when it may now. */
    async lockedUntil(account: string): Promise<Date | null> {
      const { rows } = await db.query<{ locked_until: Date }>(
        'SELECT locked_until FROM app.login_failures WHERE account = $1 AND locked_until > now()',
        [account],
      );
      return rows[0]?.locked_until ?? null;
    },
    /** Counts a failure (atomically, so concurrent guesses all count) and sets the next wait. */
    async failed(account: string): Promise<LoginFailures> {
      const { rows } = await db.query<{ failures: number }>(
        `INSERT INTO app.login_failures AS f (account, failures, last_failed_at) VALUES ($1, 1, now())
         ON CONFLICT (account) DO UPDATE SET
           failures = CASE WHEN f.last_failed_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
           last_failed_at = now()
         RETURNING failures`,
        [account, policy.forgetAfterMs / 1000],
      );
      const failures = rows[0]?.failures ?? 1;
      const wait = backoffMs(failures, policy);
      if (wait === 0) return { failures, lockedUntil: null };
      const locked = await db.query<{ locked_until: Date }>(
        `UPDATE app.login_failures SET locked_until = now() + make_interval(secs => $2)
          WHERE account = $1 RETURNING locked_until`,
        [account, wait / 1000],
      );
      return { failures, lockedUntil: locked.rows[0]?.locked_until ?? null };
    },
    /** A successful login clears the count. */
    async succeeded(account: string): Promise<void> {
      await db.query('DELETE FROM app.login_failures WHERE account = $1', [account]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
