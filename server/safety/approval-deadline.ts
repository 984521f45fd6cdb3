// When a pending approval stops waiting, and what happens then.
import { ApprovalExpiryAction } from '../../schema/events/index.ts';

/** 24 hours: how long an approval waits unless configured otherwise. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** How long approvals wait and what their expiry does; absent fields take the defaults. */
export interface ApprovalDeadlineConfig {
  /** Default 24 hours. */
  timeoutMs?: number;
  /** Default `reject`: an unanswered request never runs a risky tool. */
  onExpiry?: ApprovalExpiryAction;
}

/**
 * The `expiresAt` (ISO-8601, as `ApprovalRequested` stores it) and `onExpiry` of an approval
 * requested at `now`.
 * @throws RangeError when `timeoutMs` is not a positive finite number (a configuration mistake).
 */
export function approvalDeadline(
  now: Date,
  config: ApprovalDeadlineConfig = {},
): { expiresAt: string; onExpiry: ApprovalExpiryAction } {
  const timeoutMs = config.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`Approval timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  return {
    expiresAt: new Date(now.getTime() + timeoutMs).toISOString(),
    onExpiry: config.onExpiry ?? ApprovalExpiryAction.Reject,
  };
}

/** Whether the deadline has passed: true from the instant `now` reaches `expiresAt`. */
export function isExpired(expiresAt: Date | string, now: Date): boolean {
  return now.getTime() >= new Date(expiresAt).getTime();
}
