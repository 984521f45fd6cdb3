import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  ContentBlockParam,
  Message,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageParam,
  RawMessageStreamEvent,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
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

/** Options of {@link createAnthropicProvider}. */
export interface AnthropicProviderOptions {
  apiKey: string;
  baseURL?: string;
  /** Per-attempt timeout; a timeout is a retryable `TIMEOUT` error. */
  timeoutMs: number;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Reasoning over the Anthropic Messages API with native tools: the system prompt goes in
 * `system`, tool calls are `tool_use` blocks, tool results `tool_result` blocks in a user turn.
 * The SDK's own retries are off (`maxRetries: 0`). Throws {@link ProviderError}.
 *
 * Usage follows OpenAI's convention so prices compare: `inputTokens` counts all prompt tokens
 * (`input_tokens` + cache reads + cache writes), `cachedTokens` the cache reads.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): ReasoningProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Explicit, so ambient ANTHROPIC_BASE_URL / ANTHROPIC_AUTH_TOKEN cannot change where or as
    // whom we call: main.ts owns the environment.
    baseURL: options.baseURL ?? 'https://api.anthropic.com',
    authToken: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    name: 'anthropic',
    async reason(request, { signal, onStream }) {
      const startedAt = performance.now();
      // The SDK's timeout ends at the response headers; this one covers the whole streamed answer.
      const deadline = streamSignal(options.timeoutMs, signal);
      const body = { ...toAnthropicBody(request), stream: true } as MessageCreateParamsStreaming;
      const answer = new AnthropicStreamAnswer();
      try {
        const stream = await client.messages.create(body, { signal: deadline.signal });
        try {
          for await (const event of stream) {
            const text = answer.add(event);
            if (text) onStream?.({ type: 'text', delta: text });
          }
        } catch (error) {
          throw deadline.ended('anthropic') ?? providerErrorFromStream('anthropic', error, Anthropic);
        }
        // The SDK ends the iteration quietly on abort: an answer cut short must not pass as whole.
        deadline.throwIfEnded('anthropic');
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw deadline.ended('anthropic') ?? providerErrorFromSdk('anthropic', error, Anthropic);
      } finally {
        deadline.dispose();
      }
      const message = answer.message();
      if (!message) {
        throw new ProviderError(
          ProviderErrorCode.Network,
          'anthropic: the stream ended before the answer was complete',
        );
      }
      return completeAnswer(request, fromAnthropicMessage(message, request), performance.now() - startedAt);
    },
  };
}

/**
 * Folds Messages API stream events into the message they stream: `message_start` gives the
 * message and input usage, `content_block_start`/`_delta` build each block (text joined, a
 * tool_use's `input_json_delta` pieces kept raw, so a malformed input reaches the engine as the
 * model wrote it), `message_delta` the final usage. Complete only after `message_stop`.
 */
export class AnthropicStreamAnswer {
  private started: Message | null = null;
  private readonly blocks = new Map<number, { block: ContentBlock; rawInput: string }>();
  private stopped = false;

  /** Takes one event; returns the visible text it added (for the live view). */
  add(event: RawMessageStreamEvent): string {
    switch (event.type) {
      case 'message_start':
        this.started = { ...event.message, content: [] };
        return '';
      case 'content_block_start':
        this.blocks.set(event.index, { block: { ...event.content_block } as ContentBlock, rawInput: '' });
        return '';
      case 'content_block_delta': {
        const entry = this.blocks.get(event.index);
        if (!entry) return '';
        if (event.delta.type === 'text_delta' && entry.block.type === 'text') {
          entry.block.text += event.delta.text;
          return event.delta.text;
        }
        if (event.delta.type === 'input_json_delta') entry.rawInput += event.delta.partial_json;
        return '';
      }
      case 'message_delta':
        if (this.started) {
          const usage = { ...this.started.usage };
          for (const [key, value] of Object.entries(event.usage ?? {}))
            if (value !== null && value !== undefined) (usage as Record<string, unknown>)[key] = value;
          this.started = {
            ...this.started,
            usage,
            stop_reason: event.delta.stop_reason ?? this.started.stop_reason,
          };
        }
        return '';
      case 'message_stop':
        this.stopped = true;
        return '';
      default:
        return '';
    }
  }

