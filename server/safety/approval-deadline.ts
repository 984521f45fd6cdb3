// When a pending approval stops waiting, what happens then, and whom an escalation goes to.
import { ApprovalExpiryAction, type EscalationTarget } from '../../schema/events/index.ts';

/** 24 hours: how long an approval waits unless a rule, the agent or the settings say otherwise. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * How long approvals wait, what their expiry does and whom it escalates to; absent fields take the
 * defaults. The platform's settings (APPROVAL_TIMEOUT, APPROVAL_ON_EXPIRY, APPROVAL_ESCALATE_TO)
 * are one; a policy rule's `approval` and an agent's `approval` override them field by field.
 */
export interface ApprovalDeadlineConfig {
  /** Default 24 hours. */
  timeoutMs?: number;
  /** Default `reject`: an unanswered request never runs a risky tool. */
  onExpiry?: ApprovalExpiryAction;
  /** Default none: an escalation names nobody. */
  escalateTo?: EscalationTarget;
}

/**
 * The settings of one approval: the agent's override first, then the deciding policy rule's, then
 * the platform's defaults, field by field.
 */
export function approvalSettings(
  defaults: ApprovalDeadlineConfig,
  rule: ApprovalDeadlineConfig | undefined,
  agent: ApprovalDeadlineConfig | undefined,
): ApprovalDeadlineConfig {
  const pick = <K extends keyof ApprovalDeadlineConfig>(key: K) =>
    agent?.[key] ?? rule?.[key] ?? defaults[key];
  const timeoutMs = pick('timeoutMs');
  const onExpiry = pick('onExpiry');
  const escalateTo = pick('escalateTo');
  return {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(onExpiry !== undefined ? { onExpiry } : {}),
    ...(escalateTo !== undefined ? { escalateTo } : {}),
  };
}

/**
 * The `expiresAt` (ISO-8601, as `ApprovalRequested` stores it), `onExpiry` and `escalateTo` of an approval
 * requested at `now`.
 * @throws RangeError when `timeoutMs` is not a positive finite number (a configuration mistake).
 */
export function approvalDeadline(
  now: Date,
  config: ApprovalDeadlineConfig = {},
): { expiresAt: string; onExpiry: ApprovalExpiryAction; escalateTo?: EscalationTarget } {
  const timeoutMs = config.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`Approval timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  return {
    expiresAt: new Date(now.getTime() + timeoutMs).toISOString(),
    onExpiry: config.onExpiry ?? ApprovalExpiryAction.Reject,
    ...(config.escalateTo ? { escalateTo: config.escalateTo } : {}),
  };
}

/** Whether the deadline has passed: true from the instant `now` reaches `expiresAt`. */
export function isExpired(expiresAt: Date | string, now: Date): boolean {
  return now.getTime() >= new Date(expiresAt).getTime();
}
