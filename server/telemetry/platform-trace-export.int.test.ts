import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { runStream } from '../../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import {
  type GraphQLBody,
  startTestApi,
  type TestApi,
  waitForPendingApproval,
  waitForRunStatus,
} from '../graphql/api-testkit.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../testkit/otlp-receiver.ts';
import { createTestDatabase } from '../testkit/postgres.ts';

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

describe('a run driven through the platform is exported as a trace (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let t: TestApi;
  let receiver: OtlpReceiver;
  let drop: () => Promise<void>;
  let runId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // The OTLP exporter and the resource read these from the process environment themselves.
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=backend-secret',
      OTEL_SERVICE_NAME: 'spark-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
    };
    for (const [name, value] of Object.entries(otel)) vi.stubEnv(name, value);
    const target = await createTestDatabase('spark_otel');
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      env: otel,
      script: [
        {
          ...fakeToolCall('echo', { text: 'hi' }),
          usage: { inputTokens: 900, outputTokens: 120, cachedTokens: 600, reasoningTokens: 80 },
          costUsd: 0.0004,
          latencyMs: 250,
        },
        {
          ...fakeFinish('done'),
          usage: { inputTokens: 1100, outputTokens: 30, cachedTokens: 0, reasoningTokens: 0 },
          costUsd: 0.0002,
          latencyMs: 150,
        },
      ],
    });
    const admin = await t.tokenFor('admin');
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      dataOf((await t.gql(query, variables, { token: admin })).body);
    const created = await gql(
      `mutation { createAgent(input: { name: "Echoer", purpose: "p", llmProvider: OPENAI, llmModel: "gpt-4o-mini",
         tools: ["echo"], systemPrompt: "" }) { id } }`,
    );
    const agentId = (created.createAgent as { id: string }).id;
    const started = await gql(
      'mutation($id: ID!) { startRun(input: { agentId: $id, inputs: { goal: "g" } }) { id } }',
      { id: agentId },
    );
    runId = (started.startRun as { id: string }).id;
    await waitForRunStatus(t, admin, runId, ['WAITING_FOR_APPROVAL']);
    const approval = await waitForPendingApproval(t, admin, runId);
    await gql('mutation($id: ID!) { approveHitlRequest(id: $id) { status } }', { id: approval });
    await waitForRunStatus(t, admin, runId, ['COMPLETED']);
  }, 120_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t?.close();
    await drop?.();
    await receiver?.close();
  });

  it('sends the run, its steps, LLM calls and tool call as one span tree with GenAI attributes', async () => {
    await receiver.waitForSpans(6);
    const spans = receiver.spans;
    const traceId = runId.replaceAll('-', '');
    assert.ok(spans.every((span) => span.traceId === traceId));
    const [run, ...rest] = spans;
    assert.ok(run);
    const childrenOf = (parent: ReceivedSpan) => rest.filter((span) => span.parentSpanId === parent.spanId);
    assert.equal(run.name, 'invoke_agent Echoer');
    assert.equal(run.parentSpanId, null);
    const steps = childrenOf(run);
    assert.deepEqual(
      steps.map((step) => [step.name, childrenOf(step).map((span) => span.name)]),
      [
        ['step 1', ['chat gpt-4o-mini', 'execute_tool echo']],
        ['step 2', ['chat gpt-4o-mini']],
      ],
    );
    assert.equal(spans.length, 6);
    const [chat, tool] = childrenOf(steps[0] as ReceivedSpan) as [ReceivedSpan, ReceivedSpan];
    assert.deepEqual(
      Object.fromEntries(
        [
          'gen_ai.operation.name',
          'gen_ai.provider.name',
          'gen_ai.request.model',
          'gen_ai.usage.input_tokens',
          'gen_ai.usage.output_tokens',
          'gen_ai.usage.cache_read.input_tokens',
          'gen_ai.usage.reasoning.output_tokens',
          'gen_ai.conversation.id',
        ].map((name) => [name, chat.attributes[name]]),
      ),
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 900,
        'gen_ai.usage.output_tokens': 120,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.reasoning.output_tokens': 80,
        'gen_ai.conversation.id': runId,
      },
    );
    assert.equal(chat.kind, 3, 'an LLM call is a CLIENT span');
    assert.equal(chat.endMs - chat.startMs, 250, 'the call lasts its recorded latency');
    assert.deepEqual(
      [
        tool.attributes['gen_ai.operation.name'],
        tool.attributes['gen_ai.tool.name'],
        tool.attributes['spark.tool.outcome'],
      ],
      ['execute_tool', 'echo', 'succeeded'],
    );
    assert.deepEqual(
      [
        run.attributes['gen_ai.operation.name'],
        run.attributes['gen_ai.usage.input_tokens'],
        run.attributes['spark.run.outcome'],
      ],
      ['invoke_agent', 2000, 'RunCompleted'],
    );
    assert.ok(
      (steps[0] as ReceivedSpan).events.some((event) => event.name === 'approval_granted'),
      'the approval is an event of its step',
    );
    // Times are the log's: the run span ends when RunCompleted was recorded.
    const events = await t.store.readStream(runStream(runId));
    assert.equal(run.startMs, events[0]?.recordedAt.getTime());
    assert.equal(run.endMs, events.at(-1)?.recordedAt.getTime());
  });

  it('honours the standard OTEL_* variables: service name, resource attributes, headers', async () => {
    await receiver.waitForSpans(6);
    const [span] = receiver.spans;
    assert.equal(span?.resource['service.name'], 'spark-test');
    assert.equal(span?.resource['deployment.environment'], 'test');
    assert.equal(span?.scope, 'spark-ops.run-trace-export');
    assert.ok(receiver.requests.every((request) => request.headers['x-api-key'] === 'backend-secret'));
  });

  it('reports its lag on /ready', async () => {
    await receiver.waitForSpans(6);
    const ready = (await (await fetch(`${t.url}/ready`)).json()) as {
      reactors: { name: string; eventsBehind: number; caughtUp: boolean }[];
    };
    assert.deepEqual(
      ready.reactors.map((reactor) => reactor.name),
      ['otel-export'],
    );
    assert.equal(typeof ready.reactors[0]?.eventsBehind, 'number');
  });
});
