// One row of the `run_steps` read model, and the small pure helpers that build it. No I/O.
import type { RiskLevel, SafetyDecision } from '../../schema/events/index.ts';

/** Where a step stands. The values are the GraphQL `RunStepStatus` names. */
export const RunStepStatus = {
  /** The model call of this step failed and is retried; no usable answer yet. */
  Reasoning: 'REASONING',
  WaitingForApproval: 'WAITING_FOR_APPROVAL',
  /** An action on its way: through safety, approved, or the tool is running. */
  RunningTool: 'RUNNING_TOOL',
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  Blocked: 'BLOCKED',
  Rejected: 'REJECTED',
  Expired: 'EXPIRED',
  /** The model gave the run's final answer. */
  Finished: 'FINISHED',
  /** The model's answer could not be used (it was fed back; the next step tries again). */
  Malformed: 'MALFORMED',
  /** A non-idempotent tool started and the process died before its outcome: a human decides. */
  OutcomeUnknown: 'OUTCOME_UNKNOWN',
} as const;
export type RunStepStatus = (typeof RunStepStatus)[keyof typeof RunStepStatus];

/** Statuses after which a step's row gets no more changes unless a retry starts the tool again. */
export const ENDED_STEP_STATUSES: ReadonlySet<RunStepStatus> = new Set([
  RunStepStatus.Succeeded,
  RunStepStatus.Failed,
  RunStepStatus.Blocked,
  RunStepStatus.Rejected,
  RunStepStatus.Expired,
  RunStepStatus.Finished,
  RunStepStatus.Malformed,
]);

export type StepKind = 'action' | 'finish' | 'malformed';

/** What one step of a run thought, did and cost, as of `lastRevision`. */
export interface RunStepRow {
  runId: string;
  step: number;
  status: RunStepStatus;
  /** Null until the model answered (status REASONING). */
  kind: StepKind | null;
  thought: string;
  tool: string | null;
  /** The params the tool ran (or will run) with: the model's, or an operator's edit. */
  params: Record<string, unknown> | null;
  /** The params the model proposed (kept apart so that a fork can restart from the proposal). */
  proposedParams: Record<string, unknown> | null;
  /** `params` as one line of at most 200 characters. */
  paramsSummary: string | null;
  /** The final answer of a FINISH step. */
  output: unknown;
  risk: RiskLevel | null;
  decision: SafetyDecision | null;
  /** succeeded, failed, blocked, rejected or expired; null while under way (and for answers). */
  outcome: string | null;
  /** The tool result, its error, the block or rejection details, or why an answer was malformed. */
  result: unknown;
  /** Who approved with edited params (a user id in the log; the API shows the email). */
  editedBy: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  /** Cost in billionths of a dollar: integers add up exactly. */
  costNanoUsd: number;
  /** How long the model took to answer; null before it answered. */
  latencyMs: number | null;
  /** `recordedAt` of the step's first event. */
  startedAt: Date;
  /** `recordedAt` of the event that ended the step; never the reader's clock. */
  finishedAt: Date | null;
  durationMs: number | null;
  /**
   * Revisions of the run's own stream. -1 marks a step a fork inherited from its source (the
   * source's revisions mean nothing in the fork's stream); `reasoningRevision` is the answer's.
   */
  reasoningRevision: number | null;
  firstRevision: number;
  lastRevision: number;
}

export const INHERITED_REVISION = -1;

/** The most characters a params summary has. */
export const PARAMS_SUMMARY_MAX = 200;

/**
 * JSON with every object's keys in sorted order. jsonb keeps keys in its own order, so params read
 * back from the table and params from an event must summarize alike, or a rebuild would differ.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** `params` as compact one-line JSON (keys sorted), cut to 200 characters with an ellipsis. */
export function summarizeParams(params: Record<string, unknown> | null): string | null {
  if (params === null) return null;
  const line = canonicalJson(params).replace(/\s+/g, ' ');
  return line.length <= PARAMS_SUMMARY_MAX ? line : `${line.slice(0, PARAMS_SUMMARY_MAX - 1)}…`;
}

/** A row for a step whose first event was just recorded. */
export function newStepRow(runId: string, step: number, at: Date, revision: number): RunStepRow {
  return {
    runId,
    step,
    status: RunStepStatus.Reasoning,
    kind: null,
    thought: '',
    tool: null,
    params: null,
    proposedParams: null,
    paramsSummary: null,
    output: null,
    risk: null,
    decision: null,
    outcome: null,
    result: null,
    editedBy: null,
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    reasoningTokens: 0,
    costNanoUsd: 0,
    latencyMs: null,
    startedAt: at,
    finishedAt: null,
    durationMs: null,
    reasoningRevision: null,
    firstRevision: revision,
    lastRevision: revision,
  };
}

/** The row with `params` (and its summary) replaced. */
export function withParams(row: RunStepRow, params: Record<string, unknown>): RunStepRow {
  return { ...row, params, paramsSummary: summarizeParams(params) };
}

/** The row ended at `at` with `status`, and the outcome the API shows. */
export function ended(
  row: RunStepRow,
  at: Date,
  status: RunStepStatus,
  outcome: string | null,
  result: unknown,
): RunStepRow {
  return {
    ...row,
    status,
    outcome,
    result,
    finishedAt: at,
    durationMs: at.getTime() - row.startedAt.getTime(),
  };
}

/** The row under way again (a retried or approved tool call): no end yet. */
export function reopened(row: RunStepRow, status: RunStepStatus): RunStepRow {
  return { ...row, status, outcome: null, result: null, finishedAt: null, durationMs: null };
}
