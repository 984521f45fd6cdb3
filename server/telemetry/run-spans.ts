// One ended run's events → the spans of its trace: the run, each step, each LLM call and each tool
// call, with OpenTelemetry's GenAI attributes. No I/O; ids and times come from the events alone, so
// exporting the same run twice gives the same spans (a backend sees a re-export as the same trace).
import type { RunEventDataByType, RunStartedData } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../eventstore/port.ts';
import { createTraceFold, foldEvent, type RunSpan, SpanOutcome, type TraceFold } from './run-trace-fold.ts';
import { GenAi, Spark } from './span-attributes.ts';
import { spanIdOf } from './trace-ids.ts';

export { type RunSpan, SpanOutcome } from './run-trace-fold.ts';
export { spanIdOf, traceIdOf } from './trace-ids.ts';

/** The event types that end a run: its trace is complete and is exported then. */
export const RUN_END_TYPES: ReadonlySet<string> = new Set(['RunCompleted', 'RunFailed', 'RunCancelled']);

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

function runStatus(end: RecordedEvent): RunSpan['status'] {
  if (end.type !== 'RunFailed') return { outcome: SpanOutcome.Unset };
  return { outcome: SpanOutcome.Error, message: (end.data as unknown as Data<'RunFailed'>).error.message };
}

/** The root span: the whole run, its agent, its summed usage and how it ended. */
function runSpanOf(fold: TraceFold, first: RecordedEvent, end: RecordedEvent): RunSpan {
  const { started, runId, totals } = fold;
  return {
    traceId: fold.traceId,
    spanId: spanIdOf(runId, 'run'),
    parentSpanId: null,
    name: `invoke_agent ${started.agent.name}`,
    kind: 'internal',
    start: first.recordedAt,
    end: end.recordedAt,
    attributes: {
      [GenAi.OperationName]: 'invoke_agent',
      [GenAi.ProviderName]: fold.provider,
      [GenAi.RequestModel]: started.agent.llm.model,
      [GenAi.AgentId]: started.agentId,
      [GenAi.AgentName]: started.agent.name,
      [GenAi.AgentVersion]: String(started.agentVersion),
      [GenAi.ConversationId]: runId,
      [GenAi.UsageInputTokens]: totals.input,
      [GenAi.UsageOutputTokens]: totals.output,
      [GenAi.UsageCacheReadInputTokens]: totals.cached,
      [GenAi.UsageReasoningOutputTokens]: totals.reasoning,
      [Spark.CostUsd]: Math.round(totals.costUsd * 1e9) / 1e9,
      [Spark.RunId]: runId,
      [Spark.RunOutcome]: end.type,
      [Spark.Steps]: fold.steps.size,
      ...(started.forkedFrom
        ? {
            [Spark.ForkedFromRunId]: started.forkedFrom.runId,
            [Spark.ForkedAtRevision]: started.forkedFrom.atRevision,
          }
        : {}),
    },
    status: runStatus(end),
    events: [],
  };
}

/** Each step's span followed by its calls' spans, by step number; the failing step shares the run's error. */
function stepSpansOf(fold: TraceFold, end: RecordedEvent): RunSpan[] {
  const failedStep = end.type === 'RunFailed' ? (end.data as unknown as Data<'RunFailed'>).step : undefined;
  return [...fold.steps.values()]
    .sort((a, b) => a.step - b.step)
    .flatMap((step): RunSpan[] => [
      {
        traceId: fold.traceId,
        spanId: spanIdOf(fold.runId, `step:${step.step}`),
        parentSpanId: spanIdOf(fold.runId, 'run'),
        name: `step ${step.step}`,
        kind: 'internal',
        start: step.start,
        end: step.end,
        attributes: { [Spark.Step]: step.step, [Spark.RunId]: fold.runId },
        status: step.step === failedStep ? runStatus(end) : { outcome: SpanOutcome.Unset },
        events: step.events,
      },
      ...step.children,
    ]);
}

/**
 * The spans of one run, from all of its events (revision order) up to and including the event that
 * ended it (events after it are ignored). Returns [] when the events do not begin with RunStarted.
 */
export function runSpans(events: readonly RecordedEvent[]): RunSpan[] {
  const first = events[0];
  if (first?.type !== 'RunStarted') return [];
  const fold = createTraceFold(parseStream(first.stream).id, first.data as unknown as RunStartedData);
  let end = events[events.length - 1] as RecordedEvent;
  for (const event of events.slice(1)) {
    foldEvent(fold, event);
    if (RUN_END_TYPES.has(event.type)) {
      end = event;
      break;
    }
  }
  // A tool call still open when the run ended (cancelled during the call) ends with the run.
  for (const span of fold.openTools.values()) {
    span.end = end.recordedAt;
    span.attributes[Spark.ToolOutcome] = 'none';
  }
  return [runSpanOf(fold, first, end), ...stepSpansOf(fold, end)];
}
