// A run's state: the left fold of its `run-<id>` stream. Pure; decide() reads it, never the events.
import {
  type AgentConfig,
  type ApprovalExpiryAction,
  type ApprovalPolicy,
  type ErrorInfo,
  type EscalationTarget,
  type MemoryKind,
  type ModelOutputProblem,
  type RiskLevel,
  type RunEventData,
  type RunEventDataByType,
  type RunTotals,
  runEventDefinitions,
  type SafetyDecision,
} from '../../schema/events/index.ts';
import type { UsageTotals } from '../safety/rule-match.ts';
import { applyRunEvent } from './run-state-evolve.ts';
import { RunStatus } from './run-status.ts';

export { RunStatus } from './run-status.ts';

/** A run event as `evolve` takes it: typed data plus the stream revision and the time it was recorded. */
export type RunEvent = RunEventData & { revision: number; recordedAt: Date };

/** A safety verdict for the proposal's current params (the `SafetyEvaluated` data minus step and tool). */
export interface SafetyVerdict {
  risk: RiskLevel;
  decision: SafetyDecision;
  reasons: string[];
  policyId: string | null;
  policyVersion: number | null;
  /** The deciding rule's approval settings. */
  approval?: ApprovalPolicy;
}

/** The tool call the model proposed in the current step, on its way through safety and approval. */
export interface Proposal {
  step: number;
  tool: string;
  /** The params the call will run with: the model's, or an operator's edit of them. */
  params: Record<string, unknown>;
  /** Verdict for `params`; null until evaluated (again, after an edit). */
  verdict: SafetyVerdict | null;
  /** Who approved running it (`ApprovalGranted.by`, or `expiry` for an expiry that approves). */
  approvedBy: string | null;
  /** Failed attempts that were retried (a retryable failure of an idempotent tool, at most one). */
  retriedFailures: number;
  /** A started call was interrupted with its outcome unknown; a human must allow running it again. */
  outcomeUnknown: boolean;
}

/** An approval waiting for a human. `expiresAt` is null once an expiry escalated it. */
export interface PendingApproval {
  approvalId: string;
  step: number;
  tool: string;
  params: Record<string, unknown>;
  risk: RiskLevel;
  reasons: string[];
  expiresAt: Date | null;
  onExpiry: ApprovalExpiryAction;
  /** Whom an escalation goes to, as the request named it. */
  escalateTo: EscalationTarget | null;
  escalatedTo: string | null;
  /** When the `ApprovalRequested` was recorded. */
  requestedAt: Date;
}

/** A `ToolCallStarted` with no outcome yet; `starts` counts its `ToolCallStarted` events. */
export interface OpenToolCall {
  callId: string;
  step: number;
  tool: string;
  params: Record<string, unknown>;
  idempotent: boolean;
  starts: number;
}

/** What the model answered in a step. */
export type StepAnswer =
  | { kind: 'action'; tool: string; params: Record<string, unknown> }
  | { kind: 'finish'; output: unknown }
  | { kind: 'malformed'; raw: string; problem: ModelOutputProblem; detail: string };

/** How an action step ended; the model sees it as the tool's result. */
export type StepOutcome =
  | { kind: 'succeeded'; result: unknown; originalBytes?: number }
  | { kind: 'failed'; error: ErrorInfo }
  | { kind: 'blocked'; risk: RiskLevel; reasons: string[] }
  | { kind: 'rejected'; by: string; comment?: string; afterUnknownOutcome: boolean }
  | { kind: 'expired'; afterUnknownOutcome: boolean };

/** One answered step, as the conversation replays it. */
export interface StepRecord {
  step: number;
  thought: string;
  answer: StepAnswer;
  /** Set when an operator approved with edited params. */
  edited: { by: string; comment?: string; params: Record<string, unknown> } | null;
  /** Errors of attempts that were retried. */
  retriedErrors: ErrorInfo[];
  /** How many started calls were interrupted with an unknown outcome. */
  interruptions: number;
  /** Null while an action step is under way; always null for finish and malformed answers. */
  outcome: StepOutcome | null;
}

/** The last `ReasoningFailed` of the current step, and how many failed in a row. */
export interface ReasoningFailure {
  step: number;
  attempt: number;
  retryable: boolean;
  error: ErrorInfo;
  inARow: number;
}

/**
 * The run's own usage so far. `steps` is the latest step number, so for a fork it includes the steps
 * it inherited; tokens and cost are the run's own LLM calls only (a fork's inherited calls are in
 * `RunState.inherited`). `startedAt` (when the run's own `RunStarted` was recorded) is what wall time
 * counts from.
 */
