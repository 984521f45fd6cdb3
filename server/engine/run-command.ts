// What decide() asks the application to do next. Commands are imperative; the events they lead to are
// past tense. The application performs exactly one command, appends its events, folds, and decides again.
import type {
  ApprovalExpiryAction,
  ApprovalPolicy,
  ErrorInfo,
  MemoryKind,
  RiskLevel,
  RunTotals,
} from '../../schema/events/index.ts';

/** The kinds of `RunCommand`. */
export const RunCommandKind = {
  CallLlm: 'call_llm',
  EvaluateSafety: 'evaluate_safety',
  RequestApproval: 'request_approval',
  CallTool: 'call_tool',
  ResolveUnknownOutcome: 'resolve_unknown_outcome',
  RetryTool: 'retry_tool',
  StoreMemory: 'store_memory',
  ExpireApproval: 'expire_approval',
  Wait: 'wait',
  Complete: 'complete',
  Fail: 'fail',
  None: 'none',
} as const;
export type RunCommandKind = (typeof RunCommandKind)[keyof typeof RunCommandKind];

type Params = Record<string, unknown>;

/**
 * The next thing to do for a run, and what the application records for it:
 * - `call_llm`: build the conversation, call the model; append `ReasoningCompleted` or
 *   `ModelOutputRejected` (see `reasoningEventFor`), or `ReasoningFailed` with this `attempt`
 *   (attempt > 1: back off first).
 * - `evaluate_safety`: `evaluateRisk(...)`; append `SafetyEvaluated` for this step and tool.
 * - `request_approval`: `approvalDeadline(now, config)`; append `ApprovalRequested` with a new id.
 * - `call_tool`: append `ToolCallStarted` (new callId, the tool's `idempotent`), run the tool, append
 *   `ToolCallSucceeded` or `ToolCallFailed`.
 * - `retry_tool`: an idempotent call was started and never finished (crash): append `ToolCallStarted`
 *   again with the SAME callId (that bounds crash loops), run it, append its outcome.
 * - `resolve_unknown_outcome`: a non-idempotent call was started and never finished: append
 *   `ToolCallOutcomeUnknown`, and ideally in the same append an `ApprovalRequested` from `risk`
 *   and `reasons` (otherwise the next decide returns `request_approval` for it).
 * - `store_memory`: embed `text`; append `MemoryStored`.
 * - `expire_approval`: append `ApprovalExpired` with `action` (and `ApprovalEscalated` if escalating).
 * - `wait`: nothing to do until a human decides or `until` (the approval deadline) passes.
 * - `complete` / `fail`: append `RunCompleted` / `RunFailed` with exactly these fields.
 * - `none`: the run has ended (or not started); nothing to do.
 */
export type RunCommand =
  | { kind: 'call_llm'; step: number; attempt: number }
  | { kind: 'evaluate_safety'; step: number; tool: string; params: Params }
  | {
      kind: 'request_approval';
      step: number;
      tool: string;
      params: Params;
      risk: RiskLevel;
      reasons: string[];
      /** The deciding policy rule's approval settings (the agent's override and the defaults fill the rest). */
      approval?: ApprovalPolicy;
    }
  | { kind: 'call_tool'; step: number; tool: string; params: Params }
  | {
      kind: 'resolve_unknown_outcome';
      callId: string;
      step: number;
      tool: string;
      params: Params;
      risk: RiskLevel;
      reasons: string[];
    }
  | { kind: 'retry_tool'; callId: string; step: number; tool: string; params: Params; attempt: number }
  | { kind: 'store_memory'; step: number; memoryKind: MemoryKind; text: string }
  | { kind: 'expire_approval'; approvalId: string; action: ApprovalExpiryAction }
  | { kind: 'wait'; approvalId: string; until?: Date }
  | { kind: 'complete'; output: unknown; totals: RunTotals }
  | { kind: 'fail'; error: ErrorInfo; step?: number }
  | { kind: 'none' };
