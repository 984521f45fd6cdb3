import { randomBytes } from 'node:crypto';
import type { AuthService } from './auth-service.ts';
import { Role } from './roles.ts';

/** What the first start prints: where to log in, once. */
export interface FirstAdmin {
  email: string;
  /** One-time login link; the console redeems it with `loginWithLink`. Valid for `ttlMs`. */
  loginUrl: string;
  /** The token inside the link, for API clients. */
  linkToken: string;
}

/**
 * On a database without users: creates the admin account (with a random password nobody knows:
 * the admin sets one after logging in through the link) and a one-time login link. Returns null
 * when any user exists, so calling it on every start is safe.
 */
export async function createFirstAdmin(options: {
  auth: AuthService;
  /** The console's base URL, e.g. `http://localhost:8000`. */
  baseUrl: string;
  email?: string;
  ttlMs?: number;
}): Promise<FirstAdmin | null> {
  const { auth } = options;
  if ((await auth.countUsers()) > 0) return null;
  const email = options.email ?? 'admin@spark-ops.local';
  const user = await auth.createUser({
    email,
    password: randomBytes(24).toString('base64url'),
    role: Role.Admin,
  });
  const linkToken = await auth.createLoginLink(user.id, options.ttlMs ?? 24 * 3600 * 1000);
  const loginUrl = `${options.baseUrl.replace(/\/$/, '')}/maestro/login#link=${encodeURIComponent(linkToken)}`;
  return { email: user.email, loginUrl, linkToken };
}
