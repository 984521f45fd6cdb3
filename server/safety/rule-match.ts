// When does a policy rule apply to a proposed tool call? Pure matching of the RuleMatch data.
import type { ParamCondition, PolicyRule } from '../../schema/events/index.ts';
import { classifySql, type SqlParse } from './classify-sql.ts';

/** What the run has used so far, as policy rules see it. */
export interface UsageTotals {
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** A proposed tool call in the context rules match against. */
export interface ProposedCall {
  tool: string;
  params: Record<string, unknown>;
  agentId: string;
  totals: UsageTotals;
  /** PostgreSQL's parser for the `sqlKind` view; without it every SQL text is `unknown`. */
  parseSql?: SqlParse;
}

/** What the param views need besides the value. */
export interface ViewContext {
  parseSql?: SqlParse;
}

/**
 * Derived views a param path may end with, after a `|`: `query|sqlKind` is `classifySql(query)`
 * (`read` | `write` | `unknown`, decided on PostgreSQL's parse tree), `method|upper` and `to|lower`
 * change case. They apply to strings; any other value gives `unknown` for `sqlKind` and stays as
 * it is for the case views. A missing param stays missing.
 */
const VIEWS: Record<string, (value: unknown, context: ViewContext) => unknown> = {
  sqlKind: (value, context) => (typeof value === 'string' ? classifySql(value, context.parseSql) : 'unknown'),
  upper: (value) => (typeof value === 'string' ? value.toUpperCase() : value),
  lower: (value) => (typeof value === 'string' ? value.toLowerCase() : value),
};

/**
 * Reads `a.b.0.c` (dotted, array indexes as numbers) from params, then applies the views named
 * after `|`. Only own properties count (no `constructor`, no `__proto__`); an unknown view makes
 * the value `undefined`.
 */
export function readParam(params: Record<string, unknown>, path: string, context: ViewContext = {}): unknown {
  const [dotted = '', ...views] = path.split('|');
  let value: unknown = params;
  for (const key of dotted.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  for (const name of views) {
    if (value === undefined) return undefined;
    const view = Object.hasOwn(VIEWS, name) ? VIEWS[name] : undefined;
    value = view ? view(value, context) : undefined;
  }
  return value;
}

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

/**
 * One condition against the params. A missing param matches only `notEquals`; `matches` needs a
 * string; `contains` is a substring of a string or an element of an array; `gt`/`lt` need a number.
 */
export function matchesCondition(
  params: Record<string, unknown>,
  condition: ParamCondition,
  context: ViewContext = {},
): boolean {
  const actual = readParam(params, condition.path, context);
  switch (condition.op) {
    case 'equals':
      return actual !== undefined && jsonEqual(actual, condition.value);
    case 'notEquals':
      return !jsonEqual(actual, condition.value);
    case 'matches':
      return typeof actual === 'string' && (safeRegExp(condition.value)?.test(actual) ?? false);
    case 'contains':
      if (typeof actual === 'string')
        return typeof condition.value === 'string' && actual.includes(condition.value);
      return Array.isArray(actual) && actual.some((item) => jsonEqual(item, condition.value));
    case 'in':
      return actual !== undefined && condition.value.some((item) => jsonEqual(actual, item));
    case 'gt':
      return typeof actual === 'number' && actual > condition.value;
    case 'lt':
      return typeof actual === 'number' && actual < condition.value;
  }
}

/** Totals match when ANY limit given is passed ("long or expensive runs"). */
function matchesTotals(totals: UsageTotals, limits: NonNullable<PolicyRule['match']['totals']>): boolean {
  const { stepsAbove, tokensAbove, costUsdAbove } = limits;
  const checks = [
    stepsAbove === undefined ? null : totals.steps > stepsAbove,
    tokensAbove === undefined ? null : totals.inputTokens + totals.outputTokens > tokensAbove,
    costUsdAbove === undefined ? null : totals.costUsd > costUsdAbove,
  ].filter((check) => check !== null);
  return checks.length === 0 || checks.some(Boolean);
}

/**
 * Whether a rule applies: every part present must match (tool, agent, all param conditions,
 * totals); within `totals`, any one limit passed is enough. An empty match applies to every call.
 */
export function matchesRule(match: PolicyRule['match'], call: ProposedCall): boolean {
  if (match.tool !== undefined) {
    const tools = typeof match.tool === 'string' ? [match.tool] : match.tool;
    if (!tools.includes(call.tool)) return false;
  }
  if (match.agentIds !== undefined && !match.agentIds.includes(call.agentId)) return false;
  const context = { parseSql: call.parseSql };
  if (match.params?.some((condition) => !matchesCondition(call.params, condition, context))) return false;
  return match.totals === undefined || matchesTotals(call.totals, match.totals);
}
