// What the trace viewer shows of a run: its steps and how the run stands. Built by trace-fold.ts.

/** One event as the API delivers it (`RunEvent`). `data` is checked by `type` while folding. */
export interface TraceEvent {
  position: string;
  revision: number;
  type: string;
  data: unknown;
  recordedAt: string;
}

export const StepStatus = {
  Thinking: 'thinking',
  Evaluating: 'evaluating',
  AwaitingApproval: 'awaiting_approval',
  Approved: 'approved',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Blocked: 'blocked',
  Rejected: 'rejected',
  Expired: 'expired',
  OutcomeUnknown: 'outcome_unknown',
  Finished: 'finished',
  Malformed: 'malformed',
  ReasoningFailed: 'reasoning_failed',
  Interrupted: 'interrupted',
} as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];

export interface SafetyView {
  risk: string;
  decision: string;
  reasons: string[];
  policyId: string | null;
  policyVersion: number | null;
}

export interface ApprovalView {
  approvalId: string;
  status: 'requested' | 'approved' | 'rejected' | 'expired';
  risk: string;
  reasons: string[];
  params: Record<string, unknown>;
  requestedAt: string;
  expiresAt: string;
  onExpiry: string;
  escalated: boolean;
  escalatedTo: string | null;
  decidedAt: string | null;
  by: string | null;
  comment: string | null;
  editedParams: Record<string, unknown> | null;
  /** For an expired approval: the `onExpiry` action that was applied. */
  expiryAction: string | null;
}

export interface ToolCallView {
  callId: string;
  tool: string;
  params: Record<string, unknown>;
  idempotent: boolean;
  status: 'running' | 'succeeded' | 'failed' | 'outcome_unknown';
  startedAt: string;
  result: unknown;
  error: { message: string; code?: string | undefined } | null;
  retryable: boolean | null;
  durationMs: number | null;
  truncatedBytes: number | null;
}

export interface TokenCounts {
  input: number;
  output: number;
  cached: number;
  reasoning: number;
}

export interface TraceStep {
  step: number;
  status: StepStatus;
  thought: string | null;
  model: string | null;
  tool: string | null;
  params: Record<string, unknown> | null;
  /** The final answer, when this step finished the run. */
  finish: { output: unknown } | null;
  rejections: { problem: string; detail: string; raw: string }[];
  failures: { message: string; code: string | null; retryable: boolean; attempt: number }[];
  safety: SafetyView | null;
  approval: ApprovalView | null;
  /** Usually one; an idempotent call retried after a crash starts again. */
  toolCalls: ToolCallView[];
  memories: number;
  tokens: TokenCounts;
  costUsd: number;
  /** Time spent waiting for the model in this step. */
  llmLatencyMs: number;
  startedAt: string;
  updatedAt: string;
  firstRevision: number;
  lastRevision: number;
}

export type RunPhase = 'not_started' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface TraceRun {
  phase: RunPhase;
  goal: string | null;
  agentName: string | null;
  startedAt: string | null;
  endedAt: string | null;
  output: unknown;
  error: { message: string; code: string | null; step: number | null } | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  forkedFrom: { runId: string; atRevision: number } | null;
}

export interface Trace {
  run: TraceRun;
  steps: TraceStep[];
  tokens: TokenCounts;
  costUsd: number;
  eventCount: number;
  lastRevision: number;
  lastPosition: string | null;
}