export interface RunTotalsSoFar {
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  startedAt: Date | null;
}

/** Tokens and cost of LLM calls a fork inherited from its source (see `foldForkedRun`). */
export interface InheritedUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** How a run ended, once it has. */
export type RunEnding =
  | { kind: 'completed'; output: unknown; totals: RunTotals }
  | { kind: 'failed'; error: ErrorInfo; step?: number }
  | { kind: 'cancelled'; by: string; reason?: string };

/** Everything the engine knows about one run. Plain data (Dates aside); never mutated by `evolve`. */
export interface RunState {
  runId: string | null;
  status: RunStatus;
  agentId: string | null;
  agentVersion: number | null;
  agent: AgentConfig | null;
  inputs: RunEventDataByType['RunStarted']['inputs'] | null;
  forkedFrom: { runId: string; atRevision: number } | null;
  /** The latest step begun (by an LLM answer or failure); 0 before the first. Steps count from 1. */
  step: number;
  /** Every answered step in order: the history the conversation is built from. */
  steps: StepRecord[];
  proposal: Proposal | null;
  approval: PendingApproval | null;
  openToolCalls: OpenToolCall[];
  /** The final output the model gave, until the run is recorded as completed. */
  finish: { step: number; output: unknown } | null;
  /** Consecutive `ModelOutputRejected` and their details (the last three). */
  malformed: { inARow: number; details: string[] };
  reasoningFailure: ReasoningFailure | null;
  totals: RunTotalsSoFar;
  /** Zero unless the run is a fork: what the source's history it continues had used. */
  inherited: InheritedUsage;
  memories: { memoryId: string; step: number; kind: MemoryKind }[];
  ending: RunEnding | null;
  /** Revision of the last event folded; -1 before any. The application appends with it as `expected`. */
  revision: number;
}

/** The state before any event. */
export const initialRunState: RunState = Object.freeze({
  runId: null,
  status: RunStatus.Queued,
  agentId: null,
  agentVersion: null,
  agent: null,
  inputs: null,
  forkedFrom: null,
  step: 0,
  steps: [],
  proposal: null,
  approval: null,
  openToolCalls: [],
  finish: null,
  malformed: { inARow: 0, details: [] },
  reasoningFailure: null,
  totals: { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, startedAt: null },
  inherited: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  memories: [],
  ending: null,
  revision: -1,
});

const TERMINAL: ReadonlySet<RunStatus> = new Set([
  RunStatus.Completed,
  RunStatus.Failed,
  RunStatus.Cancelled,
]);

/** Whether the run has ended (completed, failed or cancelled). */
export function isTerminal(status: RunStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * What budgets and policies count: the run's own usage plus what a fork inherited, because the
 * conversation carries the inherited steps (every later prompt pays for them again). Reports (the
 * runs read model, `RunCompleted.totals`) use `totals`, the run's own calls, so nothing is counted
 * twice across a source and its forks.
 */
export function usageSoFar(state: RunState): UsageTotals {
  const { steps, inputTokens, outputTokens, costUsd } = state.totals;
  const { inherited } = state;
  return {
    steps,
    inputTokens: inputTokens + inherited.inputTokens,
    outputTokens: outputTokens + inherited.outputTokens,
    costUsd: costUsd + inherited.costUsd,
  };
}

/**
 * Applies one event. Total: events that do not fit the state (an outcome for an unknown call, a
 * decision on another approval, anything after the run ended) change only `revision`. Never throws.
 */
export function evolve(state: RunState, event: RunEvent): RunState {
  const next = isTerminal(state.status) ? state : applyRunEvent(state, event, initialRunState);
  return { ...next, revision: event.revision };
}

/** Folds a run stream from the start (or from `initial`). */
export function foldRun(events: Iterable<RunEvent>, initial: RunState = initialRunState): RunState {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}

const RUN_EVENT_TYPES: ReadonlySet<string> = new Set(
  runEventDefinitions.map((definition) => definition.type),
);

/**
 * Narrows a stored event (already validated on append and upcast on read) to a `RunEvent`; null
 * for a type that is not a run event, which `foldRun` callers should skip.
 */
export function toRunEvent(recorded: {
  type: string;
  data: Record<string, unknown>;
  revision: number;
  recordedAt: Date;
}): RunEvent | null {
  if (!RUN_EVENT_TYPES.has(recorded.type)) return null;
  const { type, data, revision, recordedAt } = recorded;
  return { type, data, revision, recordedAt } as RunEvent;
}
