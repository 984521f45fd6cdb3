// decide(): the run's next command from its folded state and the current time. Pure and total.
import { RiskLevel, type RunTotals } from '../../schema/events/index.ts';
import { isExpired } from '../safety/approval-deadline.ts';
import { checkBudget } from '../safety/budget.ts';
import type { RunCommand } from './run-command.ts';
import { isTerminal, type OpenToolCall, type Proposal, type RunState, usageSoFar } from './run-state.ts';
import { memoryToStore } from './step-memory.ts';

/** An LLM call of one step is tried at most this many times (retryable failures only). */
export const MAX_REASONING_ATTEMPTS = 5;
/** The run fails after this many malformed model answers in a row. */
export const MAX_MALFORMED_IN_A_ROW = 3;
/** An idempotent call started this many times without an outcome (a crash loop) goes to a human. */
export const MAX_TOOL_STARTS = 3;

/** What decide needs besides the state: the current time (for deadlines, wall time and totals). */
export interface DecideContext {
  now: Date;
}

function unknownOutcomeReason(tool: string, step: number, starts: number, idempotent: boolean): string {
  const why = idempotent
    ? `it was started ${starts} times and never finished`
    : 'it is not idempotent, so running it again could repeat its effect';
  return (
    `${tool} (step ${step}) was started but its outcome was never recorded: the worker stopped while it ran, ` +
    `and ${why}. Approve to run it again, reject to go on without it.`
  );
}

function openCallCommand(state: RunState, call: OpenToolCall): RunCommand {
  const { callId, step, tool, params } = call;
  if (call.idempotent && call.starts < MAX_TOOL_STARTS) {
    return { kind: 'retry_tool', callId, step, tool, params, attempt: call.starts + 1 };
  }
  const risk = state.proposal?.verdict?.risk ?? RiskLevel.High;
  const reasons = [unknownOutcomeReason(tool, step, call.starts, call.idempotent)];
  return { kind: 'resolve_unknown_outcome', callId, step, tool, params, risk, reasons };
}

/** Totals as `RunCompleted` records them, with wall time up to `now`. */
export function runTotals(state: RunState, now: Date): RunTotals {
  const { steps, inputTokens, outputTokens, costUsd, startedAt } = state.totals;
  const wallTimeMs = startedAt === null ? 0 : Math.max(0, Math.round(now.getTime() - startedAt.getTime()));
  return { steps, inputTokens, outputTokens, costUsd, wallTimeMs };
}

function finishCommand(state: RunState, output: unknown, now: Date): RunCommand {
  const memory = memoryToStore(state);
  if (memory !== null) return { kind: 'store_memory', ...memory };
  return { kind: 'complete', output, totals: runTotals(state, now) };
}

function proposalCommand(proposal: Proposal): RunCommand | null {
  const { step, tool, params, verdict } = proposal;
  if (proposal.outcomeUnknown) {
    const reasons = [unknownOutcomeReason(tool, step, 1, false)];
    return { kind: 'request_approval', step, tool, params, risk: verdict?.risk ?? RiskLevel.High, reasons };
  }
  if (verdict === null) return { kind: 'evaluate_safety', step, tool, params };
  if (verdict.decision === 'allow') return { kind: 'call_tool', step, tool, params };
  if (verdict.decision === 'block') return null;
  if (proposal.approvedBy !== null) return { kind: 'call_tool', step, tool, params };
  const { risk, reasons, approval } = verdict;
  return { kind: 'request_approval', step, tool, params, risk, reasons, ...(approval ? { approval } : {}) };
}

function reasoningRetryCommand(state: RunState): RunCommand | null {
  const failure = state.reasoningFailure;
  if (failure === null) return null;
  const { step, attempt, retryable, error } = failure;
  if (retryable && attempt < MAX_REASONING_ATTEMPTS) return { kind: 'call_llm', step, attempt: attempt + 1 };
  const message = retryable
    ? `The model call of step ${step} failed ${attempt} times: ${error.message}`
    : `The model call of step ${step} failed and cannot be retried: ${error.message}`;
  return { kind: 'fail', error: { message, code: 'reasoning_failed' }, step };
}

/** The budget that is used up, as the run's failure, or null while another model call may start. */
function budgetFailure(state: RunState, now: Date): RunCommand | null {
  const budget = state.agent?.budget ?? {};
  // A fork's inherited usage counts (usageSoFar); its wall time counts from its own start.
  const exceeded = checkBudget(budget, usageSoFar(state), now, state.totals.startedAt ?? now);
  if (exceeded === null) return null;
  const atStep = state.step > 0 ? { step: state.step } : {};
  return { kind: 'fail', error: { message: exceeded.message, code: 'budget_exceeded' }, ...atStep };
}

function nextStepCommand(state: RunState, now: Date): RunCommand {
  const retry = reasoningRetryCommand(state);
  // A retried model call is a model call: it waits for the budget like a new step's call does.
  if (retry?.kind === 'call_llm') return budgetFailure(state, now) ?? retry;
  if (retry !== null) return retry;
  const atStep = state.step > 0 ? { step: state.step } : {};
  if (state.malformed.inARow >= MAX_MALFORMED_IN_A_ROW) {
    const details = state.malformed.details.join(' | ');
    const message = `The model produced ${state.malformed.inARow} malformed answers in a row: ${details}`;
    return { kind: 'fail', error: { message, code: 'malformed_output' }, ...atStep };
  }
  const memory = memoryToStore(state);
  if (memory !== null) return { kind: 'store_memory', ...memory };
  return budgetFailure(state, now) ?? { kind: 'call_llm', step: state.step + 1, attempt: 1 };
}

/**
 * The one next command for a run, in this order of precedence:
 * 1. ended or not started → `none`;
 * 2. a tool call started without outcome (a crash) → `retry_tool` if idempotent, else
 *    `resolve_unknown_outcome`;
 * 3. the model finished → `store_memory` (the output), then `complete`;
 * 4. an approval pending → `expire_approval` once `now` ≥ its deadline, else `wait`;
 * 5. a proposal → `evaluate_safety`, `request_approval` or `call_tool` (after a grant with edited
 *    params, safety runs again; `require_approval` then counts as approved, `block` ends the step);
 * 6. otherwise the step is over → retry a failed LLM call (retryable, attempt < 5, budget left) or `fail`; `fail`
 *    after 3 malformed answers in a row; `store_memory` for the step; `fail` when a budget is used
 *    up; else `call_llm` for the next step.
 * Never throws.
 */
export function decide(state: RunState, ctx: DecideContext): RunCommand {
  if (state.runId === null || isTerminal(state.status)) return { kind: 'none' };
  const open = state.openToolCalls[0];
  if (open !== undefined) return openCallCommand(state, open);
  if (state.finish !== null) return finishCommand(state, state.finish.output, ctx.now);
  const { approval } = state;
  if (approval !== null) {
    const { approvalId, expiresAt } = approval;
    if (expiresAt !== null && isExpired(expiresAt, ctx.now)) {
      return { kind: 'expire_approval', approvalId, action: approval.onExpiry };
    }
    return expiresAt === null ? { kind: 'wait', approvalId } : { kind: 'wait', approvalId, until: expiresAt };
  }
  const proposed = state.proposal === null ? null : proposalCommand(state.proposal);
  return proposed ?? nextStepCommand(state, ctx.now);
}
