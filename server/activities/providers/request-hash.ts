import { createHash } from 'node:crypto';
import type { ReasoningRequest } from '../../engine/conversation.ts';

/**
 * JSON with object keys sorted at every depth, so equal values always serialise to the same
 * string. Arrays keep their order (message order matters); `undefined` members are dropped as
 * `JSON.stringify` does. Throws on values JSON cannot represent (bigint, cycles).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a "__proto__" key survives (assignment would not).
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** sha256 (hex) of the request's canonical JSON: equal requests hash equal, whatever the key order. */
export function requestHash(request: ReasoningRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}
