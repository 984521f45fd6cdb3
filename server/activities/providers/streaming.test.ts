import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { createAnthropicProvider } from './anthropic-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import { type AnswerStreamEvent, ProviderError, type ReasoningProvider } from './provider.ts';
import {
  anthropicSse,
  openAiSse,
  recordingSleep,
  sampleRequest,
  startWireServer,
  type WireServer,
} from './provider-testkit.ts';
import { createRetryingProvider } from './retrying-provider.ts';

const THOUGHT = 'I will count the tickets by category first.';

const openAiCompletion = {
  id: 'chatcmpl-9',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: THOUGHT,
        tool_calls: [
          {
            id: 'call_7',
            type: 'function',
            function: { name: 'run_sql', arguments: '{"sql":"SELECT category, count(*) FROM tickets"}' },
          },
        ],
      },
    },
  ],
  usage: {
    prompt_tokens: 120,
    completion_tokens: 30,
    total_tokens: 150,
    prompt_tokens_details: { cached_tokens: 100 },
    completion_tokens_details: { reasoning_tokens: 8 },
  },
};

const anthropicMessage = {
  id: 'msg_9',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5-20251001',
  content: [
    { type: 'text', text: THOUGHT },
    {
      type: 'tool_use',
      id: 'toolu_7',
      name: 'run_sql',
      input: { sql: 'SELECT category, count(*) FROM tickets' },
    },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: {
    input_tokens: 20,
    output_tokens: 30,
    cache_read_input_tokens: 100,
    cache_creation_input_tokens: 0,
  },
};

/** Records what a call streamed, and when relative to its answer. */
function recorder() {
  const events: AnswerStreamEvent[] = [];
  return {
    events,
    onStream: (event: AnswerStreamEvent) => events.push(event),
    text: () => events.reduce((text, event) => (event.type === 'restart' ? '' : text + event.delta), ''),
  };
}

const protocols: {
  name: string;
  make(url: string, timeoutMs?: number): ReasoningProvider;
  stream: typeof openAiSse;
  answer: unknown;
  model: string;
  path: string;
}[] = [
  {
    name: 'OpenAI chat completions',
    make: (url, timeoutMs = 5_000) =>
      createOpenAiProvider({ apiKey: 'sk-test', baseURL: `${url}/v1`, timeoutMs }),
    stream: openAiSse,
    answer: openAiCompletion,
    model: 'gpt-4o-mini',
    path: '/v1/chat/completions',
  },
  {
    name: 'Anthropic Messages',
    make: (url, timeoutMs = 5_000) => createAnthropicProvider({ apiKey: 'sk-ant', baseURL: url, timeoutMs }),
    stream: anthropicSse,
    answer: anthropicMessage,
    model: 'claude-haiku-4-5',
    path: '/v1/messages',
  },
];

for (const protocol of protocols) {
  describe(`streaming over the ${protocol.name} protocol`, () => {
    let server: WireServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    const request = () =>
      sampleRequest({
        provider: protocol.name.startsWith('OpenAI') ? 'openai' : 'anthropic',
        model: protocol.model,
      });

    it('asks for a stream, reports the thought piece by piece, and answers from the whole stream', async () => {
      server = await startWireServer([protocol.stream(protocol.answer, { eventDelayMs: 5 })]);
      const seen = recorder();
      const answer = await protocol.make(server.url).reason(request(), { onStream: seen.onStream });

      assert.equal(server.requests[0]?.path, protocol.path);
      assert.equal(server.requests[0]?.body.stream, true);
      assert.ok(seen.events.length >= 8, `the thought came in pieces (${seen.events.length})`);
      assert.equal(seen.text(), THOUGHT);
      assert.equal(answer.text, THOUGHT, 'the answer is the record, equal to what streamed');
      assert.deepEqual(
        answer.toolCalls.map(({ name, argumentsJson }) => ({ name, args: JSON.parse(argumentsJson) })),
        [{ name: 'run_sql', args: { sql: 'SELECT category, count(*) FROM tickets' } }],
      );
      assert.deepEqual(answer.usage, {
        inputTokens: 120,
        outputTokens: 30,
        cachedTokens: 100,
        reasoningTokens: protocol.name.startsWith('OpenAI') ? 8 : 0,
      });
      assert.ok(answer.costUsd > 0, 'priced from the streamed usage');
    });

    it('a stream that breaks mid-answer is a retryable NETWORK error', async () => {
      server = await startWireServer([protocol.stream(protocol.answer, { breakAfter: 5, eventDelayMs: 5 })]);
      const seen = recorder();
      await assert.rejects(
        protocol.make(server.url).reason(request(), { onStream: seen.onStream }),
        (error) => {
          assert.ok(error instanceof ProviderError, String(error));
          assert.equal(error.code, 'NETWORK');
          assert.equal(error.retryable, true);
          return true;
        },
      );
      assert.ok(seen.text().length > 0 && seen.text() !== THOUGHT, 'part of the thought had streamed');
    });

    it('the retrying wrapper starts over after a broken stream, and the live text restarts with it', async () => {
      server = await startWireServer([
        protocol.stream(protocol.answer, { breakAfter: 5, eventDelayMs: 5 }),
        protocol.stream(protocol.answer),
      ]);
      const { sleeps, sleep } = recordingSleep();
      const seen = recorder();
      const answer = await createRetryingProvider(protocol.make(server.url), { sleep }).reason(request(), {
        onStream: seen.onStream,
      });
      assert.equal(server.requests.length, 2);
      assert.equal(sleeps.length, 1);
      const restart = seen.events.findIndex((event) => event.type === 'restart');
      assert.ok(restart > 0, 'text of the first attempt, then a restart');
      assert.equal(seen.text(), THOUGHT, 'after the restart, exactly the second attempt’s text');
      assert.equal(answer.text, THOUGHT);
    });

    it('a stream that stalls past the timeout is a retryable TIMEOUT, an abort a non-retryable ABORTED', async () => {
      server = await startWireServer([
        protocol.stream(protocol.answer, { eventDelayMs: 400 }),
        protocol.stream(protocol.answer, { eventDelayMs: 400 }),
      ]);
      await assert.rejects(protocol.make(server.url, 600).reason(request(), {}), {
        code: 'TIMEOUT',
        retryable: true,
      });
      const controller = new AbortController();
      const call = protocol.make(server.url).reason(request(), {
        signal: controller.signal,
        onStream: () => controller.abort(),
      });
      await assert.rejects(call, { code: 'ABORTED', retryable: false });
    });
  });
}

describe('stream error events', () => {
  let server: WireServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('an Anthropic `error` event mid-stream (overloaded) is a retryable SERVER_ERROR', async () => {
    const stream = anthropicSse(anthropicMessage);
    const events = [
      ...(stream.events ?? []).slice(0, 3),
      `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`,
    ];
    server = await startWireServer([{ events }]);
    const provider = createAnthropicProvider({ apiKey: 'k', baseURL: server.url, timeoutMs: 5_000 });
    await assert.rejects(
      provider.reason(sampleRequest({ provider: 'anthropic', model: 'claude-haiku-4-5' }), {}),
      {
        code: 'SERVER_ERROR',
        retryable: true,
      },
    );
  });

  it('an OpenAI-compatible server that ends the stream without a finish reason is incomplete, not an answer', async () => {
    const stream = openAiSse(openAiCompletion);
    server = await startWireServer([{ events: [...(stream.events ?? []).slice(0, 5)] }]);
    const provider = createOpenAiProvider({ apiKey: 'k', baseURL: `${server.url}/v1`, timeoutMs: 5_000 });
    await assert.rejects(provider.reason(sampleRequest(), {}), { code: 'NETWORK', retryable: true });
  });
});
