// Stream `run-<runId>`: everything one run thought, decided and did, in order.
import { z } from 'zod';
import { AgentConfig } from './agent-events.ts';
import { ApprovalExpiryAction, ApprovalPolicy, EscalationTarget } from './approval-policy.ts';
import {
  Actor,
  Count,
  ErrorInfo,
  Id,
  IsoDateTime,
  JsonObject,
  JsonValue,
  NonEmpty,
  RiskLevel,
  Step,
  Usd,
} from './common.ts';
import type { EventDefinition } from './define.ts';
import { decodeFloat32, encodeFloat32 } from './embedding-vector.ts';
import { ScorerKind } from './evaluation-events.ts';

export const SafetyDecision = {
  Allow: 'allow',
  RequireApproval: 'require_approval',
  Block: 'block',
} as const;
export type SafetyDecision = (typeof SafetyDecision)[keyof typeof SafetyDecision];

/** What a stored memory remembers: a thought, what a tool returned, a final answer, a human's word. */
export const MemoryKind = {
  Thought: 'thought',
  Observation: 'observation',
  Output: 'output',
  Feedback: 'feedback',
} as const;
export type MemoryKind = (typeof MemoryKind)[keyof typeof MemoryKind];

/** Why a model answer could not be used as it was. */
export const ModelOutputProblem = {
  InvalidJson: 'invalid_json',
  UnknownTool: 'unknown_tool',
  InvalidParams: 'invalid_params',
  EmptyAnswer: 'empty_answer',
} as const;
export type ModelOutputProblem = (typeof ModelOutputProblem)[keyof typeof ModelOutputProblem];

const risk = z.enum(RiskLevel);
const reasons = z.array(NonEmpty);

/** The run's agent, its inputs, and for a fork, where it branched off. */
export const RunStarted = z.strictObject({
  runId: Id,
  agentId: Id,
  agentVersion: z.number().int().positive(),
  agent: AgentConfig,
  inputs: z.object({ goal: NonEmpty }).catchall(z.string()),
  /**
   * Where a fork branched off; `editedParams` replace the params of the tool call the model had
   * proposed at that point (the fork's safety evaluates them before anything runs).
   */
  forkedFrom: z
    .strictObject({ runId: Id, atRevision: Count, editedParams: JsonObject.optional() })
    .optional(),
});

export const TokenUsage = z.strictObject({
  inputTokens: Count,
  outputTokens: Count,
  cachedTokens: Count,
  reasoningTokens: Count,
});
export type TokenUsage = z.infer<typeof TokenUsage>;

/** What one completed LLM call cost; recorded so that replay and resume never call it again. */
const llmCall = {
  model: NonEmpty,
  usage: TokenUsage,
  costUsd: Usd,
  latencyMs: Count,
  requestHash: NonEmpty,
};

export const ToolAction = z.strictObject({ tool: NonEmpty, params: JsonObject });
export type ToolAction = z.infer<typeof ToolAction>;
export const RunFinish = z.strictObject({ output: JsonValue });
export type RunFinish = z.infer<typeof RunFinish>;

/**
 * A memory that was put into the prompt of a reasoning call, with its similarity score (higher is
 * closer). Recorded so that what the agent knew at a step can be read back (`Run.memoriesAt`).
 */
export const RecalledMemory = z.strictObject({ memoryId: Id, score: z.number() });
export type RecalledMemory = z.infer<typeof RecalledMemory>;
/** Optional: reasoning events recorded before memories were tracked have none. */
const recalled = z.array(RecalledMemory).optional();

const reasoningCompletedFields = z.strictObject({
  step: Step,
  thought: z.string(),
  action: ToolAction.optional(),
  finish: RunFinish.optional(),
  ...llmCall,
  recalled,
});

/** The model answered usably: either an action to take or the run's final output, never both. */
export const ReasoningCompleted = reasoningCompletedFields.refine(
  (event) => (event.action === undefined) !== (event.finish === undefined),
  { message: 'must have exactly one of "action" or "finish"' },
);
/** The data of `ReasoningCompleted`. Written by hand because `z.infer` cannot express "exactly one of". */
export type ReasoningCompletedData = Omit<z.infer<typeof reasoningCompletedFields>, 'action' | 'finish'> &
  ({ action: ToolAction; finish?: undefined } | { action?: undefined; finish: RunFinish });

