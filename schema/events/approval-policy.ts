// How long an approval waits, what its expiry does, and whom an escalation goes to: set by a policy
// rule, overridden by an agent, defaulted by settings (APPROVAL_TIMEOUT, APPROVAL_ON_EXPIRY,
// APPROVAL_ESCALATE_TO).
import { z } from 'zod';

/** What happens to a pending approval when its deadline passes. */
export const ApprovalExpiryAction = { Reject: 'reject', Approve: 'approve', Escalate: 'escalate' } as const;
export type ApprovalExpiryAction = (typeof ApprovalExpiryAction)[keyof typeof ApprovalExpiryAction];

/** The longest an approval may wait: 30 days. */
export const MAX_APPROVAL_TIMEOUT_MS = 30 * 24 * 60 * 60 * 1000;

/** Who an escalated approval goes to: everyone with a role that may approve, or named users (emails). */
export const EscalationTarget = z.union([
  z.strictObject({ role: z.enum(['admin', 'operator']) }),
  z.strictObject({ users: z.array(z.email()).min(1).max(20) }),
]);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

/** Each field absent: the next level decides (agent override → policy rule → settings). */
export const ApprovalPolicy = z.strictObject({
  timeoutMs: z.number().int().positive().max(MAX_APPROVAL_TIMEOUT_MS).optional(),
  onExpiry: z.enum(ApprovalExpiryAction).optional(),
  escalateTo: EscalationTarget.optional(),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

/** `role:admin` or `users:a@example.com,b@example.com`: how `ApprovalEscalated.to` names a target. */
export function describeEscalationTarget(target: EscalationTarget): string {
  return 'role' in target ? `role:${target.role}` : `users:${target.users.join(',')}`;
}
