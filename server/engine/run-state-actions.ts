// How safety verdicts, approvals and tool calls change a run's proposal, approval and history.
import type { RunEventDataByType } from '../../schema/events/index.ts';
import type { Proposal, RunState, StepOutcome, StepRecord } from './run-state.ts';

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

/** A retryable failure of an idempotent tool is retried this many times before the model sees it. */
export const TOOL_FAILURE_RETRIES = 1;

/** Who approves when an approval's expiry action is `approve`. */
export const EXPIRY_ACTOR = 'expiry';

/** Changes the history record of the proposal's step (the last action record with that number). */
function withRecord(state: RunState, step: number, change: (record: StepRecord) => StepRecord): StepRecord[] {
  const index = state.steps.findLastIndex((item) => item.step === step && item.answer.kind === 'action');
  if (index === -1) return state.steps;
  return state.steps.map((item, i) => (i === index ? change(item) : item));
}

/** The step is over: the model will see `outcome` as the tool's result. */
function conclude(state: RunState, proposal: Proposal, outcome: StepOutcome): RunState {
  const steps = withRecord(state, proposal.step, (item) => ({ ...item, outcome }));
  return { ...state, steps, proposal: null, approval: null };
}

/** The current proposal when it belongs to `step` (and `tool`, when given). */
function proposalOf(state: RunState, step: number, tool?: string): Proposal | null {
  const { proposal } = state;
  if (proposal === null || proposal.step !== step) return null;
  return tool === undefined || proposal.tool === tool ? proposal : null;
}

/** Records the verdict on the current proposal; a block ends the step. Ignored for another step or tool. */
export function safetyEvaluated(state: RunState, data: Data<'SafetyEvaluated'>): RunState {
  const proposal = proposalOf(state, data.step, data.tool);
  if (proposal === null) return state;
  const { risk, decision, reasons, policyId, policyVersion, approval } = data;
  if (decision === 'block') return conclude(state, proposal, { kind: 'blocked', risk, reasons });
  const verdict = { risk, decision, reasons, policyId, policyVersion, ...(approval ? { approval } : {}) };
  return { ...state, proposal: { ...proposal, verdict } };
}

/** A human is asked; the run waits for this approval. */
export function approvalRequested(
  state: RunState,
  data: Data<'ApprovalRequested'>,
  requestedAt: Date,
): RunState {
  const { approvalId, step, tool, params, risk, reasons, onExpiry } = data;
  const expiresAt = new Date(data.expiresAt);
  const escalateTo = data.escalateTo ?? null;
  const escalatedTo = null;
  return {
    ...state,
    approval: {
      approvalId,
      step,
      tool,
      params,
      risk,
      reasons,
      expiresAt,
      onExpiry,
      escalateTo,
      escalatedTo,
      requestedAt,
    },
  };
}

/** Approval by a person or by an expiry that approves; edited params go back through safety. */
function approved(state: RunState, by: string, edit?: { params: Record<string, unknown>; comment?: string }) {
  const { proposal } = state;
  if (proposal === null) return { ...state, approval: null };
  const base = { ...proposal, approvedBy: by, outcomeUnknown: false };
  if (edit === undefined) return { ...state, approval: null, proposal: base };
  const edited = { by, params: edit.params, ...(edit.comment !== undefined && { comment: edit.comment }) };
  return {
    ...state,
    approval: null,
    proposal: { ...base, params: edit.params, verdict: null },
    steps: withRecord(state, proposal.step, (item) => ({ ...item, edited })),
  };
}

function pendingApproval(state: RunState, approvalId: string): boolean {
  return state.approval !== null && state.approval.approvalId === approvalId;
}

/** Approves the proposal; edited params replace it and clear its verdict (safety runs again). */
export function approvalGranted(state: RunState, data: Data<'ApprovalGranted'>): RunState {
  if (!pendingApproval(state, data.approvalId)) return state;
  const { editedParams, comment } = data;
  const edit = editedParams === undefined ? undefined : { params: editedParams, comment };
  return approved(state, data.by, edit);
}