  /** The whole message, or null when the stream did not reach `message_stop`. */
  message(): Message | null {
    if (!this.started || !this.stopped) return null;
    const content = [...this.blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, { block, rawInput }]) =>
        block.type === 'tool_use' && rawInput !== ''
          ? ({ ...block, input: rawInput } as ContentBlock)
          : block,
      );
    return { ...this.started, content };
  }
}

/** Translates the provider-neutral request into a Messages API body. */
export function toAnthropicBody(
  request: ReasoningRequest,
): MessageCreateParamsNonStreaming & { temperature?: number } {
  const tools: Tool[] = request.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { type: 'object', ...tool.parameters },
  }));
  return {
    model: request.model,
    system: request.system,
    max_tokens: request.maxTokens,
    ...(acceptsTemperature(request.model) ? { temperature: request.temperature } : {}),
    messages: toAnthropicMessages(request.messages),
    ...(tools.length > 0 ? { tools } : {}),
  };
}

/**
 * Anthropic removed the sampling parameters from Opus 4.7 onwards (and SDK 1.x from its types):
 * those models answer 400 when `temperature` is present. It is sent only to the families known
 * to accept it; any other model gets its default.
 */
export function acceptsTemperature(model: string): boolean {
  return (
    /^claude-3/.test(model) ||
    /^claude-(sonnet|haiku)-4/.test(model) ||
    /^claude-opus-4(-[0156])?(-\d{8}|-latest)?$/.test(model)
  );
}

/**
 * Turns the conversation into alternating user/assistant turns: consecutive messages of the
 * same role (a tool result followed by a user nudge) merge into one turn, and empty text blocks,
 * which the API rejects, are dropped.
 */
function toAnthropicMessages(messages: ConversationMessage[]): MessageParam[] {
  const turns: { role: 'user' | 'assistant'; content: ContentBlockParam[] }[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(message);
    if (blocks.length === 0) continue;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  return turns;
}

function toBlocks(message: ConversationMessage): ContentBlockParam[] {
  switch (message.role) {
    case 'user':
      return message.content === '' ? [] : [{ type: 'text', text: message.content }];
    case 'tool':
      return [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }];
    case 'assistant': {
      const blocks: ContentBlockParam[] =
        message.content === '' ? [] : [{ type: 'text', text: message.content }];
      if (message.toolCall) {
        const { id, name, arguments: input } = message.toolCall;
        blocks.push({ type: 'tool_use', id, name, input });
      }
      return blocks;
    }
  }
}

/** Reads text, tool calls (arguments re-serialised, or passed raw when not an object) and usage. */
export function fromAnthropicMessage(message: Message, request: ReasoningRequest): AnswerParts {
  const texts: string[] = [];
  const toolCalls: AnswerParts['toolCalls'] = [];
  for (const block of message.content ?? []) {
    if (block.type === 'text') texts.push(block.text);
    if (block.type === 'tool_use') {
      const input: unknown = block.input;
      // A compatible server may send the input as a string; the engine judges it, raw.
      const argumentsJson = typeof input === 'string' ? input : JSON.stringify(input ?? {});
      toolCalls.push({ id: block.id, name: block.name, argumentsJson });
    }
  }
  const usage = message.usage;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  return {
    text: texts.join('\n'),
    toolCalls,
    model: message.model || request.model,
    usage: {
      inputTokens: (usage.input_tokens ?? 0) + cacheRead + cacheWrite,
      outputTokens: usage.output_tokens ?? 0,
      cachedTokens: cacheRead,
      reasoningTokens: usage.output_tokens_details?.thinking_tokens ?? 0,
    },
  };
}
