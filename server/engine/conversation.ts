/**
 * The provider-neutral conversation the engine builds from a run's events and every reasoning
 * provider translates into its own wire format (OpenAI chat tool calls, Anthropic tool_use blocks).
 */
export type ConversationMessage =
  | { role: 'user'; content: string }
  | {
      role: 'assistant';
      content: string;
      toolCall?: { id: string; name: string; arguments: Record<string, unknown> };
    }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string };

/** A tool as offered to the model: JSON Schema parameters derived from the tool's zod schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Name of the pseudo-tool a model calls to end the run with its output. */
export const FINISH_TOOL = 'finish';

/** One reasoning request, everything a provider needs and nothing provider-specific. */
export interface ReasoningRequest {
  provider: 'openai' | 'anthropic' | 'demo';
  model: string;
  temperature: number;
  maxTokens: number;
  system: string;
  messages: ConversationMessage[];
  tools: ToolSpec[];
}

/** What a provider answered, before the engine decides whether the answer is usable. */
export interface ModelAnswer {
  /** The model's visible text (its thought when it also calls a tool). */
  text: string;
  /** Native tool calls; arguments are the raw JSON string the model produced (may be malformed). */
  toolCalls: { id: string; name: string; argumentsJson: string }[];
  model: string;
  usage: { inputTokens: number; outputTokens: number; cachedTokens: number; reasoningTokens: number };
  costUsd: number;
  latencyMs: number;
  requestHash: string;
}
