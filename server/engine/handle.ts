// handle(): what a person's (or the scheduler's) command on a run comes to, from the run's folded
// state. Pure and total: the events to append together, or a refusal as data. decide() says what
// the engine does next; handle() says what a command from outside does.
import { describeEscalationTarget } from '../../schema/events/index.ts';
import { isExpired } from '../safety/approval-deadline.ts';
import { badInput, conflict, type Decision, notFound } from './refusal.ts';
import { isTerminal, type RunState, type SafetyVerdict } from './run-state.ts';

export type { Decision, Refusal } from './refusal.ts';

/** A command on one run, addressed by the run it belongs to. `by` is the actor's id. */
export type RunControl =
  | {
      kind: 'approve';
      approvalId: string;
      by: string;
      comment?: string;
      editedParams?: Record<string, unknown>;
    }
  | { kind: 'reject'; approvalId: string; by: string; comment?: string }
  | { kind: 'cancel'; by: string; reason?: string }
  | { kind: 'expire_approval'; approvalId: string };

/** What handle needs besides the state. */
export interface HandleContext {
  now: Date;
  /** The tool's schema check of params: a problem, or null when they are valid. */
  validateParams(tool: string, params: Record<string, unknown>): string | null;
  /** The safety verdict for a call with these params (the run's policies; budgets from `state`). */
  evaluateSafety(state: RunState, tool: string, params: Record<string, unknown>): SafetyVerdict;
}

const runLabel = (state: RunState) => `Run ${state.runId}`;

/** The pending approval `approvalId`, or the refusal saying why there is none to decide. */
function pendingApproval(state: RunState, approvalId: string): Decision | null {
  if (state.runId === null) return notFound(`Approval ${approvalId}: its run does not exist`);
  if (isTerminal(state.status)) {
    return conflict(
      `Approval ${approvalId} can no longer be decided: ${runLabel(state)} has ended (${state.status})`,
    );
  }
  if (state.approval?.approvalId !== approvalId) {
    return conflict(
      `Approval ${approvalId} was already decided (or expired, or is not of ${runLabel(state)})`,
    );
  }
  return null;
}

/**
 * Approval with edited params: the edit must pass the tool's schema, and is evaluated by safety at
 * once, recorded with the grant in one append. An edit that safety blocks is refused
 * (BAD_USER_INPUT on `editedParams`, with the reasons): the operator's edit is the input at fault,
 * and refusing it leaves the approval pending so they can edit again or reject, instead of turning
 * their approval into a blocked step the model would hear about.
 */
function approve(
  state: RunState,
  command: Extract<RunControl, { kind: 'approve' }>,
  ctx: HandleContext,
): Decision {
  const refused = pendingApproval(state, command.approvalId);
  if (refused !== null) return refused;
  const { approvalId, by, comment, editedParams } = command;
  const base = { approvalId, by, ...(comment !== undefined && { comment }) };
  if (editedParams === undefined) return { events: [{ type: 'ApprovalGranted', data: base }] };
  const approval = state.approval as NonNullable<RunState['approval']>;
  const problem = ctx.validateParams(approval.tool, editedParams);
  if (problem !== null) return badInput('editedParams', `Edited params for ${approval.tool}: ${problem}`);
  const verdict = ctx.evaluateSafety(state, approval.tool, editedParams);
  if (verdict.decision === 'block') {
    const why = verdict.reasons.join(' ');
    return badInput(
      'editedParams',
      `The edited ${approval.tool} call would be blocked (${verdict.risk}): ${why}`,
    );
  }
  return {
    events: [
      { type: 'ApprovalGranted', data: { ...base, editedParams } },
      { type: 'SafetyEvaluated', data: { step: approval.step, tool: approval.tool, ...verdict } },
    ],
  };
}

function reject(state: RunState, command: Extract<RunControl, { kind: 'reject' }>): Decision {
  const refused = pendingApproval(state, command.approvalId);
  if (refused !== null) return refused;
  const { approvalId, by, comment } = command;
  return {
    events: [
      { type: 'ApprovalRejected', data: { approvalId, by, ...(comment !== undefined && { comment }) } },
    ],
  };
}

/**
 * Cancels a run that has not ended. A pending approval is rejected by the same person in the same
 * append, so no approval stays open (a card with live buttons) for a run that will never continue.
 */
function cancel(state: RunState, command: Extract<RunControl, { kind: 'cancel' }>): Decision {
  if (state.runId === null) return notFound('The run does not exist');
  if (isTerminal(state.status)) return conflict(`${runLabel(state)} has already ended (${state.status})`);
  const { by, reason } = command;
  const cancelled = { type: 'RunCancelled', data: { by, ...(reason !== undefined && { reason }) } };
  const { approval } = state;
  if (approval === null) return { events: [cancelled] };
  const comment = reason === undefined ? 'Run cancelled.' : `Run cancelled: ${reason}`;
  const rejected = { type: 'ApprovalRejected', data: { approvalId: approval.approvalId, by, comment } };
  return { events: [rejected, cancelled] };
}

/** The deadline passed: apply the approval's `onExpiry` (an escalation records who it went to next). */
export function expireApproval(state: RunState, approvalId: string, now: Date): Decision {
  const refused = pendingApproval(state, approvalId);
  if (refused !== null) return refused;
  const approval = state.approval as NonNullable<RunState['approval']>;
  if (approval.expiresAt === null || !isExpired(approval.expiresAt, now)) {
    const until =
      approval.expiresAt === null
        ? 'it was escalated and has no deadline'
        : `it waits until ${approval.expiresAt.toISOString()}`;
    return conflict(`Approval ${approvalId} has not expired: ${until}`);
  }
  const action = approval.onExpiry;
  const expired = { type: 'ApprovalExpired', data: { approvalId, action } };
  if (action !== 'escalate') return { events: [expired] };
  const to = approval.escalateTo ? { to: describeEscalationTarget(approval.escalateTo) } : {};
  return { events: [expired, { type: 'ApprovalEscalated', data: { approvalId, ...to } }] };
}

/** The events a command on a run comes to, or why it is refused. Never throws. */
export function handle(state: RunState, command: RunControl, ctx: HandleContext): Decision {
  switch (command.kind) {
    case 'approve':
      return approve(state, command, ctx);
    case 'reject':
      return reject(state, command);
    case 'cancel':
      return cancel(state, command);
    case 'expire_approval':
      return expireApproval(state, command.approvalId, ctx.now);
  }
}
