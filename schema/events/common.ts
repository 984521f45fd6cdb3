import { z } from 'zod';

/** How dangerous an action is; policies and tool defaults assign it, safety maps it to a decision. */
export const RiskLevel = { Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH', Critical: 'CRITICAL' } as const;
export type RiskLevel = (typeof RiskLevel)[keyof typeof RiskLevel];

/** Every id of the platform: a UUID, the same in GraphQL, REST, URLs and stream names. */
export const Id = z.uuid();
/** A step of a run, numbered from 1 (so the last step number equals `totals.steps`). */
export const Step = z.number().int().positive();
/** Anything counted: tokens, steps, attempts, bytes, milliseconds (rounded to whole milliseconds). */
export const Count = z.number().int().nonnegative();
/** An amount of money in US dollars. */
export const Usd = z.number().nonnegative();
/** A string that must say something. */
export const NonEmpty = z.string().min(1);
/** Who did something: a user's `sub` claim, or `system` for the platform itself. */
export const Actor = NonEmpty;
/** An instant as an ISO-8601 UTC string, as `Date.prototype.toISOString` writes it. */
export const IsoDateTime = z.iso.datetime();

/**
 * A failure as recorded in an event: a message for people and an optional stable code for machines
 * (`timeout`, `rate_limited`, `http_503`, …).
 */
export const ErrorInfo = z.strictObject({ message: NonEmpty, code: NonEmpty.optional() });
export type ErrorInfo = z.infer<typeof ErrorInfo>;

const MAX_JSON_DEPTH = 64;

type Finding = { path: PropertyKey[]; problem: string };

/**
 * Finds the first place where `value` would not survive `JSON.stringify` → `JSON.parse` unchanged, so
 * that replay sees exactly what the live run saw. An `undefined` object property is allowed: JSON drops
 * it, which means the same as absent. `path` is the walk's stack (its length is the depth).
 */
function findNonJson(value: unknown, path: PropertyKey[]): Finding | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? null : { path: [...path], problem: `${value} is not JSON` };
  if (value === undefined) return { path: [...path], problem: 'is missing' };
  if (typeof value !== 'object') return { path: [...path], problem: `a ${typeof value} is not JSON` };
  if (path.length >= MAX_JSON_DEPTH)
    return { path: [...path], problem: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
  const entries: Iterable<[PropertyKey, unknown]> = Array.isArray(value)
    ? Array.from(value, (item, index): [PropertyKey, unknown] => [index, item])
    : Object.entries(value);
  if (!Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return {
        path: [...path],
        problem: `a ${prototype?.constructor?.name || 'non-plain object'} is not JSON`,
      };
    }
  }
  for (const [key, item] of entries) {
    // JSON drops an undefined property (same as absent) but turns an undefined array item into null.
    if (item === undefined && !Array.isArray(value)) continue;
    path.push(key);
    const found = findNonJson(item, path);
    path.pop();
    if (found) return found;
  }
  return null;
}

function refuseNonJson(value: unknown, ctx: z.RefinementCtx): void {
  const found = findNonJson(value, []);
  if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.problem });
}

/** Any JSON value (tool results, final outputs). Required: `undefined` is refused. */
export const JsonValue = z.unknown().superRefine(refuseNonJson);
/** A JSON object (tool params, integration config). */
export const JsonObject = z.record(z.string(), z.unknown()).superRefine(refuseNonJson);

/** A list of strings that may not repeat an entry (tool names, ids). */
export function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z.array(item).refine((list) => new Set(list).size === list.length, {
    message: `must not name the same ${what} twice`,
  });
}
