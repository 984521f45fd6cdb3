// Pure: run events → LLM call rows, tool call row changes and run → agent links. No I/O.
import type { ReasoningCompletedData, RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

/** How an LLM call ended: a usable answer, an answer that could not be used, or no answer. */
export const LlmCallOutcome = { Completed: 'completed', Rejected: 'rejected', Failed: 'failed' } as const;
export type LlmCallOutcome = (typeof LlmCallOutcome)[keyof typeof LlmCallOutcome];

/**
 * One LLM call, from one ReasoningCompleted, ModelOutputRejected or ReasoningFailed event: keyed by
 * the event id and never changed after it is written, so any cut of the log gives the same rows.
 * A failed call has no model, tokens, cost or latency (the provider did not answer).
 */
export interface LlmCallRow {
  eventId: string;
  runId: string;
  /** Null when the run's RunStarted is not in this batch: the writer looks it up in `usage_runs`. */
  agentId: string | null;
  step: number;
  outcome: LlmCallOutcome;
  model: string | null;
  /** Prompt tokens, cache hits included (OpenAI's convention, which every adapter follows). */
  inputTokens: number;
  /** Output tokens, reasoning tokens included. */
  outputTokens: number;
  /** The part of `inputTokens` read from the provider's prompt cache (billed at the cached-input price). */
  cachedInputTokens: number;
  /** The part of `outputTokens` the model spent reasoning (hidden thinking, billed as output). */
  reasoningTokens: number;
  /** Cost in billionths of a dollar: integers add up exactly, in any grouping. */
  costNanoUsd: number;
  latencyMs: number | null;
  recordedAt: Date;
  position: string;
}

/** How a tool call ended; null while it runs. */
export type ToolCallOutcome = 'succeeded' | 'failed' | 'unknown';

/**
 * What one batch says about one tool call (keyed by `callId`). Every field is set once: merging
 * keeps the first non-null value (the mapping within a batch, the writer across batches), so two
 * batches applied one after the other equal one batch.
 */
export interface ToolCallChange {
  callId: string;
  runId: string;
  agentId: string | null;
  tool: string | null;
  step: number | null;
  startedAt: Date | null;
  outcome: ToolCallOutcome | null;
  durationMs: number | null;
  finishedAt: Date | null;
}

export interface UsageChanges {
  /** Run → agent, from RunStarted (call events do not name the agent). */
  runs: { runId: string; agentId: string }[];
  llmCalls: LlmCallRow[];
  toolCalls: ToolCallChange[];
}

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

const NANOS_PER_USD = 1_000_000_000;

function llmCallOf(event: RecordedEvent, runId: string, agentId: string | null): LlmCallRow | null {
  const base = { eventId: event.id, runId, agentId, recordedAt: event.recordedAt, position: event.position };
  if (event.type === 'ReasoningCompleted' || event.type === 'ModelOutputRejected') {
    const data = event.data as unknown as ReasoningCompletedData;
    return {
      ...base,
      step: data.step,
      outcome: event.type === 'ReasoningCompleted' ? LlmCallOutcome.Completed : LlmCallOutcome.Rejected,
      model: data.model,
      inputTokens: data.usage.inputTokens,
      outputTokens: data.usage.outputTokens,
      cachedInputTokens: data.usage.cachedTokens,
      reasoningTokens: data.usage.reasoningTokens,
      costNanoUsd: Math.round(data.costUsd * NANOS_PER_USD),
      latencyMs: data.latencyMs,
    };
  }
  if (event.type === 'ReasoningFailed') {
    const data = event.data as unknown as Data<'ReasoningFailed'>;
    return {
      ...base,
      step: data.step,
      outcome: LlmCallOutcome.Failed,
      model: null,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      reasoningTokens: 0,
      costNanoUsd: 0,
      latencyMs: null,
    };
  }
  return null;
}

/** The fields of a tool call event; null for events that are not about tool calls. */
function toolCallFacts(event: RecordedEvent): (Partial<ToolCallChange> & { callId: string }) | null {
  switch (event.type) {
    case 'ToolCallStarted': {
      const data = event.data as unknown as Data<'ToolCallStarted'>;
      return { callId: data.callId, tool: data.tool, step: data.step, startedAt: event.recordedAt };
    }
    case 'ToolCallSucceeded':
    case 'ToolCallFailed': {
      const data = event.data as unknown as Data<'ToolCallSucceeded'>;
      return {
        callId: data.callId,
        outcome: event.type === 'ToolCallSucceeded' ? 'succeeded' : 'failed',
        durationMs: data.durationMs,
        finishedAt: event.recordedAt,
      };
    }
    case 'ToolCallOutcomeUnknown': {
      const data = event.data as unknown as Data<'ToolCallOutcomeUnknown'>;
      return {
        callId: data.callId,
        tool: data.tool,
        step: data.step,
        outcome: 'unknown',
        finishedAt: event.recordedAt,
      };
    }
    default:
      return null;
  }
}

/** Merges `next` into `change`: the first non-null value of each field wins. */
export function mergeToolCall(change: ToolCallChange, next: Partial<ToolCallChange>): void {
  change.agentId ??= next.agentId ?? null;
  change.tool ??= next.tool ?? null;
  change.step ??= next.step ?? null;
  change.startedAt ??= next.startedAt ?? null;
  change.outcome ??= next.outcome ?? null;
  change.durationMs ??= next.durationMs ?? null;
  change.finishedAt ??= next.finishedAt ?? null;
}

/** Maps a batch of events (any streams, log order) to the usage read model's changes. */
export function mapUsageEvents(events: readonly RecordedEvent[]): UsageChanges {
  const agentOfRun = new Map<string, string>();
  const llmCalls: LlmCallRow[] = [];
  const toolCalls = new Map<string, ToolCallChange>();
  for (const event of events) {
    if (!event.stream.startsWith('run-')) continue;
    const runId = parseStream(event.stream).id;
    if (event.type === 'RunStarted') {
      if (!agentOfRun.has(runId))
        agentOfRun.set(runId, (event.data as unknown as Data<'RunStarted'>).agentId);
      continue;
    }
    const agentId = agentOfRun.get(runId) ?? null;
    const call = llmCallOf(event, runId, agentId);
    if (call) {
      llmCalls.push(call);
      continue;
    }
    const facts = toolCallFacts(event);
    if (!facts) continue;
    let change = toolCalls.get(facts.callId);
    if (!change) {
      change = {
        callId: facts.callId,
        runId,
        agentId: null,
        tool: null,
        step: null,
        startedAt: null,
        outcome: null,
        durationMs: null,
        finishedAt: null,
      };
      toolCalls.set(facts.callId, change);
    }
    mergeToolCall(change, { ...facts, agentId });
  }
  const runs = [...agentOfRun].map(([runId, agentId]) => ({ runId, agentId }));
  return { runs, llmCalls, toolCalls: [...toolCalls.values()] };
}
