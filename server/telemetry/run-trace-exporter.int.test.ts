import assert from 'node:assert/strict';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { eventCatalogue, runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import { createPostgresEventStore } from '../eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../logger.ts';
import { appendLog, exampleStory, type LogEntry } from '../testkit/event-log.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../testkit/otlp-receiver.ts';
import { sqlTargets } from '../testkit/read-models.ts';
import { createExportResource } from './otlp-export.ts';
import { runSpans } from './run-spans.ts';
import { createRunTraceExporter, type RunTraceExporter } from './run-trace-exporter.ts';

const RUNS = 6;
const runIdOf = (n: number) => `01930000-0000-7000-8000-0000000a${String(n).padStart(4, '0')}`;

/** The example story's run events, as run `runId`. */
function runStory(runId: string): LogEntry[] {
  return exampleStory()
    .filter((item) => item.stream.startsWith('run-'))
    .map((item) => ({
      ...item,
      stream: runStream(runId),
      data: item.type === 'RunStarted' ? { ...item.data, runId } : item.data,
    }));
}

const key = (span: { traceId: string; spanId: string }) => `${span.traceId}/${span.spanId}`;

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const target of sqlTargets) {
  describe(`run trace export from the log (${target.name})`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    let store: EventStore;
    let receiver: OtlpReceiver;
    let runs: RecordedEvent[][];
    let expected: Set<string>;
    const exporters: RunTraceExporter[] = [];

    const exporter = (retryMinMs = 20, tuning: { batchSize?: number; heldEventsLimit?: number } = {}) => {
      const made = createRunTraceExporter({
        store,
        db,
        exporter: new OTLPTraceExporter({ url: `${receiver.url}/v1/traces` }),
        resource: createExportResource(),
        logger: silentLogger,
        // One run (10 events) per batch, so a batch is one request of six spans.
        batchSize: 10,
        maxBatchMs: 5,
        retryMinMs,
        retryMaxMs: 1000,
        leaseMs: 1500,
        ...tuning,
      });
      exporters.push(made);
      return made;
    };

    beforeEach(async () => {
      ({ db, drop } = await target.open());
      store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
      receiver = await startOtlpReceiver();
      await appendLog(store, Array.from({ length: RUNS }, (_, n) => runStory(runIdOf(n))).flat());
      runs = await Promise.all(
        Array.from({ length: RUNS }, (_, n) => store.readStream(runStream(runIdOf(n)))),
      );
      expected = new Set(runs.flatMap((events) => runSpans(events).map(key)));
      assert.equal(expected.size, RUNS * 6);
    });
    afterEach(async () => {
      for (const made of exporters.splice(0)) await made.stop();
      await receiver.close();
      await store.close();
      await drop();
    });

    it('a restart mid-export neither loses nor repeats a span', async () => {
      receiver.answerNext('accept', 'accept', 'hold');
      const first = exporter();
      await first.start();
      await until(() => receiver.held() === 1, 'the third request');
      // The process dies while the third run's spans are in flight: they were never accepted.
      const stopping = first.stop();
      receiver.release({ status: 500 });
      await stopping;
      assert.equal(receiver.spans.length, 12);
      assert.equal((await first.status()).checkpoint, runs[1]?.at(-1)?.position);

      const second = exporter();
      await second.start();
      await receiver.waitForSpans(RUNS * 6);
      await until(async () => (await second.status()).caughtUp, 'the export to catch up');
      assert.equal(receiver.spans.length, RUNS * 6, 'no span sent twice');
      assert.deepEqual(new Set(receiver.spans.map(key)), expected, 'no span lost');
    });

    it('a crash after the backend accepted, before the checkpoint, re-sends the same spans', async () => {
      receiver.answerNext('accept', 'hold');
      const first = exporter();
      await first.start();
      await until(() => receiver.held() === 1, 'the second request');
      const stopping = first.stop();
      receiver.release('accept');
      await stopping;
      assert.equal((await first.status()).checkpoint, runs[0]?.at(-1)?.position);

      const second = exporter();
      await second.start();
      await receiver.waitForSpans((RUNS + 1) * 6);
      await until(async () => (await second.status()).caughtUp, 'the export to catch up');
      assert.deepEqual(new Set(receiver.spans.map(key)), expected);
      // The second run's spans came twice, identical: same ids, so the backend keeps one trace.
      const seen = new Map<string, ReceivedSpan>();
      const repeated: string[] = [];
      for (const span of receiver.spans) {
        const before = seen.get(key(span));
        if (before) {
          assert.deepEqual(span, before);
          repeated.push(span.traceId);
        } else seen.set(key(span), span);
      }
      assert.deepEqual(new Set(repeated), new Set([runIdOf(1).replaceAll('-', '')]));
      assert.equal(repeated.length, 6);
    });

    it('two exporters on one database: one exports, the other stands by and takes over', async () => {
      const [a, b] = [exporter(), exporter()];
      await a.start();
      await b.start();
      await receiver.waitForSpans(RUNS * 6);
      await until(async () => (await a.status()).caughtUp, 'the export to catch up');
      const active = [(await a.status()).active, (await b.status()).active];
      assert.deepEqual(
        active.filter(Boolean).length,
        1,
        `exactly one exporter holds the lease: ${JSON.stringify(active)}`,
      );
      const [holder, standby] = active[0] ? [a, b] : [b, a];
      await holder.stop();
      await appendLog(store, runStory(runIdOf(RUNS)));
      await receiver.waitForSpans((RUNS + 1) * 6);
      await until(async () => (await standby.status()).caughtUp, 'the standby to catch up');
      assert.equal((await standby.status()).active, true);
      assert.equal(receiver.spans.length, (RUNS + 1) * 6, 'no span sent by both');
      assert.equal(new Set(receiver.spans.map(key)).size, (RUNS + 1) * 6);
    });

    it('runs cut across batches and not held in memory are read back from their stream: same spans', async () => {
      // Batches of 7 events cut every run but one; holding nothing makes each ended run read its stream.
      const reading = exporter(20, { batchSize: 7, heldEventsLimit: 0 });
      await reading.start();
      await receiver.waitForSpans(RUNS * 6);
      await until(async () => (await reading.status()).caughtUp, 'the export to catch up');
      const shape = (
        span: { spanId: string; parentSpanId: string | null; name: string },
        start: number,
        end: number,
      ) => `${span.spanId} ${span.parentSpanId} ${span.name} ${start}-${end}`;
      assert.deepEqual(
        receiver.spans.map((span) => shape(span, span.startMs, span.endMs)).sort(),
        runs
          .flatMap((events) => runSpans(events))
          .map((span) => shape(span, span.start.getTime(), span.end.getTime()))
          .sort(),
      );
    });

    it('retries a failing receiver until it accepts, and only then moves the checkpoint', async () => {
      receiver.answerNext({ status: 500 }, { status: 500 }, { status: 500 });
      const retrying = exporter(200);
      await retrying.start();
      await until(() => receiver.requests.length >= 2, 'two failed requests');
      assert.equal((await retrying.status()).checkpoint, null, 'nothing is checkpointed while failing');
      await receiver.waitForSpans(RUNS * 6);
      await until(async () => (await retrying.status()).caughtUp, 'the export to catch up');
      assert.deepEqual(
        receiver.requests.map((request) => [request.answer, request.spans]),
        [['500', 6], ['500', 6], ['500', 6], ...Array.from({ length: RUNS }, () => ['accept', 6])],
      );
      assert.equal(receiver.spans.length, RUNS * 6);
      assert.deepEqual(new Set(receiver.spans.map(key)), expected);
      assert.equal((await retrying.status()).exportedSpans, RUNS * 6);
    });
  });
}
