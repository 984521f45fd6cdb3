import { hash } from 'node:crypto';
import type { EventMetadata } from '../eventstore/port.ts';

/** The metadata key holding an event's chained hash; the hash covers the metadata without it. */
export const CHAIN_HASH_KEY = 'chainHash';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, and the JSON meaning of every
 * value (undefined properties dropped, undefined array items as null, `toJSON` honoured). The
 * stores hand back JSON with its keys in their own order (jsonb sorts by length first), so the
 * hash must not depend on key order — only on what `JSON.parse(JSON.stringify(value))` holds.
 */
export function canonicalJson(value: unknown, skipKey?: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  const object = value as { toJSON?: () => unknown } & Record<string, unknown>;
  if (typeof object.toJSON === 'function') return canonicalJson(object.toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      // Numbers inline: an embedding is hundreds of them.
      if (typeof item === 'number') out += Number.isFinite(item) ? String(item) : 'null';
      else
        out +=
          item === undefined || typeof item === 'function' || typeof item === 'symbol'
            ? 'null'
            : canonicalJson(item);
    }
    return `${out}]`;
  }
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    if (key === skipKey) continue;
    const item = object[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

/** What an event's hash covers: everything the store keeps of it except position and time. */
export interface ChainedContent {
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * SHA-256 (hex) over the previous event's hash and the canonical encoding of stream, revision,
 * type, data and metadata (without {@link CHAIN_HASH_KEY}), one line each.
 */
export function chainHash(previous: string, event: ChainedContent): string {
  return hash(
    'sha256',
    `${previous}\n${JSON.stringify(event.stream)}\n${event.revision}\n${JSON.stringify(event.type)}\n${canonicalJson(event.data)}\n${canonicalJson(event.metadata, CHAIN_HASH_KEY)}`,
    'hex',
  );
}

/** The hash an event stored, or undefined when it carries none (written before the chain). */
export function storedHash(metadata: EventMetadata): string | undefined {
  const value = metadata[CHAIN_HASH_KEY];
  return typeof value === 'string' ? value : undefined;
}
