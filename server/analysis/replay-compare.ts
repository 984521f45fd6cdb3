// What the engine decides now, set against what the log recorded for the same point of the run.
// Pure: every verdict the comparison needs (safety now, the agent's tools now) comes in as a function.

import { canonicalJson as canonicalJsonOf } from '../activities/providers/request-hash.ts';
import type { RunCommand } from '../engine/run-command.ts';
import type { RunEvent, RunState, SafetyVerdict } from '../engine/run-state.ts';

/** The checks replay makes beyond the engine's own `decide`, given by the caller (all optional). */
export interface ReplayChecks {
  /** The safety verdict under the policies in force now; without it the recorded verdict is trusted. */
  evaluateSafety?: (state: RunState, tool: string, params: Record<string, unknown>) => SafetyVerdict;
  /**
   * Why the agent would now reject a recorded action (a tool it no longer has, params its schema
   * refuses), or null when the action is still valid.
   */
  actionProblem?: (state: RunState, tool: string, params: Record<string, unknown>) => string | null;
  /**
   * The agent's question to the model at this point now and the one recorded then (fixtures carry
   * them); a different question means the recorded answer no longer applies.
   */
  question?: { now(state: RunState, step: number): string; recorded(step: number): string | undefined };
}

/** The outcome of comparing one decision: the same, or what the engine would record now instead. */
export type Comparison = { same: true } | { same: false; actual: string };

const same: Comparison = { same: true };
const differs = (actual: string): Comparison => ({ same: false, actual });
const equalJson = (a: unknown, b: unknown) => canonicalJsonOf(a) === canonicalJsonOf(b);
const sameAmount = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** One line naming an event as an analyst reads it ("SafetyEvaluated step 2 send_email: block (CRITICAL)"). */
export function describeEvent(event: RunEvent): string {
  const d = event.data as Record<string, unknown>;
  const at = typeof d.step === 'number' ? ` step ${d.step}` : '';
  switch (event.type) {
    case 'ReasoningCompleted': {
      const { action, finish } = event.data;
      const what = action
        ? `${action.tool} ${canonicalJsonOf(action.params)}`
        : `finish ${canonicalJsonOf(finish?.output)}`;
      return `ReasoningCompleted${at}: ${what}`;
    }
    case 'ModelOutputRejected':
      return `ModelOutputRejected${at}: ${event.data.problem}`;
    case 'ReasoningFailed':
      return `ReasoningFailed${at} attempt ${event.data.attempt}`;
    case 'SafetyEvaluated':
      return `SafetyEvaluated${at} ${event.data.tool}: ${event.data.decision} (${event.data.risk})`;
    case 'ApprovalRequested':
    case 'ToolCallStarted':
      return `${event.type}${at} ${event.data.tool} ${canonicalJsonOf(event.data.params)}`;
    case 'MemoryStored':
      return `MemoryStored${at} ${event.data.kind}`;
    case 'RunCompleted':
      return `RunCompleted: ${canonicalJsonOf(event.data.output)}`;
    case 'RunFailed':
      return `RunFailed${at}: ${event.data.error.code ?? event.data.error.message}`;
    case 'ApprovalExpired':
      return `ApprovalExpired: ${event.data.action}`;
    default:
      return `${event.type}${at}`;
  }
}

/** One line naming a command as the event it would record ("SafetyEvaluated step 2 …", "wait for approval"). */
export function describeCommand(command: RunCommand): string {
  switch (command.kind) {
    case 'call_llm':
      return `call the model for step ${command.step} (attempt ${command.attempt})`;
    case 'evaluate_safety':
      return `evaluate safety step ${command.step} ${command.tool}`;
    case 'request_approval':
      return `ApprovalRequested step ${command.step} ${command.tool} ${canonicalJsonOf(command.params)} (${command.risk})`;
    case 'call_tool':
    case 'retry_tool':
      return `ToolCallStarted step ${command.step} ${command.tool} ${canonicalJsonOf(command.params)}`;
    case 'resolve_unknown_outcome':
      return `ToolCallOutcomeUnknown step ${command.step} ${command.tool}`;
    case 'store_memory':
      return `MemoryStored step ${command.step} ${command.memoryKind}`;
    case 'expire_approval':
      return `ApprovalExpired: ${command.action}`;
    case 'wait':
      return `wait for a decision on approval ${command.approvalId}`;
    case 'complete':
      return `RunCompleted: ${canonicalJsonOf(command.output)}`;
    case 'fail':
      return `RunFailed${command.step === undefined ? '' : ` step ${command.step}`}: ${command.error.code ?? command.error.message}`;
    case 'none':
      return 'nothing (the run has ended)';
  }
}

