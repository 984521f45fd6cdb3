// Text that reaches the event log must be storable in every adapter: PostgreSQL's jsonb refuses
// NUL (\u0000) and lone UTF-16 surrogates, and a refused append used to leave a run retrying paid
// model calls for ever. This is the one place that makes any value storable, by construction.

/** What replaces each offending code unit: one unit for one, so string lengths (and limits) hold. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const HAS_UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` would be refused by jsonb (a NUL or a lone surrogate). */
export function hasUnstorableText(text: string): boolean {
  return HAS_UNSTORABLE.test(text);
}

/** `text` with every NUL and lone surrogate replaced by U+FFFD; the same string when clean. */
export function storableString(text: string): string {
  return hasUnstorableText(text) ? text.replace(UNSTORABLE, REPLACEMENT_CHARACTER) : text;
}

/** A value made storable, and the dotted paths of the strings (or object keys) that were changed. */
export interface StorableValue<T> {
  value: T;
  changedPaths: string[];
}

/**
 * A deep copy of a JSON-like value in which every string, and every object key, is storable.
 * Values that need no change are returned as they are (no copy), so clean events cost one walk.
 * Paths name keys as given (after their own repair) and array items by index: `params.sql`,
 * `steps.2.thought`; a repaired key is named with a trailing `(key)`. Never throws.
 */
export function makeStorable<T>(value: T): StorableValue<T> {
  const changedPaths: string[] = [];
  const repaired = repair(value, '', changedPaths);
  return { value: repaired as T, changedPaths };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

// Numbers, booleans and null need no repair: skipping them before any path is built keeps a long
// array of numbers (an embedding) one cheap pass.
function repair(value: unknown, path: string, changed: string[]): unknown {
  if (typeof value === 'string') {
    if (!hasUnstorableText(value)) return value;
    changed.push(path === '' ? '(value)' : path);
    return storableString(value);
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item === null || (typeof item !== 'string' && typeof item !== 'object')) continue;
      const next = repair(item, join(path, String(index)), changed);
      if (next !== item) {
        copy ??= value.slice();
        copy[index] = next;
      }
    }
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      const storableKey = hasUnstorableText(key) ? storableString(key) : key;
      if (storableKey === key && (item === null || (typeof item !== 'string' && typeof item !== 'object')))
        continue;
      const next = repair(item, join(path, storableKey), changed);
      if (storableKey !== key) changed.push(`${join(path, storableKey)}(key)`);
      if (next !== item || storableKey !== key) {
        copy ??= Object.fromEntries(Object.entries(value));
        if (storableKey !== key) delete copy[key];
        copy[storableKey] = next;
      }
    }
    return copy ?? value;
  }
  return value;
}

// Dates, buffers and class instances are left alone: JSON.stringify decides how they serialize.
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
