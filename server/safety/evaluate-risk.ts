// The safety verdict for a proposed tool call: which risk, hence which decision, and why.
import { type ApprovalPolicy, RiskLevel, SafetyDecision } from '../../schema/events/index.ts';
import type { PolicyState } from './policy-state.ts';
import { matchesRule, type ProposedCall } from './rule-match.ts';

const RISK_ORDER: readonly RiskLevel[] = [
  RiskLevel.Low,
  RiskLevel.Medium,
  RiskLevel.High,
  RiskLevel.Critical,
];

/** LOW and MEDIUM run, HIGH asks a human, CRITICAL is blocked (ARCHITECTURE.md §5). */
export function decisionFor(risk: RiskLevel): SafetyDecision {
  if (risk === RiskLevel.Critical) return SafetyDecision.Block;
  return risk === RiskLevel.High ? SafetyDecision.RequireApproval : SafetyDecision.Allow;
}

/** Orders risks: negative when `a` is lower than `b`. */
export function compareRisk(a: RiskLevel, b: RiskLevel): number {
  return RISK_ORDER.indexOf(a) - RISK_ORDER.indexOf(b);
}

/** Everything `evaluateRisk` needs; `toolDefaults` are the tools' own default risks by tool name. */
export interface RiskInput extends ProposedCall {
  policies: readonly PolicyState[];
  toolDefaults: Readonly<Record<string, RiskLevel>>;
}

/**
 * A verdict, shaped like the `SafetyEvaluated` event minus `step` and `tool`. `policyId` and
 * `policyVersion` name the policy whose rule set the risk, or are both null when a default did.
 */
export interface RiskEvaluation {
  risk: RiskLevel;
  decision: SafetyDecision;
  reasons: string[];
  policyId: string | null;
  policyVersion: number | null;
  /** The deciding rules' approval settings (for each field, the first rule that sets it); absent when none do. */
  approval?: ApprovalPolicy;
}

interface MatchedRule {
  policy: PolicyState;
  risk: RiskLevel;
  reason: string;
  agentSpecific: boolean;
  approval: ApprovalPolicy | undefined;
}

function matchingRules(input: RiskInput): MatchedRule[] {
  return input.policies
    .filter((policy) => !policy.archived)
    .flatMap((policy) =>
      policy.rules
        .filter((rule) => matchesRule(rule.match, input))
        .map((rule) => ({
          policy,
          risk: rule.risk,
          reason: rule.reason,
          agentSpecific: rule.match.agentIds !== undefined,
          approval: rule.approval,
        })),
    );
}

function fromDefaults(input: RiskInput): RiskEvaluation {
  const known = Object.hasOwn(input.toolDefaults, input.tool);
  const risk = known ? (input.toolDefaults[input.tool] as RiskLevel) : RiskLevel.High;
  const reason = known
    ? `No policy rule matches; ${input.tool} has the default risk ${risk}.`
    : `No policy rule matches and ${input.tool} is not a known tool, so it counts as HIGH risk.`;
  return { risk, decision: decisionFor(risk), reasons: [reason], policyId: null, policyVersion: null };
}

/**
 * Evaluates a proposed tool call against the given policies (archived ones are skipped).
 *
 * Precedence: if any matching rule names the agent (`match.agentIds`), only those agent-specific
 * rules count, so a rule for one agent can LOWER the risk the general rules give (e.g. let one
 * agent send email without approval); otherwise all matching rules count. The exception: a CRITICAL
 * verdict of a general rule is never lowered (no agent may be allowed a blocked action, such as a
 * SQL write, by an override). Among the rules that
 * count, the highest risk wins, and its reasons (every counted rule at that risk) are returned.
 * When no rule matches, the tool's default risk applies, and a tool with no default is HIGH.
 * The decision always follows the risk (`decisionFor`). Pass the built-in policy
 * (`defaultPolicy`) together with the agent's own policies. Never throws.
 */
export function evaluateRisk(input: RiskInput): RiskEvaluation {
  const matched = matchingRules(input);
  if (matched.length === 0) return fromDefaults(input);
  const specific = matched.filter((rule) => rule.agentSpecific);
  const critical = matched.filter((rule) => rule.risk === RiskLevel.Critical);
  const counted =
    specific.length > 0 ? [...specific, ...critical.filter((rule) => !rule.agentSpecific)] : matched;
  const risk = counted.reduce<RiskLevel>(
    (highest, rule) => (compareRisk(rule.risk, highest) > 0 ? rule.risk : highest),
    RiskLevel.Low,
  );
  const deciding = counted.filter((rule) => rule.risk === risk);
  const first = deciding[0] as MatchedRule;
  const approval = mergeApproval(deciding.map((rule) => rule.approval));
  return {
    risk,
    decision: decisionFor(risk),
    reasons: [...new Set(deciding.map((rule) => rule.reason))],
    policyId: first.policy.policyId,
    policyVersion: first.policy.version,
    ...(approval ? { approval } : {}),
  };
}

/** For each field, the first of `levels` that sets it; undefined when none sets any. */
export function mergeApproval(levels: readonly (ApprovalPolicy | undefined)[]): ApprovalPolicy | undefined {
  const merged: ApprovalPolicy = {};
  for (const level of levels) {
    if (!level) continue;
    if (merged.timeoutMs === undefined && level.timeoutMs !== undefined) merged.timeoutMs = level.timeoutMs;
    if (merged.onExpiry === undefined && level.onExpiry !== undefined) merged.onExpiry = level.onExpiry;
    if (merged.escalateTo === undefined && level.escalateTo !== undefined)
      merged.escalateTo = level.escalateTo;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}
