// Builds the provider-neutral conversation for the next LLM call from a run's folded history.
import { type ConversationMessage, FINISH_TOOL, type ToolSpec } from './conversation.ts';
import { describeNotes, describeOutcome, jsonForPrompt, truncate } from './prompt-text.ts';
import type { RunState, StepRecord } from './run-state.ts';

/** A memory retrieved for the prompt, with its similarity score (higher is closer). */
export interface RetrievedMemory {
  /** Recorded with the reasoning event (`recalled`), so `Run.memoriesAt` can say what was known. */
  memoryId: string;
  text: string;
  score: number;
}

/** The conversation for one reasoning request: system prompt and messages. */
export interface Conversation {
  system: string;
  messages: ConversationMessage[];
}

/** At most this many memories go into the system prompt, each at most `MAX_MEMORY_CHARS`. */
export const MAX_MEMORIES = 8;
const MAX_MEMORY_CHARS = 500;
/**
 * The conversation carries at most this many of the latest steps; earlier ones reach the model
 * only through the memories it is given. Without a window, a long run's prompt grows with every
 * step until no model's context holds it (and each step costs more to send than the one before).
 */
export const MAX_CONVERSATION_STEPS = 40;
const MAX_RAW_ANSWER_CHARS = 2000;

/** The pseudo-tool that ends the run; offer it with the agent's tools on every reasoning request. */
export const FINISH_TOOL_SPEC: ToolSpec = {
  name: FINISH_TOOL,
  description: 'End the run with your final answer. Call it once you have everything the goal asks for.',
  parameters: {
    type: 'object',
    properties: { output: { description: 'The final answer: text, or JSON when the goal asks for data.' } },
    required: ['output'],
    additionalProperties: false,
  },
};

/** The id the conversation gives the tool call of a step (the model's own id is not recorded). */
export function toolCallIdOf(step: number): string {
  return `call_step_${step}`;
}

/** The memories that go into the system prompt: the `MAX_MEMORIES` best, best first. */
export function chosenMemories(memories: readonly RetrievedMemory[]): RetrievedMemory[] {
  return [...memories].sort((a, b) => b.score - a.score).slice(0, MAX_MEMORIES);
}

function systemPrompt(state: RunState, memories: readonly RetrievedMemory[]): string {
  const agent = state.agent;
  const parts = [
    agent?.systemPrompt ?? '',
    agent ? `Your purpose: ${agent.purpose}` : '',
    `Work step by step and call one tool at a time. When you are done, call the ${FINISH_TOOL} tool ` +
      'with {"output": <your final answer>}.',
  ];
  const chosen = chosenMemories(memories);
  if (chosen.length > 0) {
    const lines = chosen.map(
      (memory) => `- (${memory.score.toFixed(2)}) ${truncate(memory.text, MAX_MEMORY_CHARS)}`,
    );
    parts.push(`Memories from earlier work that may help (most relevant first):\n${lines.join('\n')}`);
  }
  return parts.filter((part) => part.trim() !== '').join('\n\n');
}

const LEFT_OUT_NOTE = /\(Steps 1 to (\d+) of this run are left out/;

/**
 * How many steps the goal message says were left out (0 when none). Scripted test models read it
 * to know which step they answer, as a real model would read the note.
 */
export function stepsLeftOut(goalMessage: string): number {
  return Number(LEFT_OUT_NOTE.exec(goalMessage)?.[1] ?? 0);
}

/** `lastLeftOut`: the last step the conversation leaves out, or null when it carries them all. */
function goalMessage(state: RunState, lastLeftOut: StepRecord | null): ConversationMessage {
  const { goal = '', ...others } = state.inputs ?? {};
  const extra = Object.entries(others).map(([key, value]) => `- ${key}: ${value}`);
  const parts = [`Goal: ${goal}`];
  if (extra.length > 0) parts.push(`Inputs:\n${extra.join('\n')}`);
  // In the goal message rather than a message of its own: two user turns in a row are not
  // accepted by every provider.
  if (lastLeftOut)
    parts.push(
      `(Steps 1 to ${lastLeftOut.step} of this run are left out to keep the conversation short; the memories ` +
        'in your instructions recall what is relevant from them. The latest steps follow.)',
    );
  return { role: 'user', content: parts.join('\n\n') };
}

function actionMessages(
  record: StepRecord,
  tool: string,
  params: Record<string, unknown>,
): ConversationMessage[] {
  const id = toolCallIdOf(record.step);
  const result = record.outcome === null ? '(No result yet.)' : describeOutcome(tool, record.outcome);
  const content = [...describeNotes(record), result].join('\n');
  return [
    { role: 'assistant', content: record.thought, toolCall: { id, name: tool, arguments: params } },
    { role: 'tool', toolCallId: id, toolName: tool, content },
  ];
}

function stepMessages(record: StepRecord): ConversationMessage[] {
  const { answer } = record;
  switch (answer.kind) {
    case 'action':
      return actionMessages(record, answer.tool, answer.params);
    case 'finish':
      return [{ role: 'assistant', content: record.thought || jsonForPrompt(answer.output) }];
    case 'malformed':
      return [
        { role: 'assistant', content: truncate(answer.raw, MAX_RAW_ANSWER_CHARS) || '(empty answer)' },
        { role: 'user', content: answer.detail },
      ];
  }
}

/**
 * The conversation for the next reasoning step: the agent's system prompt, purpose, how to finish,
 * and the best `memories` (by score, at most 8); then the goal (and other inputs) as the first user
 * message; then per answered step, of the latest `MAX_CONVERSATION_STEPS` (the goal message says
 * when earlier ones are left out), the assistant's thought with its tool call and one tool message
 * with the outcome (edits, retries and interruptions noted; long results cut with a note), or for a
 * malformed answer the raw answer and the feedback as a user message. Failed LLM calls leave no
 * trace. Offer `FINISH_TOOL_SPEC` alongside the agent's tools. Never throws.
 */
export function buildConversation(state: RunState, memories: readonly RetrievedMemory[] = []): Conversation {
  const cut = Math.max(0, state.steps.length - MAX_CONVERSATION_STEPS);
  return {
    system: systemPrompt(state, memories),
    messages: [
      goalMessage(state, state.steps[cut - 1] ?? null),
      ...state.steps.slice(cut).flatMap(stepMessages),
    ],
  };
}
