import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a webhook delivery is signed in. */
export const SIGNATURE_HEADER = 'X-Spark-Signature';
/** The delivery's id: the same on every retry, so a receiver can drop a repeat. */
export const DELIVERY_HEADER = 'X-Spark-Delivery';
/** The notification event (`APPROVAL_REQUESTED`, `RUN_FAILED`, …, or `TEST`). */
export const EVENT_HEADER = 'X-Spark-Event';

/** `sha256=<hex HMAC-SHA256 of the raw body with the secret>`: the value of X-Spark-Signature. */
export function signBody(rawBody: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifySignature(
  rawBody: string | Uint8Array,
  secret: string,
  header: string | null,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(rawBody, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
