// The demo provider as a judge (LLM-as-judge scorers with no API key): a deterministic score from
// the words the expected output (or, without one, the goal) shares with the run's output.
import type { ReasoningRequest } from '../../engine/conversation.ts';

/** The tool a judge is asked to answer with: `{score: 0..1, reason}`. */
export const JUDGE_TOOL = 'submit_score';

/** What the judge is shown, as JSON in its one user message. */
export interface JudgeCase {
  goal: string;
  expectedOutput: string | null;
  output: string | null;
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** The share of the reference's words found in the output, rounded to 2 decimals. */
export function demoJudgeScore(judged: JudgeCase): { score: number; reason: string } {
  if (judged.output === null || judged.output.trim() === '') {
    return { score: 0, reason: '[demo judge] the run gave no final output' };
  }
  const against = judged.expectedOutput ?? judged.goal;
  const reference = words(against);
  const found = words(judged.output);
  const shared = [...reference].filter((word) => found.has(word)).length;
  const score = reference.size === 0 ? 1 : Math.round((shared / reference.size) * 100) / 100;
  const of = judged.expectedOutput === null ? 'goal' : 'expected output';
  return {
    score,
    reason: `[demo judge] ${shared} of the ${reference.size} words of the ${of} are in the output (deterministic word overlap, no model was called)`,
  };
}

/** The demo's move when it is asked to judge: the request offers {@link JUDGE_TOOL}. */
export function judgeMove(
  request: ReasoningRequest,
): { thought: string; tool: string; args: Record<string, unknown> } | null {
  if (!request.tools.some((tool) => tool.name === JUDGE_TOOL)) return null;
  const message = request.messages.find((m) => m.role === 'user');
  let judged: JudgeCase;
  try {
    judged = JSON.parse(message?.content ?? '') as JudgeCase;
  } catch {
    return {
      thought: '[demo] I cannot read the case to judge.',
      tool: JUDGE_TOOL,
      args: { score: 0, reason: '[demo judge] the case was not JSON' },
    };
  }
  const { score, reason } = demoJudgeScore(judged);
  return { thought: `[demo] Scoring by word overlap: ${score}.`, tool: JUDGE_TOOL, args: { score, reason } };
}
