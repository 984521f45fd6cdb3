import OpenAI, { APIError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ConversationMessage, ReasoningRequest } from '../../engine/conversation.ts';
import { type AnswerParts, completeAnswer } from './model-answer.ts';
import {
  ProviderError,
  ProviderErrorCode,
  providerErrorFromSdk,
  type ReasoningProvider,
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
    async reason(request, { signal }) {
      const startedAt = performance.now();
      let completion: ChatCompletion;
      try {
        completion = await client.chat.completions.create(toOpenAiBody(request, officialApi), { signal });
      } catch (error) {
        if (isQuotaError(error)) {
          throw new ProviderError(ProviderErrorCode.QuotaExceeded, `openai: ${error.message}`, {
            status: 429,
            cause: error,
          });
        }
        throw providerErrorFromSdk('openai', error, OpenAI);
      }
      return completeAnswer(
        request,
        fromOpenAiCompletion(completion, request),
        performance.now() - startedAt,
      );
    },
  };
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
