// OpenTelemetry run trace export (server/telemetry/), on the PostgreSQL server, to a local OTLP/HTTP
// receiver that only counts spans:
//  1. throughput: spans/s exporting a log of BENCH_EVENTS (default 1,000,000) schema-valid run events
//     (runs of 6 events: RunStarted, a tool step, a finishing step, RunCompleted → 6 spans a run),
//     seeded in SQL in large batches;
//  2. lag: the exporter's distance behind the log (events, sampled every 100 ms) while the engine
//     drives BENCH_LAG_RUNS (default 500) concurrent runs of 3 steps in the same process, and how long
//     it takes to catch up once they end.
// Usage: npx tsx bench/otel-export.ts   (BENCH_EVENTS=60000 for a quick run)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { z } from 'zod';
import { eventCatalogue } from '../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../server/activities/providers/fake-provider.ts';
import { defineTool } from '../server/activities/tools/tool.ts';
import { loadConfig } from '../server/config.ts';
import { stepsLeftOut } from '../server/engine/conversation-builder.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { createPlatform } from '../server/platform.ts';
import { createExportResource } from '../server/telemetry/otlp-export.ts';
import { createRunTraceExporter } from '../server/telemetry/run-trace-exporter.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { envNumber, instantModel, percentile, report } from './bench-kit.ts';

const EVENTS_PER_RUN = 6;
const SPANS_PER_RUN = 6;
const total = envNumber('BENCH_EVENTS', 1_000_000);
const lagRuns = envNumber('BENCH_LAG_RUNS', 500);
const deadlineMs = envNumber('BENCH_TIMEOUT_MS', 30 * 60_000);

