// The fold behind `runSpans`: one run's events, in order, into its steps and their LLM call and tool
// call spans, with the run's token totals. No I/O; times are the events' own.
import type {
  ReasoningCompletedData,
  RunEventDataByType,
  RunStartedData,
} from '../../schema/events/index.ts';
import type { RecordedEvent } from '../eventstore/port.ts';
import { GenAi, Spark } from './span-attributes.ts';
import { spanIdOf, traceIdOf } from './trace-ids.ts';

/** How a span ended: OpenTelemetry's status codes (unset is "no opinion", the default for success). */
export const SpanOutcome = { Unset: 'unset', Ok: 'ok', Error: 'error' } as const;
export type SpanOutcome = (typeof SpanOutcome)[keyof typeof SpanOutcome];

type AttributeValue = string | number | boolean;

/** What the OTLP exporter needs to know about one span, independent of the SDK's types. */
export interface RunSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** `client` for calls to an LLM provider, `internal` for everything the platform does itself. */
  kind: 'internal' | 'client';
  start: Date;
  end: Date;
  attributes: Record<string, AttributeValue>;
  status: { outcome: SpanOutcome; message?: string };
  /** Point-in-time facts inside the span (safety verdicts, approvals), from their events. */
  events: { name: string; time: Date; attributes: Record<string, AttributeValue> }[];
}

/** One step so far: from its earliest to its latest event, its call spans and its span events. */
export interface StepSpans {
  step: number;
  start: Date;
  end: Date;
  children: RunSpan[];
  events: RunSpan['events'];
}

export interface TraceFold {
  runId: string;
  traceId: string;
  started: RunStartedData;
  /** gen_ai.provider.name of the run's agent. */
  provider: string;
  steps: Map<number, StepSpans>;
  stepOfCall: Map<string, number>;
  stepOfApproval: Map<string, number>;
  /** Tool calls started and not ended yet. */
  openTools: Map<string, RunSpan>;
  totals: { input: number; output: number; cached: number; reasoning: number; costUsd: number };
}

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** GenAI's provider names for the platform's providers; any other provider keeps its own name. */
function providerName(provider: string): string {
  if (provider === 'openai') return 'openai';
  if (provider === 'anthropic') return 'anthropic';
  return provider;
}

export function createTraceFold(runId: string, started: RunStartedData): TraceFold {
  return {
    runId,
    traceId: traceIdOf(runId),
    started,
    provider: providerName(started.agent.llm.provider),
    steps: new Map(),
    stepOfCall: new Map(),
    stepOfApproval: new Map(),
    openTools: new Map(),
    totals: { input: 0, output: 0, cached: 0, reasoning: 0, costUsd: 0 },
  };
}

/** The step's spans, widened to cover `from`..`to`. */
function stepAt(fold: TraceFold, step: number, from: Date, to: Date = from): StepSpans {
  let found = fold.steps.get(step);
  if (!found) {
    found = { step, start: from, end: to, children: [], events: [] };
    fold.steps.set(step, found);
  }
  found.start = earlier(found.start, from);
  found.end = later(found.end, to);
  return found;
}

function addChild(
  fold: TraceFold,
  step: StepSpans,
  what: string,
  span: Omit<RunSpan, 'traceId' | 'spanId' | 'parentSpanId' | 'events'>,
): RunSpan {
  const made: RunSpan = {
    ...span,
    traceId: fold.traceId,
    spanId: spanIdOf(fold.runId, what),
    parentSpanId: spanIdOf(fold.runId, `step:${step.step}`),
    events: [],
  };
  step.children.push(made);
  return made;
}

function llmAttributes(fold: TraceFold, model: string | null): Record<string, AttributeValue> {
  const { llm } = fold.started.agent;
  return {
    [GenAi.OperationName]: 'chat',
    [GenAi.ProviderName]: fold.provider,
    [GenAi.RequestModel]: llm.model,
    ...(model ? { [GenAi.ResponseModel]: model } : {}),
    ...(llm.temperature !== undefined ? { [GenAi.RequestTemperature]: llm.temperature } : {}),
    ...(llm.maxTokens !== undefined ? { [GenAi.RequestMaxTokens]: llm.maxTokens } : {}),
    [GenAi.ConversationId]: fold.runId,
  };
}

