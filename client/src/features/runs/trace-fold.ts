// Folds a run's events (schema/events/run-events.ts) into what the trace viewer shows: one row per
// reasoning step with its thought, tool, safety verdict, approval, tool outcome and cost. Pure: the
// live view folds everything it has, the replay scrubber folds a prefix.
import type { RunEventDataByType } from '../../../../schema/events/index.ts';
import {
  StepStatus,
  type TokenCounts,
  type ToolCallView,
  type Trace,
  type TraceEvent,
  type TraceRun,
  type TraceStep,
} from './trace-types';

type RunEventType = keyof RunEventDataByType;
type Data<T extends RunEventType> = RunEventDataByType[T];

/** What a fold keeps while it goes: the steps, and where each call and approval belongs. */
interface Fold {
  steps: Map<number, TraceStep>;
  stepOfCall: Map<string, TraceStep>;
  stepOfApproval: Map<string, TraceStep>;
  run: TraceRun;
  tokens: TokenCounts;
  cost: { usd: number };
}

type Handler<T extends RunEventType> = (fold: Fold, data: Data<T>, event: TraceEvent) => void;

const IN_PROGRESS: ReadonlySet<StepStatus> = new Set([
  StepStatus.Thinking,
  StepStatus.Evaluating,
  StepStatus.AwaitingApproval,
  StepStatus.Approved,
  StepStatus.Running,
  StepStatus.ReasoningFailed,
]);

export function isStepInProgress(status: StepStatus): boolean {
  return IN_PROGRESS.has(status);
}

/** The trace of a run after `events` (in revision order; use `mergeEvents` to keep them so). */
export function foldTrace(events: readonly TraceEvent[]): Trace {
  const fold: Fold = {
    steps: new Map(),
    stepOfCall: new Map(),
    stepOfApproval: new Map(),
    run: {
      phase: 'not_started',
      goal: null,
      agentName: null,
      startedAt: null,
      endedAt: null,
      output: undefined,
      error: null,
      cancelledBy: null,
      cancelReason: null,
      forkedFrom: null,
    },
    tokens: emptyTokens(),
    cost: { usd: 0 },
  };
  for (const event of events) {
    // A newer server may record event types this console does not know: skip, never crash.
    const handler = HANDLERS[event.type as RunEventType] as Handler<RunEventType> | undefined;
    handler?.(fold, event.data as never, event);
  }
  const { run } = fold;
  const ended = run.phase === 'completed' || run.phase === 'failed' || run.phase === 'cancelled';
  const steps = [...fold.steps.values()].sort((a, b) => a.step - b.step);
  for (const view of steps) {
    view.status = statusOf(view);
    if (ended && isStepInProgress(view.status)) view.status = StepStatus.Interrupted;
  }
  const last = events.at(-1);
  return {
    run,
    steps,
    tokens: fold.tokens,
    costUsd: fold.cost.usd,
    eventCount: events.length,
    lastRevision: last?.revision ?? -1,
    lastPosition: last?.position ?? null,
  };
}

