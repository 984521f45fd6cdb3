// Turns what a model answered into an action, a final output, or a rejection the model is told about.
import type {
  ModelOutputProblem,
  ModelOutputRejectedData,
  ReasoningCompletedData,
  RecalledMemory,
} from '../../schema/events/index.ts';
import { FINISH_TOOL, type ModelAnswer } from './conversation.ts';
import { truncate } from './prompt-text.ts';

/** A tool as the interpreter needs it: its name and a check of params (an error message, or null). */
export interface ToolValidator {
  name: string;
  validate(params: Record<string, unknown>): string | null;
}

/** A usable or unusable answer. `detail` of a rejection is what the next reasoning step is told. */
export type InterpretedAnswer =
  | { kind: 'action'; thought: string; tool: string; params: Record<string, unknown> }
  | { kind: 'finish'; thought: string; output: unknown }
  | { kind: 'rejected'; problem: ModelOutputProblem; detail: string; raw: string };

const MAX_DETAIL_CHARS = 1000;
const MAX_RAW_CHARS = 20_000;

/** The answer as text, for `ModelOutputRejected.raw`: the text and each tool call with its arguments. */
function rawOf(answer: ModelAnswer): string {
  const calls = answer.toolCalls.map((call) => `${call.name}(${call.argumentsJson})`);
  return truncate([answer.text, ...calls].filter((part) => part !== '').join('\n'), MAX_RAW_CHARS);
}

function rejected(answer: ModelAnswer, problem: ModelOutputProblem, detail: string): InterpretedAnswer {
  return { kind: 'rejected', problem, detail: truncate(detail, MAX_DETAIL_CHARS), raw: rawOf(answer) };
}

/** Parses tool arguments: a JSON object (an empty string counts as `{}`), or the reason it is not one. */
function parseArguments(json: string): { params: Record<string, unknown> } | { problem: string } {
  if (json.trim() === '') return { params: {} };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problem: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
    };
  }
  return { params: value as Record<string, unknown> };
}

function toolNames(tools: readonly ToolValidator[]): string {
  return [...tools.map((tool) => tool.name), FINISH_TOOL].join(', ');
}

/**
 * Interprets a model answer against the agent's tools:
 * - a call of `finish` with `{"output": …}` → `finish`; a text answer without tool calls → `finish`
 *   with the text as output;
 * - a call of a known tool whose arguments are a JSON object passing `validate` → `action`;
 * - nothing at all → `empty_answer`; arguments that are not a JSON object → `invalid_json`; a tool
 *   not offered → `unknown_tool`; `validate` failing (or `finish` without `output`) → `invalid_params`.
 * With several tool calls the first is used and the thought says so. Never throws (unless a
 * `validate` does).
 */
export function interpretModelAnswer(
  answer: ModelAnswer,
  tools: readonly ToolValidator[],
): InterpretedAnswer {
  const [call, ...others] = answer.toolCalls;
  if (call === undefined) {
    if (answer.text.trim() !== '') return { kind: 'finish', thought: '', output: answer.text };
    const detail = `Your answer was empty. Call one of the tools (${toolNames(tools)}).`;
    return rejected(answer, 'empty_answer', detail);
  }
  const ignored =
    others.length === 0
      ? ''
      : ` (Asked for ${others.length + 1} tool calls; only the first, ${call.name}, was used.)`;
  const thought = `${answer.text}${ignored}`.trim();
  const parsed = parseArguments(call.argumentsJson);
  if ('problem' in parsed) {
    const detail = `Your arguments for ${call.name} were not valid JSON: ${parsed.problem}`;
    return rejected(answer, 'invalid_json', detail);
  }
  return interpretCall(answer, tools, thought, call.name, parsed.params);
}

/** A call whose arguments parsed: finish, a known tool with valid params, or a rejection. */
function interpretCall(
  answer: ModelAnswer,
  tools: readonly ToolValidator[],
  thought: string,
  name: string,
  params: Record<string, unknown>,
): InterpretedAnswer {
  if (name === FINISH_TOOL) {
    if (Object.hasOwn(params, 'output')) return { kind: 'finish', thought, output: params.output };
    return rejected(answer, 'invalid_params', `Call ${FINISH_TOOL} with {"output": <your final answer>}.`);
  }
  const tool = tools.find((candidate) => candidate.name === name);
  if (tool === undefined) {
    const detail = `There is no tool "${name}". Available tools: ${toolNames(tools)}.`;
    return rejected(answer, 'unknown_tool', detail);
  }
  const problem = tool.validate(params);
  if (problem !== null) {
    return rejected(answer, 'invalid_params', `Your arguments for ${name} were not valid: ${problem}`);
  }
  return { kind: 'action', thought, tool: name, params };
}

/** The LLM-call fields both reasoning events record, from the answer. */
function llmCall(answer: ModelAnswer) {
  const { model, usage, costUsd, latencyMs, requestHash } = answer;
  return { model, usage: { ...usage }, costUsd, latencyMs: Math.max(0, Math.round(latencyMs)), requestHash };
}

/**
 * The event to append for an interpreted answer of `step`: `ReasoningCompleted` (action or finish)
 * or `ModelOutputRejected`. The caller still validates it against the catalogue on append.
 */
export function reasoningEventFor(
  step: number,
  answer: ModelAnswer,
  interpreted: InterpretedAnswer,
  /** The memories put into the prompt (ids and scores); recorded so `Run.memoriesAt` can read them. */
  recalled?: readonly RecalledMemory[],
):
  | { type: 'ReasoningCompleted'; data: ReasoningCompletedData }
  | { type: 'ModelOutputRejected'; data: ModelOutputRejectedData } {
  const recall =
    recalled === undefined ? {} : { recalled: recalled.map(({ memoryId, score }) => ({ memoryId, score })) };
  switch (interpreted.kind) {
    case 'action': {
      const action = { tool: interpreted.tool, params: interpreted.params };
      return {
        type: 'ReasoningCompleted',
        data: { step, thought: interpreted.thought, action, ...llmCall(answer), ...recall },
      };
    }
    case 'finish': {
      const finish = { output: interpreted.output };
      return {
        type: 'ReasoningCompleted',
        data: { step, thought: interpreted.thought, finish, ...llmCall(answer), ...recall },
      };
    }
    case 'rejected': {
      const { problem, detail, raw } = interpreted;
      const data = { step, raw, problem, detail, ...llmCall(answer), ...recall };
      return { type: 'ModelOutputRejected', data };
    }
  }
}