/** ReasoningCompleted or ModelOutputRejected: an answered call, which lasted its recorded latency. */
function onAnswer(fold: TraceFold, event: RecordedEvent): void {
  const data = event.data as unknown as ReasoningCompletedData;
  const at = event.recordedAt;
  const callStart = new Date(at.getTime() - data.latencyMs);
  const { totals } = fold;
  totals.input += data.usage.inputTokens;
  totals.output += data.usage.outputTokens;
  totals.cached += data.usage.cachedTokens;
  totals.reasoning += data.usage.reasoningTokens;
  totals.costUsd += data.costUsd;
  const rejected =
    event.type === 'ModelOutputRejected' ? (event.data as unknown as Data<'ModelOutputRejected'>) : null;
  addChild(fold, stepAt(fold, data.step, callStart, at), `llm:${event.id}`, {
    name: `chat ${fold.started.agent.llm.model}`,
    kind: 'client',
    start: callStart,
    end: at,
    attributes: {
      ...llmAttributes(fold, data.model),
      [GenAi.UsageInputTokens]: data.usage.inputTokens,
      [GenAi.UsageOutputTokens]: data.usage.outputTokens,
      [GenAi.UsageCacheReadInputTokens]: data.usage.cachedTokens,
      [GenAi.UsageReasoningOutputTokens]: data.usage.reasoningTokens,
      [Spark.CostUsd]: data.costUsd,
      [Spark.Step]: data.step,
      ...(rejected ? { [Spark.OutputProblem]: rejected.problem, [Spark.ErrorType]: rejected.problem } : {}),
    },
    status: rejected
      ? { outcome: SpanOutcome.Error, message: rejected.detail }
      : { outcome: SpanOutcome.Unset },
  });
}

/** ReasoningFailed: the provider gave no answer, so no latency places the call's start: a point span. */
function onLlmFailure(fold: TraceFold, event: RecordedEvent): void {
  const data = event.data as unknown as Data<'ReasoningFailed'>;
  const at = event.recordedAt;
  addChild(fold, stepAt(fold, data.step, at), `llm:${event.id}`, {
    name: `chat ${fold.started.agent.llm.model}`,
    kind: 'client',
    start: at,
    end: at,
    attributes: {
      ...llmAttributes(fold, null),
      [Spark.Step]: data.step,
      [Spark.Attempt]: data.attempt,
      [Spark.ErrorType]: data.error.code ?? 'error',
      [Spark.Retryable]: data.retryable,
    },
    status: { outcome: SpanOutcome.Error, message: data.error.message },
  });
}

/** Safety verdicts, approvals and memories: span events of their step. */
function onStepEvent(fold: TraceFold, event: RecordedEvent): void {
  const at = event.recordedAt;
  const mark = (step: number, name: string, attributes: Record<string, AttributeValue>) =>
    stepAt(fold, step, at).events.push({ name, time: at, attributes });
  switch (event.type) {
    case 'SafetyEvaluated': {
      const data = event.data as unknown as Data<'SafetyEvaluated'>;
      mark(data.step, 'safety_evaluated', {
        [GenAi.ToolName]: data.tool,
        [Spark.Risk]: data.risk,
        [Spark.Decision]: data.decision,
        ...(data.policyId ? { [Spark.PolicyId]: data.policyId } : {}),
        ...(data.policyVersion ? { [Spark.PolicyVersion]: data.policyVersion } : {}),
      });
      return;
    }
    case 'ApprovalRequested': {
      const data = event.data as unknown as Data<'ApprovalRequested'>;
      fold.stepOfApproval.set(data.approvalId, data.step);
      mark(data.step, 'approval_requested', {
        [GenAi.ToolName]: data.tool,
        [Spark.Risk]: data.risk,
        [Spark.ApprovalId]: data.approvalId,
      });
      return;
    }
    case 'MemoryStored': {
      const data = event.data as unknown as Data<'MemoryStored'>;
      mark(data.step, 'memory_stored', { [Spark.MemoryKind]: data.kind });
      return;
    }
    default: {
      // ApprovalGranted, ApprovalRejected, ApprovalExpired, ApprovalEscalated: the step of their request.
      const { approvalId } = event.data as unknown as { approvalId: string };
      const step = fold.stepOfApproval.get(approvalId);
      if (step === undefined) return;
      mark(step, event.type.replace('Approval', 'approval_').toLowerCase(), {
        [Spark.ApprovalId]: approvalId,
      });
    }
  }
}