/** An OTLP/HTTP receiver on 127.0.0.1 that counts the spans of each JSON request and answers 200. */
async function startCountingReceiver() {
  let spans = 0;
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      // `"spanId"` (with its quotes) is the key of each span; `"parentSpanId"` does not contain it.
      for (let at = body.indexOf('"spanId"'); at !== -1; at = body.indexOf('"spanId"', at + 1)) spans++;
      requests++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => spans,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Event g of the log: run g / 6, its (g % 6)-th event, recorded 1 ms after the one before.
const SEED_SQL = `
INSERT INTO es.events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
SELECT 'run-' || r.id, g % ${EVENTS_PER_RUN}, gen_random_uuid(),
       (ARRAY['RunStarted','ReasoningCompleted','ToolCallStarted','ToolCallSucceeded','ReasoningCompleted','RunCompleted'])[g % 6 + 1],
       CASE g % 6
         WHEN 0 THEN jsonb_build_object('runId', r.id, 'agentId', '01930000-0000-7000-8000-00000000a9e7',
           'agentVersion', 1, 'inputs', jsonb_build_object('goal', 'bench ' || g / 6),
           'agent', jsonb_build_object('name', 'bench', 'purpose', 'bench', 'tools', jsonb_build_array('echo'),
             'llm', jsonb_build_object('provider', 'openai', 'model', 'gpt-4o-mini'),
             'systemPrompt', '', 'policyIds', '[]'::jsonb, 'budget', '{}'::jsonb))
         WHEN 1 THEN jsonb_build_object('step', 1, 'thought', 'Echo it.',
           'action', jsonb_build_object('tool', 'echo', 'params', jsonb_build_object('text', 'hi')),
           'model', 'gpt-4o-mini', 'costUsd', 0.00012, 'latencyMs', 350, 'requestHash', 'bench',
           'usage', jsonb_build_object('inputTokens', 812, 'outputTokens', 64, 'cachedTokens', 512, 'reasoningTokens', 0))
         WHEN 2 THEN jsonb_build_object('step', 1, 'callId', r.call, 'tool', 'echo',
           'params', jsonb_build_object('text', 'hi'), 'idempotent', true)
         WHEN 3 THEN jsonb_build_object('callId', r.call, 'result', 'hi', 'durationMs', 3)
         WHEN 4 THEN jsonb_build_object('step', 2, 'thought', 'Done.',
           'finish', jsonb_build_object('output', 'hi'),
           'model', 'gpt-4o-mini', 'costUsd', 0.00013, 'latencyMs', 300, 'requestHash', 'bench',
           'usage', jsonb_build_object('inputTokens', 900, 'outputTokens', 12, 'cachedTokens', 812, 'reasoningTokens', 0))
         ELSE jsonb_build_object('output', 'hi', 'totals', jsonb_build_object('steps', 2, 'inputTokens', 1712,
           'outputTokens', 76, 'costUsd', 0.00025, 'wallTimeMs', 700))
       END,
       '{"schemaVersion":1,"actor":"bench"}'::jsonb,
       timestamptz '2026-01-01T00:00:00Z' + g * interval '1 millisecond'
  FROM generate_series($1::bigint, $2::bigint) AS g,
       LATERAL (SELECT '01930000-0000-7000-8000-' || lpad(to_hex(g / 6), 12, '0') AS id,
                       '01930000-0000-7000-9000-' || lpad(to_hex(g / 6), 12, '0') AS call) AS r`;

async function measureThroughput() {
  const runs = Math.floor(total / EVENTS_PER_RUN);
  const events = runs * EVENTS_PER_RUN;
  const test = await createTestDatabase('spark_bench_otel');
  const receiver = await startCountingReceiver();
  try {
    const store = await createPostgresEventStore({ db: test.db, catalogue: eventCatalogue, batchSize: 5000 });
    const seedStarted = performance.now();
    const perTx = 100_002; // a multiple of 6: no run is cut between two transactions
    for (let offset = 0; offset < events; offset += perTx) {
      await test.db.query(SEED_SQL, [offset, Math.min(events, offset + perTx) - 1]);
    }
    await test.db.query('VACUUM ANALYZE es.events');
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const exporter = createRunTraceExporter({
      store,
      db: test.db,
      exporter: new OTLPTraceExporter({ url: `${receiver.url}/v1/traces` }),
      resource: createExportResource(),
      logger: silentLogger,
      batchSize: 5000,
    });
    const started = performance.now();
    await exporter.start();
    await until(() => receiver.spans() >= runs * SPANS_PER_RUN, 'every span');
    const seconds = (performance.now() - started) / 1000;
    await until(async () => (await exporter.status()).caughtUp, 'the checkpoint to reach the head');
    await exporter.stop();
    await store.close();
    report({
      bench: 'otel_export',
      figure: 'throughput',
      store: 'postgres-server',
      protocol: 'http/json',
      events,
      runs,
      spans: receiver.spans(),
      requests: receiver.requests(),
      seconds: Number(seconds.toFixed(1)),
      spans_per_s: Math.round(receiver.spans() / seconds),
      events_per_s: Math.round(events / seconds),
      seed_seconds: Number(seedSeconds.toFixed(1)),
    });
  } finally {
    await receiver.close();
    await test.drop();
  }
}

async function measureLag() {
  const test = await createTestDatabase('spark_bench_otel_lag');
  const receiver = await startCountingReceiver();
  // The platform reads OTEL_* from the environment, as `npm start` does.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  try {
    const model = instantModel((request) => {
      const done = request.messages.filter((message) => message.role === 'tool').length;
      const goal = String((request.messages[0] as { content?: unknown } | undefined)?.content ?? '');
      return done + stepsLeftOut(goal) < 3 ? fakeToolCall('noop', { i: done }) : fakeFinish('done');
    });
    const platform = await createPlatform(
      loadConfig({
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      }),
      {
        logger: silentLogger,
        db: test.db,
        reasoning: model,
        tools: [
          defineTool({
            name: 'noop',
            description: 'Does nothing',
            inputSchema: z.object({ i: z.number() }),
            defaultRisk: 'LOW',
            timeoutMs: 1000,
            idempotent: true,
            run: async ({ i }) => `ok ${i}`,
          }),
        ],
        worker: false,
        seedDemo: false,
      },
    );
    const traceExport = platform.traceExport;
    if (!traceExport) throw new Error('The trace export did not start');
    const { agent } = await platform.agents.create(
      {
        name: 'bench',
        purpose: 'bench',
        llm: { provider: 'openai', model: 'fake' },
        tools: ['noop'],
        systemPrompt: '',
      },
      { id: 'bench' },
    );
    const samples: number[] = [];
    let loading = true;
    const sampler = (async () => {
      while (loading) {
        samples.push((await traceExport.status()).eventsBehind);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: lagRuns }, async () => {
        const { runId } = await platform.runs.start(
          { agentId: agent.agentId, inputs: { goal: 'go' } },
          { id: 'bench' },
        );
        await platform.drive(runId, new AbortController().signal);
      }),
    );
    const loadMs = performance.now() - started;
    loading = false;
    await sampler;
    const ended = performance.now();
    await until(async () => (await traceExport.status()).caughtUp, 'the export to catch up');
    await until(() => receiver.spans() >= lagRuns * 5, 'the last runs’ spans');
    const catchUpMs = performance.now() - ended;
    const head = await platform.storage.store.countAfter(null, 10_000_000);
    await platform.close();
    report({
      bench: 'otel_export',
      figure: 'lag_during_engine_load',
      store: 'postgres-server',
      runs: lagRuns,
      steps_per_run: 3,
      events: head,
      load_seconds: Number((loadMs / 1000).toFixed(1)),
      events_per_s_appended: Math.round(head / (loadMs / 1000)),
      lag_events_p50: percentile(samples, 50),
      lag_events_p95: percentile(samples, 95),
      lag_events_max: Math.max(0, ...samples),
      catch_up_ms_after_load: Math.round(catchUpMs),
      spans: receiver.spans(),
    });
  } finally {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    await receiver.close();
    await test.drop();
  }
}

await measureThroughput();
await measureLag();
