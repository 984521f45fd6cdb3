// RunSpan → the SDK's ReadableSpan, which the OTLP exporter encodes. The spans were built from
// events after the fact, so they are handed to the exporter directly (no Tracer: a tracer would
// take its own ids and the clock's times, and neither is what the log says).
import { type HrTime, type SpanContext, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type RunSpan, SpanOutcome } from './run-spans.ts';

/** The instrumentation scope every exported span names: this exporter. */
export const EXPORT_SCOPE: InstrumentationScope = { name: 'spark-ops.run-trace-export', version: '1' };

function hrTime(date: Date): HrTime {
  const ms = date.getTime();
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
}

const STATUS = {
  [SpanOutcome.Unset]: SpanStatusCode.UNSET,
  [SpanOutcome.Ok]: SpanStatusCode.OK,
  [SpanOutcome.Error]: SpanStatusCode.ERROR,
} as const;

/** One span as the SDK's exporters take it. */
export function toReadableSpan(span: RunSpan, resource: Resource): ReadableSpan {
  const context: SpanContext = { traceId: span.traceId, spanId: span.spanId, traceFlags: TraceFlags.SAMPLED };
  const durationMs = Math.max(0, span.end.getTime() - span.start.getTime());
  return {
    name: span.name,
    kind: span.kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL,
    spanContext: () => context,
    ...(span.parentSpanId
      ? {
          parentSpanContext: {
            traceId: span.traceId,
            spanId: span.parentSpanId,
            traceFlags: TraceFlags.SAMPLED,
          },
        }
      : {}),
    startTime: hrTime(span.start),
    endTime: hrTime(span.end),
    duration: [Math.floor(durationMs / 1000), (durationMs % 1000) * 1_000_000],
    status: {
      code: STATUS[span.status.outcome],
      ...(span.status.message ? { message: span.status.message } : {}),
    },
    attributes: span.attributes,
    links: [],
    events: span.events.map((event) => ({
      name: event.name,
      time: hrTime(event.time),
      attributes: event.attributes,
    })),
    ended: true,
    resource,
    instrumentationScope: EXPORT_SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}