function onToolStarted(fold: TraceFold, event: RecordedEvent): void {
  const data = event.data as unknown as Data<'ToolCallStarted'>;
  const at = event.recordedAt;
  fold.stepOfCall.set(data.callId, data.step);
  const span = addChild(fold, stepAt(fold, data.step, at), `tool:${data.callId}`, {
    name: `execute_tool ${data.tool}`,
    kind: 'internal',
    start: at,
    end: at,
    attributes: {
      [GenAi.OperationName]: 'execute_tool',
      [GenAi.ToolName]: data.tool,
      [GenAi.ToolCallId]: data.callId,
      [GenAi.ToolType]: 'function',
      [Spark.Step]: data.step,
      [Spark.Idempotent]: data.idempotent,
    },
    status: { outcome: SpanOutcome.Unset },
  });
  fold.openTools.set(data.callId, span);
}

const TOOL_OUTCOMES: Record<string, string> = {
  ToolCallSucceeded: 'succeeded',
  ToolCallFailed: 'failed',
  ToolCallOutcomeUnknown: 'unknown',
};

/** ToolCallSucceeded, ToolCallFailed or ToolCallOutcomeUnknown: the call's span ends. */
function onToolEnded(fold: TraceFold, event: RecordedEvent): void {
  const { callId } = event.data as unknown as { callId: string };
  const span = fold.openTools.get(callId);
  const step = fold.stepOfCall.get(callId);
  if (!span || step === undefined) return;
  fold.openTools.delete(callId);
  stepAt(fold, step, event.recordedAt);
  span.end = event.recordedAt;
  span.attributes[Spark.ToolOutcome] = TOOL_OUTCOMES[event.type] as string;
  if (event.type === 'ToolCallFailed') {
    const data = event.data as unknown as Data<'ToolCallFailed'>;
    span.attributes[Spark.ErrorType] = data.error.code ?? 'error';
    span.status = { outcome: SpanOutcome.Error, message: data.error.message };
  } else if (event.type === 'ToolCallOutcomeUnknown') {
    span.status = {
      outcome: SpanOutcome.Error,
      message: 'The process stopped before the outcome was recorded',
    };
  }
}

const HANDLERS: Readonly<Record<string, (fold: TraceFold, event: RecordedEvent) => void>> = {
  ReasoningCompleted: onAnswer,
  ModelOutputRejected: onAnswer,
  ReasoningFailed: onLlmFailure,
  SafetyEvaluated: onStepEvent,
  ApprovalRequested: onStepEvent,
  ApprovalGranted: onStepEvent,
  ApprovalRejected: onStepEvent,
  ApprovalExpired: onStepEvent,
  ApprovalEscalated: onStepEvent,
  MemoryStored: onStepEvent,
  ToolCallStarted: onToolStarted,
  ToolCallSucceeded: onToolEnded,
  ToolCallFailed: onToolEnded,
  ToolCallOutcomeUnknown: onToolEnded,
};

/** Folds one event of the run (after RunStarted) into the trace; other event types change nothing. */
export function foldEvent(fold: TraceFold, event: RecordedEvent): void {
  HANDLERS[event.type]?.(fold, event);
}