const HANDLERS: { [T in RunEventType]?: Handler<T> } = {
  RunStarted: (fold, data, event) => {
    fold.run.phase = 'running';
    fold.run.goal = data.inputs.goal;
    fold.run.agentName = data.agent.name;
    fold.run.startedAt = event.recordedAt;
    fold.run.forkedFrom = data.forkedFrom ?? null;
  },
  ReasoningCompleted: (fold, data, event) => {
    const view = stepAt(fold, data.step, event);
    view.thought = data.thought;
    countCall(fold, view, data);
    if (data.action) {
      view.tool = data.action.tool;
      view.params = data.action.params;
    } else {
      view.finish = { output: data.finish.output };
    }
  },
  ModelOutputRejected: (fold, data, event) => {
    const view = stepAt(fold, data.step, event);
    view.rejections.push({ problem: data.problem, detail: data.detail, raw: data.raw });
    countCall(fold, view, data);
  },
  ReasoningFailed: (fold, data, event) => {
    stepAt(fold, data.step, event).failures.push({
      message: data.error.message,
      code: data.error.code ?? null,
      retryable: data.retryable,
      attempt: data.attempt,
    });
  },
  SafetyEvaluated: (fold, data, event) => {
    const view = stepAt(fold, data.step, event);
    view.tool ??= data.tool;
    view.safety = {
      risk: data.risk,
      decision: data.decision,
      reasons: [...data.reasons],
      policyId: data.policyId,
      policyVersion: data.policyVersion,
    };
  },
  ApprovalRequested: (fold, data, event) => {
    const view = stepAt(fold, data.step, event);
    view.approval = {
      approvalId: data.approvalId,
      status: 'requested',
      risk: data.risk,
      reasons: [...data.reasons],
      params: data.params,
      requestedAt: event.recordedAt,
      expiresAt: data.expiresAt,
      onExpiry: data.onExpiry,
      escalated: false,
      escalatedTo: null,
      decidedAt: null,
      by: null,
      comment: null,
      editedParams: null,
      expiryAction: null,
    };
    fold.stepOfApproval.set(data.approvalId, view);
  },
  ApprovalGranted: (fold, data, event) => decide(fold, 'approved', data, event),
  ApprovalRejected: (fold, data, event) => decide(fold, 'rejected', data, event),
  ApprovalExpired: (fold, data, event) => {
    const approval = approvalOf(fold, data.approvalId, event);
    if (!approval) return;
    approval.expiryAction = data.action;
    // An escalation on expiry keeps the request open (ApprovalEscalated follows).
    if (data.action === 'escalate') return;
    approval.status = 'expired';
    approval.decidedAt = event.recordedAt;
  },
  ApprovalEscalated: (fold, data, event) => {
    const approval = approvalOf(fold, data.approvalId, event);
    if (!approval) return;
    approval.escalated = true;
    approval.escalatedTo = data.to ?? null;
  },
  ToolCallStarted: (fold, data, event) => {
    const view = stepAt(fold, data.step, event);
    view.tool ??= data.tool;
    view.toolCalls.push({
      callId: data.callId,
      tool: data.tool,
      params: data.params,
      idempotent: data.idempotent,
      status: 'running',
      startedAt: event.recordedAt,
      result: undefined,
      error: null,
      retryable: null,
      durationMs: null,
      truncatedBytes: null,
    });
    fold.stepOfCall.set(data.callId, view);
  },
  ToolCallSucceeded: (fold, data, event) => {
    const call = callOf(fold, data.callId, event);
    if (!call) return;
    call.status = 'succeeded';
    call.result = data.result;
    call.durationMs = data.durationMs;
    call.truncatedBytes = data.truncated?.originalBytes ?? null;
  },
  ToolCallFailed: (fold, data, event) => {
    const call = callOf(fold, data.callId, event);
    if (!call) return;
    call.status = 'failed';
    call.error = { message: data.error.message, code: data.error.code };
    call.retryable = data.retryable;
    call.durationMs = data.durationMs;
  },
  ToolCallOutcomeUnknown: (fold, data, event) => {
    const call = callOf(fold, data.callId, event);
    if (call) call.status = 'outcome_unknown';
  },
  MemoryStored: (fold, data, event) => {
    stepAt(fold, data.step, event).memories += 1;
  },
  RunCompleted: (fold, data, event) => {
    fold.run.phase = 'completed';
    fold.run.output = data.output;
    fold.run.endedAt = event.recordedAt;
  },
  RunFailed: (fold, data, event) => {
    fold.run.phase = 'failed';
    fold.run.error = { message: data.error.message, code: data.error.code ?? null, step: data.step ?? null };
    fold.run.endedAt = event.recordedAt;
  },
  RunCancelled: (fold, data, event) => {
    fold.run.phase = 'cancelled';
    fold.run.cancelledBy = data.by;
    fold.run.cancelReason = data.reason ?? null;
    fold.run.endedAt = event.recordedAt;
  },
};

