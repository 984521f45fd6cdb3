// A local OTLP/HTTP trace receiver for tests and benches: it decodes the JSON the exporter sends
// (`@opentelemetry/exporter-trace-otlp-http`), keeps the spans, and can fail or hold requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
};
type KeyValue = { key: string; value: AnyValue };

/** One span as the receiver decoded it; attribute values are plain JS values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startMs: number;
  endMs: number;
  attributes: Record<string, string | number | boolean>;
  events: { name: string; attributes: Record<string, string | number | boolean> }[];
  status: { code: number; message?: string };
  resource: Record<string, string | number | boolean>;
  scope: string;
}

/** What the receiver does with the next request. */
export type ReceiverAnswer =
  /** 200, spans kept. */
  | 'accept'
  /** An HTTP error status, spans dropped (500: not retried by the exporter itself; 503: retried). */
  | { status: number }
  /** Keeps the request unanswered until `release` (spans kept or not when it is answered). */
  | 'hold';

export interface OtlpReceiver {
  /** Base URL (`http://127.0.0.1:<port>`): set as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every span accepted, in arrival order (duplicates included). */
  spans: ReceivedSpan[];
  /** Bodies of OTLP/protobuf requests, kept undecoded (answered 200). */
  protobufBodies: Buffer[];
  /** Requests seen (accepted, failed or held), with their headers. */
  requests: { headers: IncomingMessage['headers']; spans: number; answer: string }[];
  /** How the next requests are answered, in order; then `accept`. */
  answerNext(...answers: ReceiverAnswer[]): void;
  /** Answers every held request: `accept` keeps its spans, a status drops them. */
  release(answer: 'accept' | { status: number }): void;
  /** Held requests not answered yet. */
  held(): number;
  /** Resolves once at least `count` spans were accepted (rejects after `timeoutMs`). */
  waitForSpans(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function plain(value: AnyValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  throw new Error(`Unexpected OTLP value ${JSON.stringify(value)}`);
}

const attributesOf = (list: KeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map((kv) => [kv.key, plain(kv.value)]));

const nanosToMs = (nanos: string | number) => Number(BigInt(nanos) / 1_000_000n);

interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: KeyValue[];
  events?: { name: string; attributes?: KeyValue[] }[];
  status?: { code?: number; message?: string };
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest into spans. */
export function decodeOtlpJson(body: string): ReceivedSpan[] {
  const request = JSON.parse(body) as {
    resourceSpans?: {
      resource?: { attributes?: KeyValue[] };
      scopeSpans?: { scope?: { name?: string }; spans?: JsonSpan[] }[];
    }[];
  };
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ? span.parentSpanId : null,
        name: span.name,
        kind: span.kind,
        startMs: nanosToMs(span.startTimeUnixNano),
        endMs: nanosToMs(span.endTimeUnixNano),
        attributes: attributesOf(span.attributes),
        events: (span.events ?? []).map((event) => ({
          name: event.name,
          attributes: attributesOf(event.attributes),
        })),
        status: {
          code: span.status?.code ?? 0,
          ...(span.status?.message ? { message: span.status.message } : {}),
        },
        resource,
        scope: scopeSpans.scope?.name ?? '',
      })),
    );
  });
}

/** Starts a receiver on 127.0.0.1 (ephemeral port) for `POST /v1/traces` in OTLP/JSON. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: OtlpReceiver['requests'] = [];
  const protobufBodies: Buffer[] = [];
  const answers: ReceiverAnswer[] = [];
  const holding: { decoded: ReceivedSpan[]; response: ServerResponse }[] = [];
  const waiters: { count: number; resolve(): void }[] = [];

  const settle = () => {
    for (const waiter of [...waiters]) {
      if (spans.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const accept = (decoded: ReceivedSpan[], response: ServerResponse) => {
    spans.push(...decoded);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    settle();
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks);
      if (request.headers['content-type'] === 'application/x-protobuf') {
        protobufBodies.push(body);
        requests.push({ headers: request.headers, spans: 0, answer: 'accept' });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
        return;
      }
      const decoded = decodeOtlpJson(body.toString('utf8'));
      const answer = answers.shift() ?? 'accept';
      requests.push({
        headers: request.headers,
        spans: decoded.length,
        answer: typeof answer === 'string' ? answer : String(answer.status),
      });
      if (answer === 'accept') accept(decoded, response);
      else if (answer === 'hold') holding.push({ decoded, response });
      else response.writeHead(answer.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    protobufBodies,
    requests,
    answerNext: (...next) => answers.push(...next),
    release(answer) {
      for (const { decoded, response } of holding.splice(0)) {
        if (answer === 'accept') accept(decoded, response);
        else response.writeHead(answer.status).end('{}');
      }
    },
    held: () => holding.length,
    waitForSpans(count, timeoutMs = 15_000) {
      if (spans.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${spans.length} of ${count} spans arrived in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async close() {
      for (const { response } of holding.splice(0)) response.writeHead(503).end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
