// How each run event changes a RunState: the body of evolve(). Every handler returns a new state.
import type { RunEventDataByType } from '../../schema/events/index.ts';
import type { RunEvent, RunState, StepRecord } from './run-state.ts';
import {
  approvalEscalated,
  approvalExpired,
  approvalGranted,
  approvalRejected,
  approvalRequested,
  safetyEvaluated,
  toolCallFailed,
  toolCallOutcomeUnknown,
  toolCallStarted,
  toolCallSucceeded,
} from './run-state-actions.ts';
import { RunStatus } from './run-status.ts';

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

/** Malformed-answer details kept for the failure message (the run fails after three in a row). */
const MALFORMED_DETAILS_KEPT = 3;

function started(data: Data<'RunStarted'>, recordedAt: Date, initial: RunState): RunState {
  return {
    ...initial,
    status: RunStatus.Queued,
    runId: data.runId,
    agentId: data.agentId,
    agentVersion: data.agentVersion,
    agent: data.agent,
    inputs: data.inputs,
    forkedFrom: data.forkedFrom ?? null,
    totals: { ...initial.totals, startedAt: recordedAt },
  };
}

/** Counts an answered LLM call: its step, tokens and cost. */
function counted(state: RunState, data: Data<'ReasoningCompleted'> | Data<'ModelOutputRejected'>): RunState {
  const { totals } = state;
  return {
    ...state,
    step: data.step,
    reasoningFailure: null,
    totals: {
      ...totals,
      steps: Math.max(totals.steps, data.step),
      inputTokens: totals.inputTokens + data.usage.inputTokens,
      outputTokens: totals.outputTokens + data.usage.outputTokens,
      costUsd: totals.costUsd + data.costUsd,
    },
  };
}

function record(step: number, thought: string, answer: StepRecord['answer']): StepRecord {
  return { step, thought, answer, edited: null, retriedErrors: [], interruptions: 0, outcome: null };
}

function reasoningCompleted(state: RunState, data: Data<'ReasoningCompleted'>): RunState {
  const next = { ...counted(state, data), malformed: { inARow: 0, details: [] } };
  if (data.action !== undefined) {
    const { tool, params } = data.action;
    return {
      ...next,
      steps: [...state.steps, record(data.step, data.thought, { kind: 'action', tool, params })],
      proposal: {
        step: data.step,
        tool,
        params,
        verdict: null,
        approvedBy: null,
        retriedFailures: 0,
        outcomeUnknown: false,
      },
    };
  }
  const output = data.finish.output;
  return {
    ...next,
    steps: [...state.steps, record(data.step, data.thought, { kind: 'finish', output })],
    finish: { step: data.step, output },
  };
}

function modelOutputRejected(state: RunState, data: Data<'ModelOutputRejected'>): RunState {
  const { raw, problem, detail } = data;
  const details = [...state.malformed.details, detail].slice(-MALFORMED_DETAILS_KEPT);
  return {
    ...counted(state, data),
    steps: [...state.steps, record(data.step, '', { kind: 'malformed', raw, problem, detail })],
    malformed: { inARow: state.malformed.inARow + 1, details },
  };
}

function reasoningFailed(state: RunState, data: Data<'ReasoningFailed'>): RunState {
  const previous = state.reasoningFailure;
  const inARow = previous !== null && previous.step === data.step ? previous.inARow + 1 : 1;
  const { step, attempt, retryable, error } = data;
  return { ...state, step, reasoningFailure: { step, attempt, retryable, error, inARow } };
}

function memoryStored(state: RunState, data: Data<'MemoryStored'>): RunState {
  const { memoryId, step, kind } = data;
  return { ...state, memories: [...state.memories, { memoryId, step, kind }] };
}

function ended(state: RunState, event: RunEvent): RunState | null {
  switch (event.type) {
    case 'RunCompleted':
      return { ...state, status: RunStatus.Completed, ending: { kind: 'completed', ...event.data } };
    case 'RunFailed':
      return { ...state, status: RunStatus.Failed, ending: { kind: 'failed', ...event.data } };
    case 'RunCancelled':
      return { ...state, status: RunStatus.Cancelled, ending: { kind: 'cancelled', ...event.data } };
    default:
      return null;
  }
}

function progressed(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'ReasoningCompleted':
      return reasoningCompleted(state, event.data);
    case 'ModelOutputRejected':
      return modelOutputRejected(state, event.data);
    case 'ReasoningFailed':
      return reasoningFailed(state, event.data);
    case 'SafetyEvaluated':
      return safetyEvaluated(state, event.data);
    case 'ApprovalRequested':
      return approvalRequested(state, event.data, event.recordedAt);
    case 'ApprovalGranted':
      return approvalGranted(state, event.data);
    case 'ApprovalRejected':
      return approvalRejected(state, event.data);
    case 'ApprovalExpired':
      return approvalExpired(state, event.data);
    case 'ApprovalEscalated':
      return approvalEscalated(state, event.data);
    default:
      return toolOrMemory(state, event);
  }
}

function toolOrMemory(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'ToolCallStarted':
      return toolCallStarted(state, event.data);
    case 'ToolCallSucceeded':
      return toolCallSucceeded(state, event.data);
    case 'ToolCallFailed':
      return toolCallFailed(state, event.data);
    case 'ToolCallOutcomeUnknown':
      return toolCallOutcomeUnknown(state, event.data);
    case 'MemoryStored':
      return memoryStored(state, event.data);
    default:
      return state;
  }
}

/**
 * Applies one event to a run that has not ended. `RunStarted` starts afresh from `initial`;
 * `RunCompleted`/`RunFailed`/`RunCancelled` end it; everything else moves it along, and the status
 * follows: waiting for approval while one is pending, running otherwise. Events other than
 * `RunStarted` before the run has started are ignored.
 */
export function applyRunEvent(state: RunState, event: RunEvent, initial: RunState): RunState {
  if (event.type === 'RunStarted') return started(event.data, event.recordedAt, initial);
  if (state.runId === null) return state;
  const end = ended(state, event);
  if (end !== null) return end;
  const next = progressed(state, event);
  if (next === state) return state;
  const status = next.approval === null ? RunStatus.Running : RunStatus.WaitingForApproval;
  return { ...next, status };
}