/**
 * The model answered but the answer could not be used (bad JSON, unknown tool, params failing the
 * tool's schema, nothing at all). `detail` is what the next reasoning step is told; the call itself
 * is recorded like any other so that it is counted and never repeated.
 */
export const ModelOutputRejected = z.strictObject({
  step: Step,
  raw: z.string(),
  problem: z.enum(ModelOutputProblem),
  detail: NonEmpty,
  ...llmCall,
  recalled,
});

/** The LLM call failed; `attempt` counts from 1 for this step. */
export const ReasoningFailed = z.strictObject({
  step: Step,
  error: ErrorInfo,
  retryable: z.boolean(),
  attempt: z.number().int().positive(),
});

/**
 * The safety verdict for a proposed tool call, and which policy version decided it. `policyId` and
 * `policyVersion` are both null when no policy rule matched and the tool's default risk applied.
 */
export const SafetyEvaluated = z
  .strictObject({
    step: Step,
    tool: NonEmpty,
    risk,
    decision: z.enum(SafetyDecision),
    reasons,
    policyId: Id.nullable(),
    policyVersion: z.number().int().positive().nullable(),
    /** The deciding rule's approval settings, when it has any. */
    approval: ApprovalPolicy.optional(),
  })
  .refine((event) => (event.policyId === null) === (event.policyVersion === null), {
    path: ['policyVersion'],
    message: 'must be null exactly when policyId is null',
  });

export const ApprovalRequested = z.strictObject({
  approvalId: Id,
  step: Step,
  tool: NonEmpty,
  params: JsonObject,
  risk,
  reasons,
  expiresAt: IsoDateTime,
  onExpiry: z.enum(ApprovalExpiryAction),
  /** Whom an escalation goes to (ApprovalEscalated.to names it); absent: nobody named. */
  escalateTo: EscalationTarget.optional(),
});

/** An operator approved; `editedParams`, when present, replace the proposed params. */
export const ApprovalGranted = z.strictObject({
  approvalId: Id,
  by: Actor,
  comment: z.string().optional(),
  editedParams: JsonObject.optional(),
});

export const ApprovalRejected = z.strictObject({ approvalId: Id, by: Actor, comment: z.string().optional() });

/** The deadline passed; `action` is the `onExpiry` that was applied. */
export const ApprovalExpired = z.strictObject({ approvalId: Id, action: z.enum(ApprovalExpiryAction) });

/** The approval was handed up; `to` names a person or role when known. */
export const ApprovalEscalated = z.strictObject({ approvalId: Id, to: NonEmpty.optional() });

/** Recorded before the tool runs, so a crash before its outcome is detected on resume. */
export const ToolCallStarted = z.strictObject({
  step: Step,
  callId: Id,
  tool: NonEmpty,
  params: JsonObject,
  idempotent: z.boolean(),
});

/** `truncated` is present when `result` was cut to fit an event; it names the original size. */
export const ToolCallSucceeded = z.strictObject({
  callId: Id,
  result: JsonValue,
  durationMs: Count,
  truncated: z.strictObject({ originalBytes: z.number().int().positive() }).optional(),
});

export const ToolCallFailed = z.strictObject({
  callId: Id,
  error: ErrorInfo,
  retryable: z.boolean(),
  durationMs: Count,
});

/** A non-idempotent tool started and the process died before its outcome: a human must decide. */
export const ToolCallOutcomeUnknown = z.strictObject({ callId: Id, tool: NonEmpty, step: Step });

/** Schema version 1 of an embedding: the vector as JSON numbers (still read, upcast on the way). */
type EmbeddingV1 = { model: string; dims: number; vector: number[] };

/** An embedding: `vectorFloat32LE` holds its `dims` numbers as float32 (see `embedding-vector.ts`). */
export const Embedding = z
  .strictObject({ model: NonEmpty, dims: z.number().int().positive(), vectorFloat32LE: z.string() })
  .superRefine((embedding, ctx) => {
    const vector = decodeFloat32(embedding.vectorFloat32LE);
    const problem =
      vector === null
        ? 'must be base64 of little-endian float32 values'
        : vector.length !== embedding.dims
          ? `must hold exactly \`dims\` (${embedding.dims}) numbers, not ${vector.length}`
          : vector.every(Number.isFinite)
            ? null
            : 'must hold finite numbers only';
    if (problem) ctx.addIssue({ code: 'custom', path: ['vectorFloat32LE'], message: problem });
  });

export const MemoryStored = z.strictObject({
  memoryId: Id,
  step: Step,
  kind: z.enum(MemoryKind),
  text: NonEmpty,
  embedding: Embedding,
});

