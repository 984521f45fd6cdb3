import OpenAI, { APIError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ConversationMessage, ReasoningRequest } from '../../engine/conversation.ts';
import { type AnswerParts, completeAnswer } from './model-answer.ts';
import {
  ProviderError,
  ProviderErrorCode,
  providerErrorFromSdk,
  providerErrorFromStream,
  type ReasoningProvider,
  streamSignal,
} from './provider.ts';

/** Options of {@link createOpenAiProvider}. */
export interface OpenAiProviderOptions {
  apiKey: string;
  /** An OpenAI-compatible endpoint (Ollama `http://localhost:11434/v1`, vLLM, llama.cpp). */
  baseURL?: string;
  /** Per-attempt timeout; a timeout is a retryable `TIMEOUT` error. */
  timeoutMs: number;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Reasoning over OpenAI chat completions with native tool calling (`tools` of type function,
 * assistant `tool_calls`, `tool` messages with `tool_call_id`). Works against any
 * OpenAI-compatible endpoint via `baseURL`. The SDK's own retries are off (`maxRetries: 0`): the
 * retrying wrapper owns retries. Throws {@link ProviderError}.
 *
 * Against api.openai.com (no `baseURL`) it sends `max_completion_tokens` and leaves the
 * temperature out for reasoning models (o-series, gpt-5), which reject both `max_tokens` and a
 * non-default temperature; compatible servers get the classic `max_tokens`.
 */
export function createOpenAiProvider(options: OpenAiProviderOptions): ReasoningProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit, so an ambient OPENAI_BASE_URL cannot redirect calls: main.ts owns the environment.
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    timeout: options.timeoutMs,
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const officialApi = options.baseURL === undefined;

  return {
    name: 'openai',
    async reason(request, { signal, onStream }) {
      const startedAt = performance.now();
      // The SDK's timeout ends at the response headers; this one covers the whole streamed answer.
      const deadline = streamSignal(options.timeoutMs, signal);
      const body: ChatCompletionCreateParamsStreaming = {
        ...toOpenAiBody(request, officialApi),
        stream: true,
        stream_options: { include_usage: true },
      };
      const answer = new OpenAiStreamAnswer();
      try {
        const stream = await client.chat.completions.create(body, { signal: deadline.signal });
        try {
          for await (const chunk of stream) {
            const text = answer.add(chunk);
            if (text) onStream?.({ type: 'text', delta: text });
          }
        } catch (error) {
          throw deadline.ended('openai') ?? providerErrorFromStream('openai', error, OpenAI);
        }
        // The SDK ends the iteration quietly on abort: an answer cut short must not pass as whole.
        deadline.throwIfEnded('openai');
        if (!answer.finished) {
          throw new ProviderError(
            ProviderErrorCode.Network,
            'openai: the stream ended before the answer was complete',
          );
        }
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        if (isQuotaError(error)) {
          throw new ProviderError(ProviderErrorCode.QuotaExceeded, `openai: ${error.message}`, {
            status: 429,
            cause: error,
          });
        }
        throw deadline.ended('openai') ?? providerErrorFromSdk('openai', error, OpenAI);
      } finally {
        deadline.dispose();
      }
      return completeAnswer(
        request,
        fromOpenAiCompletion(answer.completion(request.model), request),
        performance.now() - startedAt,
      );
    },
  };
}

/**
 * Folds chat-completion chunks into the completion they stream: content and refusal joined, tool
 * calls assembled by `index` (id and name from their first chunk, arguments concatenated raw),
 * usage from the last chunk (`stream_options.include_usage`). Only the first choice is read.
 */
export class OpenAiStreamAnswer {
  private content = '';
  private refusal = '';
  private model = '';
  private usage: ChatCompletion['usage'] | undefined;
  private readonly calls = new Map<number, { id: string; name: string; arguments: string }>();
  /** Whether a chunk carried a `finish_reason` (a stream cut before it is incomplete). */
  finished = false;

  /** Takes one chunk; returns the visible text it added (for the live view). */
  add(chunk: ChatCompletionChunk): string {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    const choice = (chunk.choices ?? []).find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) return '';
    if (choice.finish_reason) this.finished = true;
    const delta = choice.delta ?? {};
    for (const call of delta.tool_calls ?? []) {
      const known = this.calls.get(call.index) ?? { id: '', name: '', arguments: '' };
      if (call.id) known.id = call.id;
      if (call.function?.name) known.name += call.function.name;
      if (call.function?.arguments !== undefined) known.arguments += rawArguments(call.function.arguments);
      this.calls.set(call.index, known);
    }
    if (delta.refusal) this.refusal += delta.refusal;
    if (!delta.content) return '';
    this.content += delta.content;
    return delta.content;
  }

  /** The completion the chunks made, in the non-streaming shape {@link fromOpenAiCompletion} reads. */
  completion(requestedModel: string): ChatCompletion {
    const toolCalls = [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        id: call.id || `call_${index}`,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      }));
    return {
      id: 'streamed',
      object: 'chat.completion',
      created: 0,
      model: this.model || requestedModel,
      choices: [
        {
          index: 0,
          finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
          logprobs: null,
          message: {
            role: 'assistant',
            content: this.content === '' && this.refusal !== '' ? null : this.content,
            refusal: this.refusal === '' ? null : this.refusal,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
        },
      ],
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}

/** A 429 with code `insufficient_quota` means "out of credit", which no retry fixes. */
function isQuotaError(error: unknown): error is APIError {
  return error instanceof APIError && error.status === 429 && error.code === 'insufficient_quota';
}

const reasoningModel = /^(o\d|gpt-5)/;

/** Translates the provider-neutral request into a chat-completions body. */
export function toOpenAiBody(
  request: ReasoningRequest,
  officialApi: boolean,
): ChatCompletionCreateParamsNonStreaming {
  const tools: ChatCompletionTool[] = request.tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
  const fixedTemperature = officialApi && reasoningModel.test(request.model);
  return {
    model: request.model,
    messages: [{ role: 'system', content: request.system }, ...request.messages.map(toOpenAiMessage)],
    ...(fixedTemperature ? {} : { temperature: request.temperature }),
    ...(officialApi ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
    // The conversation carries one tool call per assistant turn, so ask for one at a time.
    ...(tools.length > 0 ? { tools, parallel_tool_calls: false } : {}),
  };
}

function toOpenAiMessage(message: ConversationMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant':
      if (!message.toolCall) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: [
          {
            id: message.toolCall.id,
            type: 'function',
            function: { name: message.toolCall.name, arguments: JSON.stringify(message.toolCall.arguments) },
          },
        ],
      };
  }
}

/** Reads text, raw tool calls and usage (incl. cached and reasoning tokens) from a completion. */
export function fromOpenAiCompletion(completion: ChatCompletion, request: ReasoningRequest): AnswerParts {
  // Compatible servers are not always complete: guard what the types promise.
  const message = (completion.choices ?? [])[0]?.message;
  if (!message) {
    throw new ProviderError(ProviderErrorCode.InvalidResponse, 'openai: the completion has no choices');
  }
  const toolCalls = (message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function'
      ? [{ id: call.id, name: call.function.name, argumentsJson: rawArguments(call.function.arguments) }]
      : [],
  );
  const usage = completion.usage;
  return {
    text: message.content ?? message.refusal ?? '',
    toolCalls,
    model: completion.model || request.model,
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
      reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    },
  };
}

/** Some compatible servers send arguments as an object instead of a JSON string. */
function rawArguments(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}
