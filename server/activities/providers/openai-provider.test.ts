import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { createOpenAiProvider } from './openai-provider.ts';
import { ProviderError } from './provider.ts';
import {
  openAiSse,
  recordingSleep,
  sampleRequest,
  startWireServer,
  type WireResponse,
  type WireServer,
} from './provider-testkit.ts';
import { requestHash } from './request-hash.ts';
import { createRetryingProvider } from './retrying-provider.ts';

/** A completion as the server streams it (the provider always streams). */
function completion(message: Record<string, unknown>, usage: Record<string, unknown> = {}): WireResponse {
  return openAiSse({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, ...usage },
  });
}

const toolCallAnswer = (argumentsJson: string) =>
  completion({
    content: 'Counting tickets by category.',
    tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'run_sql', arguments: argumentsJson } }],
  });

const openAiError = (status: number, headers: Record<string, string> = {}, code = 'x'): WireResponse => ({
  status,
  headers,
  body: { error: { message: `status ${status}`, type: 'error', code } },
});

describe('openai provider over HTTP', () => {
  let server: WireServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const provider = (url: string, timeoutMs = 5_000) =>
    createOpenAiProvider({ apiKey: 'sk-test', baseURL: `${url}/v1`, timeoutMs });

  it('sends the conversation and tools in the chat-completions format and reads a tool call', async () => {
    server = await startWireServer([toolCallAnswer('{"sql":"SELECT category, count(*) FROM tickets"}')]);
    const request = sampleRequest();
    const answer = await provider(server.url).reason(request, {});

    assert.deepEqual(answer.toolCalls, [
      { id: 'call_2', name: 'run_sql', argumentsJson: '{"sql":"SELECT category, count(*) FROM tickets"}' },
    ]);
    assert.equal(answer.text, 'Counting tickets by category.');
    assert.equal(answer.model, 'gpt-4o-mini-2024-07-18');
    assert.equal(answer.requestHash, requestHash(request));

    const [received] = server.requests;
    assert.equal(received?.path, '/v1/chat/completions');
    assert.equal(received?.headers.authorization, 'Bearer sk-test');
    assert.deepEqual(received?.body.messages, [
      { role: 'system', content: 'You are the Support Ticket Analyzer.' },
      { role: 'user', content: 'Summarise last month of tickets.' },
      {
        role: 'assistant',
        content: 'I will query the tickets.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'run_sql', arguments: '{"sql":"SELECT count(*) FROM tickets"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"rows":[{"count":42}]}' },
      { role: 'user', content: 'Keep going.' },
    ]);
    assert.deepEqual(received?.body.tools, [
      {
        type: 'function',
        function: {
          name: 'run_sql',
          description: 'Run a read-only SQL query.',
          parameters: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] },
        },
      },
    ]);
    assert.equal(received?.body.parallel_tool_calls, false);
    assert.equal(received?.body.temperature, 0);
    assert.equal(received?.body.max_tokens, 512, 'compatible endpoints get max_tokens');
  });

  it('reads a plain text answer and maps usage incl. cached and reasoning tokens to a cost', async () => {
    server = await startWireServer([
      completion(
        { content: 'All done.' },
        {
          prompt_tokens: 1_000,
          completion_tokens: 200,
          prompt_tokens_details: { cached_tokens: 400 },
          completion_tokens_details: { reasoning_tokens: 64 },
        },
      ),
    ]);
    const answer = await provider(server.url).reason(sampleRequest(), {});
    assert.equal(answer.text, 'All done.');
    assert.deepEqual(answer.toolCalls, []);
    assert.deepEqual(answer.usage, {
      inputTokens: 1_000,
      outputTokens: 200,
      cachedTokens: 400,
      reasoningTokens: 64,
    });
    // gpt-4o-mini: 600 × 0.15 + 400 × 0.075 + 200 × 0.60 per 1M tokens
    assert.ok(Math.abs(answer.costUsd - 0.00024) < 1e-12, `cost ${answer.costUsd}`);
    assert.ok(answer.latencyMs >= 0);
  });

  it('passes malformed tool arguments through raw for the engine to judge', async () => {
    server = await startWireServer([toolCallAnswer('{"sql": "SELECT')]);
    const answer = await provider(server.url).reason(sampleRequest(), {});
    assert.equal(answer.toolCalls[0]?.argumentsJson, '{"sql": "SELECT');
  });

  it('waits as long as retry-after says after a 429, then succeeds', async () => {
    server = await startWireServer([openAiError(429, { 'retry-after': '2' }), completion({ content: 'ok' })]);
    const { sleeps, sleep } = recordingSleep();
    const retries: number[] = [];
    const retrying = createRetryingProvider(provider(server.url), {
      sleep,
      onRetry: (event) => retries.push(event.attempt),
    });
    const answer = await retrying.reason(sampleRequest(), {});
    assert.equal(answer.text, 'ok');
    assert.deepEqual(sleeps, [2_000]);
    assert.deepEqual(retries, [1]);
    assert.equal(server.requests.length, 2);
  });

  it('prefers retry-after-ms over retry-after', async () => {
    server = await startWireServer([
      openAiError(429, { 'retry-after-ms': '150', 'retry-after': '9' }),
      completion({ content: 'ok' }),
    ]);
    const { sleeps, sleep } = recordingSleep();
    await createRetryingProvider(provider(server.url), { sleep }).reason(sampleRequest(), {});
    assert.deepEqual(sleeps, [150]);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    server = await startWireServer([openAiError(500), completion({ content: 'recovered' })]);
    const { sleeps, sleep } = recordingSleep();
    const retrying = createRetryingProvider(provider(server.url), { sleep, random: () => 0 });
    const answer = await retrying.reason(sampleRequest(), {});
    assert.equal(answer.text, 'recovered');
    assert.deepEqual(sleeps, [250], 'base 500 ms with the lowest jitter');
    assert.equal(server.requests.length, 2);
  });

  it('does not retry a 400', async () => {
    server = await startWireServer([openAiError(400), completion({ content: 'never' })]);
    const { sleeps, sleep } = recordingSleep();
    const retrying = createRetryingProvider(provider(server.url), { sleep });
    await assert.rejects(retrying.reason(sampleRequest(), {}), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.code, 'BAD_REQUEST');
      assert.equal(error.retryable, false);
      assert.equal(error.status, 400);
      return true;
    });
    assert.equal(server.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('classifies 401, insufficient quota, timeouts, non-JSON bodies and refused connections', async () => {
    server = await startWireServer([
      openAiError(401),
      openAiError(429, {}, 'insufficient_quota'),
      { ...completion({ content: 'late' }), delayMs: 2_000 },
      { rawBody: '<html>proxy login</html>' },
    ]);
    await assert.rejects(provider(server.url).reason(sampleRequest(), {}), {
      code: 'UNAUTHORIZED',
      retryable: false,
    });
    await assert.rejects(provider(server.url).reason(sampleRequest(), {}), {
      code: 'QUOTA_EXCEEDED',
      retryable: false,
    });
    await assert.rejects(provider(server.url, 100).reason(sampleRequest(), {}), {
      code: 'TIMEOUT',
      retryable: true,
    });
    const url = server.url;
    await server.close();
    server = undefined;
    await assert.rejects(provider(url).reason(sampleRequest(), {}), { code: 'NETWORK', retryable: true });
  });

  it('reports an abort as a non-retryable ABORTED error', async () => {
    server = await startWireServer([{ ...completion({ content: 'late' }), delayMs: 1_000 }]);
    const controller = new AbortController();
    const pending = provider(server.url).reason(sampleRequest(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, { code: 'ABORTED', retryable: false });
  });

  it('speaks to api.openai.com style: max_completion_tokens, no temperature for reasoning models', async () => {
    server = await startWireServer([completion({ content: 'ok' })]);
    // Without baseURL the SDK would call api.openai.com; route it to the local server instead.
    const local = server.url;
    const fetchToLocal: typeof fetch = (input, init) =>
      fetch(
        String(input instanceof Request ? input.url : input).replace('https://api.openai.com', local),
        init,
      );
    const official = createOpenAiProvider({ apiKey: 'sk-test', timeoutMs: 5_000, fetch: fetchToLocal });
    await official.reason(sampleRequest({ model: 'o4-mini' }), {});
    const body = server.requests[0]?.body;
    assert.equal(body.max_completion_tokens, 512);
    assert.equal(body.max_tokens, undefined);
    assert.equal(body.temperature, undefined);
  });
});
