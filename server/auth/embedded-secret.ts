import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file, inside DATA_DIR, that holds the generated secret. */
export const SECRET_FILE = 'jwt-secret';

/**
 * The JWT secret of an embedded install without JWT_SECRET: read from `<dataDir>/jwt-secret`, or
 * generated (48 random bytes, base64url) and written there with mode 0600 on first start, so tokens
 * survive restarts. Never call it when JWT_SECRET is set.
 * @throws when the file exists but holds fewer than 32 characters (a truncated or edited file).
 */
export function ensureEmbeddedSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length < 32)
      throw new Error(`${path} holds fewer than 32 characters; delete it to regenerate`);
    return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // `wx`: if another process created it meanwhile, fail rather than overwrite its secret.
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