/** Where a step stands, from what has been recorded for it so far. */
function statusOf(view: TraceStep): StepStatus {
  const call = view.toolCalls.at(-1);
  if (call) {
    if (call.status === 'running') return StepStatus.Running;
    if (call.status === 'succeeded') return StepStatus.Succeeded;
    if (call.status === 'failed') return StepStatus.Failed;
    return StepStatus.OutcomeUnknown;
  }
  if (view.approval) {
    if (view.approval.status === 'requested') return StepStatus.AwaitingApproval;
    if (view.approval.status === 'rejected') return StepStatus.Rejected;
    if (view.approval.status === 'expired') {
      return view.approval.expiryAction === 'approve' ? StepStatus.Approved : StepStatus.Expired;
    }
    return StepStatus.Approved;
  }
  if (view.safety) {
    if (view.safety.decision === 'block') return StepStatus.Blocked;
    if (view.safety.decision === 'require_approval') return StepStatus.AwaitingApproval;
    return StepStatus.Running;
  }
  if (view.finish) return StepStatus.Finished;
  if (view.tool) return StepStatus.Evaluating;
  if (view.rejections.length > 0) return StepStatus.Malformed;
  if (view.failures.length > 0) return StepStatus.ReasoningFailed;
  return StepStatus.Thinking;
}

/** The step's row, created on its first event; every event marks it updated. */
function stepAt(fold: Fold, step: number, event: TraceEvent): TraceStep {
  let view = fold.steps.get(step);
  if (!view) {
    view = newStep(step, event);
    fold.steps.set(step, view);
  }
  touch(view, event);
  return view;
}

function touch(view: TraceStep | undefined, event: TraceEvent): void {
  if (!view) return;
  view.updatedAt = event.recordedAt;
  view.lastRevision = event.revision;
}

function countCall(
  fold: Fold,
  view: TraceStep,
  data: { model: string; usage: Data<'ReasoningCompleted'>['usage']; costUsd: number; latencyMs: number },
): void {
  view.model = data.model;
  addTokens(view.tokens, data.usage);
  addTokens(fold.tokens, data.usage);
  view.costUsd += data.costUsd;
  fold.cost.usd += data.costUsd;
  view.llmLatencyMs += data.latencyMs;
}

function approvalOf(fold: Fold, approvalId: string, event: TraceEvent) {
  const view = fold.stepOfApproval.get(approvalId);
  touch(view, event);
  return view?.approval ?? undefined;
}

function decide(
  fold: Fold,
  status: 'approved' | 'rejected',
  data: Data<'ApprovalGranted'> | Data<'ApprovalRejected'>,
  event: TraceEvent,
): void {
  const approval = approvalOf(fold, data.approvalId, event);
  if (!approval) return;
  approval.status = status;
  approval.by = data.by;
  approval.comment = data.comment ?? null;
  approval.editedParams = 'editedParams' in data ? (data.editedParams ?? null) : null;
  approval.decidedAt = event.recordedAt;
}

function callOf(fold: Fold, callId: string, event: TraceEvent): ToolCallView | undefined {
  const view = fold.stepOfCall.get(callId);
  touch(view, event);
  return view?.toolCalls.find((call) => call.callId === callId);
}

function newStep(step: number, event: TraceEvent): TraceStep {
  return {
    step,
    status: StepStatus.Thinking,
    thought: null,
    model: null,
    tool: null,
    params: null,
    finish: null,
    rejections: [],
    failures: [],
    safety: null,
    approval: null,
    toolCalls: [],
    memories: 0,
    tokens: emptyTokens(),
    costUsd: 0,
    llmLatencyMs: 0,
    startedAt: event.recordedAt,
    updatedAt: event.recordedAt,
    firstRevision: event.revision,
    lastRevision: event.revision,
  };
}

function emptyTokens(): TokenCounts {
  return { input: 0, output: 0, cached: 0, reasoning: 0 };
}

function addTokens(into: TokenCounts, usage: Data<'ReasoningCompleted'>['usage']): void {
  into.input += usage.inputTokens;
  into.output += usage.outputTokens;
  into.cached += usage.cachedTokens;
  into.reasoning += usage.reasoningTokens;
}