function compareReasoning(
  command: Extract<RunCommand, { kind: 'call_llm' }>,
  event: RunEvent,
  state: RunState,
  checks: ReplayChecks,
): Comparison {
  const stepOf = (event.data as { step?: number }).step;
  const answered = event.type === 'ReasoningCompleted' || event.type === 'ModelOutputRejected';
  const failedAttempt = event.type === 'ReasoningFailed' && event.data.attempt === command.attempt;
  if (stepOf !== command.step || !(answered || failedAttempt)) return differs(describeCommand(command));
  if (checks.question && answered) {
    const recorded = checks.question.recorded(command.step);
    const asked = checks.question.now(state, command.step);
    if (recorded !== undefined && recorded !== asked) {
      return differs(
        `a different question for step ${command.step} (request ${asked.slice(0, 12)}…, recorded ${recorded.slice(0, 12)}…)`,
      );
    }
  }
  if (checks.actionProblem && event.type === 'ReasoningCompleted' && event.data.action) {
    const { tool, params } = event.data.action;
    const problem = checks.actionProblem(state, tool, params);
    if (problem !== null) return differs(`ModelOutputRejected step ${command.step}: ${problem}`);
  }
  return same;
}

function compareSafety(
  command: Extract<RunCommand, { kind: 'evaluate_safety' }>,
  event: RunEvent,
  state: RunState,
  checks: ReplayChecks,
): Comparison {
  if (
    event.type !== 'SafetyEvaluated' ||
    event.data.step !== command.step ||
    event.data.tool !== command.tool
  ) {
    return differs(describeCommand(command));
  }
  if (!checks.evaluateSafety) return same;
  const now = checks.evaluateSafety(state, command.tool, command.params);
  if (now.decision === event.data.decision && now.risk === event.data.risk) return same;
  return differs(`SafetyEvaluated step ${command.step} ${command.tool}: ${now.decision} (${now.risk})`);
}

/**
 * Whether `event` is what performing `command` on `state` records, as `server/application/step-effects.ts`
 * records it. Ids, times, embeddings and tool results are the world's answers, not decisions: they
 * are taken from the log, never compared.
 */
export function compareDecision(
  command: RunCommand,
  event: RunEvent,
  state: RunState,
  checks: ReplayChecks,
): Comparison {
  const d = event.data as Record<string, unknown>;
  const matches = (type: string, ok: boolean) =>
    event.type === type && ok ? same : differs(describeCommand(command));
  switch (command.kind) {
    case 'call_llm':
      return compareReasoning(command, event, state, checks);
    case 'evaluate_safety':
      return compareSafety(command, event, state, checks);
    case 'request_approval':
      return matches(
        'ApprovalRequested',
        d.step === command.step &&
          d.tool === command.tool &&
          d.risk === command.risk &&
          equalJson(d.params, command.params),
      );
    case 'call_tool':
      return matches(
        'ToolCallStarted',
        d.step === command.step && d.tool === command.tool && equalJson(d.params, command.params),
      );
    case 'retry_tool':
      return matches('ToolCallStarted', d.callId === command.callId);
    case 'resolve_unknown_outcome':
      return matches('ToolCallOutcomeUnknown', d.callId === command.callId);
    case 'store_memory':
      return matches(
        'MemoryStored',
        d.step === command.step && d.kind === command.memoryKind && d.text === command.text,
      );
    case 'expire_approval':
      return matches('ApprovalExpired', d.approvalId === command.approvalId && d.action === command.action);
    case 'complete': {
      if (event.type !== 'RunCompleted') return differs(describeCommand(command));
      // Wall time depends on the clock of the replay; steps, tokens and cost are the run's own.
      const { totals } = event.data;
      const want = command.totals;
      const ok =
        equalJson(event.data.output, command.output) &&
        totals.steps === want.steps &&
        totals.inputTokens === want.inputTokens &&
        totals.outputTokens === want.outputTokens &&
        sameAmount(totals.costUsd, want.costUsd);
      return ok ? same : differs(describeCommand(command));
    }
    case 'fail':
      return matches(
        'RunFailed',
        event.type === 'RunFailed' &&
          event.data.error.code === command.error.code &&
          event.data.step === command.step,
      );
    case 'wait':
    case 'none':
      return differs(describeCommand(command));
  }
}
