import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SealedSecret } from '../../schema/events/index.ts';

/** Seals channel secrets before they enter the log, and opens them to sign a delivery. */
export interface SecretBox {
  seal(secret: string): SealedSecret;
  /** @throws SecretUnreadableError when the platform secret changed since it was sealed (or it was altered). */
  open(sealed: SealedSecret): string;
}

export class SecretUnreadableError extends Error {
  readonly code = 'SECRET_UNREADABLE';
  constructor(options?: { cause?: unknown }) {
    super(
      "The channel's secret cannot be decrypted (the platform secret, JWT_SECRET, changed since it was set): delete the channel and create it again",
      options,
    );
    this.name = 'SecretUnreadableError';
  }
}

// Distinct from the JWT use of the same platform secret: a key for one purpose only.
const INFO = 'spark-ops notification channel secrets v1';

/**
 * AES-256-GCM under a key derived (HKDF-SHA256) from the platform secret (JWT_SECRET or the
 * embedded install's generated one). Rotating that secret makes sealed secrets unreadable: the
 * delivery then fails with a message saying so, nothing is sent unsigned.
 */
export function createSecretBox(platformSecret: string): SecretBox {
  if (platformSecret.length < 32)
    throw new Error('createSecretBox needs a platform secret of 32+ characters');
  const key = Buffer.from(hkdfSync('sha256', platformSecret, 'spark-ops', INFO, 32));
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return {
        alg: 'aes-256-gcm',
        iv: iv.toString('base64url'),
        tag: cipher.getAuthTag().toString('base64url'),
        ciphertext: ciphertext.toString('base64url'),
      };
    },
    open(sealed) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
        const clear = Buffer.concat([
          decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
          decipher.final(),
        ]);
        return clear.toString('utf8');
      } catch (error) {
        throw new SecretUnreadableError({ cause: error });
      }
    },
  };
}
