import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { acceptsTemperature, createAnthropicProvider } from './anthropic-provider.ts';
import { ProviderError } from './provider.ts';
import {
  anthropicSse,
  recordingSleep,
  sampleRequest,
  startWireServer,
  type WireResponse,
  type WireServer,
} from './provider-testkit.ts';
import { createRetryingProvider } from './retrying-provider.ts';

/** A message as the server streams it (the provider always streams). */
function message(content: unknown[], usage: Record<string, unknown> = {}): WireResponse {
  return anthropicSse({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5, ...usage },
  });
}

const anthropicError = (status: number, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers,
  body: { type: 'error', error: { type: 'api_error', message: `status ${status}` } },
});

const request = (model = 'claude-sonnet-4-5') => sampleRequest({ provider: 'anthropic', model });

describe('anthropic provider over HTTP', () => {
  let server: WireServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const provider = (url: string) =>
    createAnthropicProvider({ apiKey: 'sk-ant-test', baseURL: url, timeoutMs: 5_000 });

  it('sends system, tool_use and tool_result blocks in the Messages format and reads a tool_use', async () => {
    server = await startWireServer([
      message([
        { type: 'text', text: 'Counting by category.' },
        { type: 'tool_use', id: 'toolu_2', name: 'run_sql', input: { sql: 'SELECT category FROM tickets' } },
      ]),
    ]);
    const answer = await provider(server.url).reason(request(), {});
    assert.equal(answer.text, 'Counting by category.');
    assert.deepEqual(answer.toolCalls, [
      { id: 'toolu_2', name: 'run_sql', argumentsJson: '{"sql":"SELECT category FROM tickets"}' },
    ]);
    assert.equal(answer.model, 'claude-sonnet-4-5-20250929');

    const [received] = server.requests;
    assert.equal(received?.path, '/v1/messages');
    // SDK 1.x sends the API key as a bearer token (0.x used x-api-key).
    assert.equal(received?.headers.authorization, 'Bearer sk-ant-test');
    assert.ok(received?.headers['anthropic-version']);
    assert.equal(received?.body.system, 'You are the Support Ticket Analyzer.');
    assert.equal(received?.body.max_tokens, 512);
    assert.equal(received?.body.temperature, 0);
    assert.deepEqual(received?.body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Summarise last month of tickets.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'I will query the tickets.' },
          { type: 'tool_use', id: 'call_1', name: 'run_sql', input: { sql: 'SELECT count(*) FROM tickets' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '{"rows":[{"count":42}]}' },
          { type: 'text', text: 'Keep going.' },
        ],
      },
    ]);
    assert.deepEqual(received?.body.tools, [
      {
        name: 'run_sql',
        description: 'Run a read-only SQL query.',
        input_schema: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] },
      },
    ]);
  });

  it('reads a plain text answer and counts cache reads and writes as input', async () => {
    server = await startWireServer([
      message([{ type: 'text', text: 'All done.' }], {
        input_tokens: 100,
        output_tokens: 50,
        cache_read_input_tokens: 900,
        cache_creation_input_tokens: 0,
        output_tokens_details: { thinking_tokens: 20 },
      }),
    ]);
    const answer = await provider(server.url).reason(request(), {});
    assert.equal(answer.text, 'All done.');
    assert.deepEqual(answer.toolCalls, []);
    assert.deepEqual(answer.usage, {
      inputTokens: 1_000,
      outputTokens: 50,
      cachedTokens: 900,
      reasoningTokens: 20,
    });
    // claude-sonnet-4-5: 100 × 3 + 900 × 0.30 + 50 × 15 per 1M tokens
    assert.ok(Math.abs(answer.costUsd - 0.00132) < 1e-12, `cost ${answer.costUsd}`);
  });

  it('passes a tool input that is not an object through raw', async () => {
    server = await startWireServer([
      message([{ type: 'tool_use', id: 't', name: 'run_sql', input: '{"sql": "SEL' }]),
    ]);
    const answer = await provider(server.url).reason(request(), {});
    assert.equal(answer.toolCalls[0]?.argumentsJson, '{"sql": "SEL');
  });

  it('leaves temperature out for models that reject it', async () => {
    server = await startWireServer([message([{ type: 'text', text: 'ok' }])]);
    await provider(server.url).reason(request('claude-opus-4-7'), {});
    assert.equal(server.requests[0]?.body.temperature, undefined);
    assert.equal(acceptsTemperature('claude-opus-4-1-20250805'), true);
    assert.equal(acceptsTemperature('claude-opus-4-20250514'), true);
    assert.equal(acceptsTemperature('claude-3-5-haiku-latest'), true);
    assert.equal(acceptsTemperature('claude-opus-4-8'), false);
  });

  it('waits as long as retry-after says after a 429, then succeeds', async () => {
    server = await startWireServer([
      anthropicError(429, { 'retry-after': '3' }),
      message([{ type: 'text', text: 'ok' }]),
    ]);
    const { sleeps, sleep } = recordingSleep();
    const retries: number[] = [];
    const retrying = createRetryingProvider(provider(server.url), {
      sleep,
      onRetry: (e) => retries.push(e.attempt),
    });
    const answer = await retrying.reason(request(), {});
    assert.equal(answer.text, 'ok');
    assert.deepEqual(sleeps, [3_000]);
    assert.deepEqual(retries, [1]);
    assert.equal(server.requests.length, 2);
  });

  it('retries an overloaded 529 and a 500, then succeeds', async () => {
    server = await startWireServer([
      anthropicError(529),
      anthropicError(500),
      message([{ type: 'text', text: 'ok' }]),
    ]);
    const { sleeps, sleep } = recordingSleep();
    const answer = await createRetryingProvider(provider(server.url), { sleep, random: () => 0 }).reason(
      request(),
      {},
    );
    assert.equal(answer.text, 'ok');
    assert.deepEqual(sleeps, [250, 500]);
    assert.equal(server.requests.length, 3);
  });

  it('does not retry a 400', async () => {
    server = await startWireServer([anthropicError(400), message([{ type: 'text', text: 'never' }])]);
    const { sleeps, sleep } = recordingSleep();
    await assert.rejects(
      createRetryingProvider(provider(server.url), { sleep }).reason(request(), {}),
      (error) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.code, 'BAD_REQUEST');
        assert.equal(error.retryable, false);
        assert.equal(error.status, 400);
        return true;
      },
    );
    assert.equal(server.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });
});