/** MemoryStored of schema version 1 → 2: the vector's numbers become float32 text. */
function memoryStoredV1ToV2(data: Record<string, unknown>): Record<string, unknown> {
  const { model, dims, vector } = data.embedding as EmbeddingV1;
  return { ...data, embedding: { model, dims, vectorFloat32LE: encodeFloat32(vector) } };
}

export const RunTotals = z.strictObject({
  steps: Count,
  inputTokens: Count,
  outputTokens: Count,
  costUsd: Usd,
  wallTimeMs: Count,
});
export type RunTotals = z.infer<typeof RunTotals>;

export const RunCompleted = z.strictObject({ output: JsonValue, totals: RunTotals });

/** The run gave up; `step` is where, when the failure belongs to a step. */
export const RunFailed = z.strictObject({ error: ErrorInfo, step: Step.optional() });

export const RunCancelled = z.strictObject({ by: Actor, reason: NonEmpty.optional() });

/** Longest annotation label and comment (characters). */
export const MAX_ANNOTATION_LABEL = 100;
export const MAX_ANNOTATION_COMMENT = 2000;

/**
 * Someone's judgement of one step (feedback): a label, a score from -1 (bad) to 1 (good), an
 * optional comment. A fact about the run, not a decision of it: the engine and replay ignore it.
 */
export const StepAnnotated = z.strictObject({
  annotationId: Id,
  step: Step,
  label: NonEmpty.max(MAX_ANNOTATION_LABEL),
  score: z.number().min(-1).max(1),
  comment: z.string().max(MAX_ANNOTATION_COMMENT).optional(),
  by: Actor,
});

/** One scorer's verdict on a run: a score from 0 (bad) to 1 (good), whether it passed, and why. */
export const RunScore = z.strictObject({
  scorer: NonEmpty.max(100),
  kind: z.enum(ScorerKind),
  score: z.number().min(0).max(1),
  passed: z.boolean(),
  reason: z.string().max(2000),
});
export type RunScore = z.infer<typeof RunScore>;

/**
 * An evaluation scored the run (its item `itemId`). A fact about the run, not a decision of it: the
 * engine and replay ignore it, like feedback on a step.
 */
export const RunScored = z.strictObject({
  evaluationId: Id,
  itemId: Id,
  scores: z.array(RunScore).min(1).max(50),
  by: Actor,
});

export const runEventDefinitions = [
  { type: 'RunStarted', schemaVersion: 1, schema: RunStarted },
  { type: 'ReasoningCompleted', schemaVersion: 1, schema: ReasoningCompleted },
  { type: 'ModelOutputRejected', schemaVersion: 1, schema: ModelOutputRejected },
  { type: 'ReasoningFailed', schemaVersion: 1, schema: ReasoningFailed },
  { type: 'SafetyEvaluated', schemaVersion: 1, schema: SafetyEvaluated },
  { type: 'ApprovalRequested', schemaVersion: 1, schema: ApprovalRequested },
  { type: 'ApprovalGranted', schemaVersion: 1, schema: ApprovalGranted },
  { type: 'ApprovalRejected', schemaVersion: 1, schema: ApprovalRejected },
  { type: 'ApprovalExpired', schemaVersion: 1, schema: ApprovalExpired },
  { type: 'ApprovalEscalated', schemaVersion: 1, schema: ApprovalEscalated },
  { type: 'ToolCallStarted', schemaVersion: 1, schema: ToolCallStarted },
  { type: 'ToolCallSucceeded', schemaVersion: 1, schema: ToolCallSucceeded },
  { type: 'ToolCallFailed', schemaVersion: 1, schema: ToolCallFailed },
  { type: 'ToolCallOutcomeUnknown', schemaVersion: 1, schema: ToolCallOutcomeUnknown },
  { type: 'MemoryStored', schemaVersion: 2, schema: MemoryStored, upcasters: { 1: memoryStoredV1ToV2 } },
  { type: 'RunCompleted', schemaVersion: 1, schema: RunCompleted },
  { type: 'RunFailed', schemaVersion: 1, schema: RunFailed },
  { type: 'RunCancelled', schemaVersion: 1, schema: RunCancelled },
  { type: 'StepAnnotated', schemaVersion: 1, schema: StepAnnotated },
  { type: 'RunScored', schemaVersion: 1, schema: RunScored },
] as const satisfies readonly EventDefinition[];
