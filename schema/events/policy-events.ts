// Stream `policy-<policyId>`: a safety policy, its rules versioned from 1 at `PolicyCreated`.
import { z } from 'zod';
import { ApprovalPolicy } from './approval-policy.ts';
import { Actor, Count, Id, JsonValue, NonEmpty, RiskLevel, Usd, uniqueList } from './common.ts';
import type { EventDefinition } from './define.ts';

/** How a rule compares one tool param (found by a dotted `path` into the params) with `value`. */
export const ParamOperator = {
  Equals: 'equals',
  NotEquals: 'notEquals',
  Matches: 'matches',
  Contains: 'contains',
  In: 'in',
  Gt: 'gt',
  Lt: 'lt',
} as const;
export type ParamOperator = (typeof ParamOperator)[keyof typeof ParamOperator];

function isRegExpSource(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const paramPath = NonEmpty;

/**
 * One condition on a tool param. `value` fits its operator: a regular expression source for
 * `matches`, a list for `in`, a number for `gt`/`lt`, any JSON for `equals`/`notEquals`/`contains`
 * (`contains` means substring of a string param or element of an array param).
 */
export const ParamCondition = z.discriminatedUnion('op', [
  z.strictObject({
    path: paramPath,
    op: z.enum([ParamOperator.Equals, ParamOperator.NotEquals, ParamOperator.Contains]),
    value: JsonValue,
  }),
  z.strictObject({
    path: paramPath,
    op: z.literal(ParamOperator.Matches),
    value: z.string().refine(isRegExpSource, { message: 'must be a valid regular expression' }),
  }),
  z.strictObject({ path: paramPath, op: z.literal(ParamOperator.In), value: z.array(JsonValue).min(1) }),
  z.strictObject({ path: paramPath, op: z.enum([ParamOperator.Gt, ParamOperator.Lt]), value: z.number() }),
]);
export type ParamCondition = z.infer<typeof ParamCondition>;

/** A rule matches when every part present matches; an empty `match` matches every tool call. */
export const RuleMatch = z.strictObject({
  tool: z.union([NonEmpty, uniqueList(NonEmpty, 'tool').min(1)]).optional(),
  agentIds: uniqueList(Id, 'agent').min(1).optional(),
  params: z.array(ParamCondition).min(1).optional(),
  totals: z
    .strictObject({
      stepsAbove: Count.optional(),
      tokensAbove: Count.optional(),
      costUsdAbove: Usd.optional(),
    })
    .optional(),
});

/** Data, not code: the safety module evaluates rules; `risk` and `reason` apply when `match` does. */
export const PolicyRule = z.strictObject({
  id: NonEmpty,
  description: z.string(),
  match: RuleMatch,
  risk: z.enum(RiskLevel),
  reason: NonEmpty,
  /** When the rule asks for approval: its deadline, on-expiry action and escalation target. */
  approval: ApprovalPolicy.optional(),
});
export type PolicyRule = z.infer<typeof PolicyRule>;

const rules = z
  .array(PolicyRule)
  .refine((list) => new Set(list.map((rule) => rule.id)).size === list.length, {
    message: 'must not use the same rule id twice',
  });

export const PolicyCreated = z.strictObject({
  policyId: Id,
  name: NonEmpty,
  description: z.string().optional(),
  version: z.literal(1),
  rules,
});

/** The longest change note a policy version keeps. */
export const POLICY_NOTE_MAX = 500;

/** A new version of the policy's rules, replacing all of them; `version` is the new version. */
export const PolicyUpdated = z.strictObject({
  policyId: Id,
  version: z.number().int().min(2),
  rules,
  changedBy: Actor.optional(),
  /** Why the rules changed, as the person saving wrote it (absent on saves before notes existed). */
  note: z.string().trim().min(1).max(POLICY_NOTE_MAX).optional(),
});

export const PolicyArchived = z.strictObject({ policyId: Id, by: Actor });

export const policyEventDefinitions = [
  { type: 'PolicyCreated', schemaVersion: 1, schema: PolicyCreated },
  { type: 'PolicyUpdated', schemaVersion: 1, schema: PolicyUpdated },
  { type: 'PolicyArchived', schemaVersion: 1, schema: PolicyArchived },
] as const satisfies readonly EventDefinition[];