/** Ends the step as rejected; the model sees the rejection and comment. */
export function approvalRejected(state: RunState, data: Data<'ApprovalRejected'>): RunState {
  if (!pendingApproval(state, data.approvalId)) return state;
  const { proposal } = state;
  if (proposal === null) return { ...state, approval: null };
  const { by, comment } = data;
  const outcome: StepOutcome = {
    kind: 'rejected',
    by,
    ...(comment !== undefined && { comment }),
    afterUnknownOutcome: proposal.outcomeUnknown,
  };
  return conclude(state, proposal, outcome);
}

/** Applies the expiry action: approve (like a grant), reject (ends the step) or escalate (no deadline). */
export function approvalExpired(state: RunState, data: Data<'ApprovalExpired'>): RunState {
  const { approval, proposal } = state;
  if (approval === null || !pendingApproval(state, data.approvalId)) return state;
  if (data.action === 'approve') return approved(state, EXPIRY_ACTOR);
  if (data.action === 'escalate') return { ...state, approval: { ...approval, expiresAt: null } };
  if (proposal === null) return { ...state, approval: null };
  return conclude(state, proposal, { kind: 'expired', afterUnknownOutcome: proposal.outcomeUnknown });
}

/** Notes who the approval was handed to; it stays pending. */
export function approvalEscalated(state: RunState, data: Data<'ApprovalEscalated'>): RunState {
  const { approval } = state;
  if (approval === null || !pendingApproval(state, data.approvalId)) return state;
  return { ...state, approval: { ...approval, escalatedTo: data.to ?? 'unspecified' } };
}

/** Opens the call, or counts one more start of a call already open (a retry after a crash). */
export function toolCallStarted(state: RunState, data: Data<'ToolCallStarted'>): RunState {
  const open = state.openToolCalls;
  const known = open.some((call) => call.callId === data.callId);
  const openToolCalls = known
    ? open.map((call) => (call.callId === data.callId ? { ...call, starts: call.starts + 1 } : call))
    : [...open, { ...data, starts: 1 }];
  return { ...state, openToolCalls };
}

/** Closes the open call `callId`; null when no such call is open. */
function closeCall(state: RunState, callId: string) {
  const call = state.openToolCalls.find((item) => item.callId === callId);
  if (call === undefined) return null;
  const openToolCalls = state.openToolCalls.filter((item) => item.callId !== callId);
  return { call, state: { ...state, openToolCalls } };
}

/** Closes the call; its result ends the step. */
export function toolCallSucceeded(state: RunState, data: Data<'ToolCallSucceeded'>): RunState {
  const closed = closeCall(state, data.callId);
  if (closed === null) return state;
  const proposal = proposalOf(closed.state, closed.call.step);
  if (proposal === null) return closed.state;
  const truncated = data.truncated === undefined ? {} : { originalBytes: data.truncated.originalBytes };
  return conclude(closed.state, proposal, { kind: 'succeeded', result: data.result, ...truncated });
}

/** Closes the call; ends the step with the error unless a retry is due (retryable, idempotent, first failure). */
export function toolCallFailed(state: RunState, data: Data<'ToolCallFailed'>): RunState {
  const closed = closeCall(state, data.callId);
  if (closed === null) return state;
  const proposal = proposalOf(closed.state, closed.call.step);
  if (proposal === null) return closed.state;
  const retry = data.retryable && closed.call.idempotent && proposal.retriedFailures < TOOL_FAILURE_RETRIES;
  if (!retry) return conclude(closed.state, proposal, { kind: 'failed', error: data.error });
  return {
    ...closed.state,
    proposal: { ...proposal, retriedFailures: proposal.retriedFailures + 1 },
    steps: withRecord(state, proposal.step, (item) => ({
      ...item,
      retriedErrors: [...item.retriedErrors, data.error],
    })),
  };
}

/** Closes the call; the proposal now needs a human's approval to run again. */
export function toolCallOutcomeUnknown(state: RunState, data: Data<'ToolCallOutcomeUnknown'>): RunState {
  const after = closeCall(state, data.callId)?.state ?? state;
  const proposal = proposalOf(after, data.step);
  if (proposal === null) return after;
  return {
    ...after,
    proposal: { ...proposal, outcomeUnknown: true, approvedBy: null },
    steps: withRecord(after, proposal.step, (item) => ({ ...item, interruptions: item.interruptions + 1 })),
  };
}
