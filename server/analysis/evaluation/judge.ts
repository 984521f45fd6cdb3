// LLM-as-judge: a rubric prompt on any configured provider, answered through one tool call
// (`submit_score`), so every provider (and the demo's deterministic judge) answers the same way.
import type { EvaluationItem, RunScore, ScorerSpec } from '../../../schema/events/index.ts';
import { JUDGE_TOOL, type JudgeCase } from '../../activities/providers/demo-judge.ts';
import type { ModelAnswer, ReasoningRequest } from '../../engine/conversation.ts';
import { outputText, type RunFacts } from './scorers.ts';

type JudgeSpec = Extract<ScorerSpec, { kind: 'llm_judge' }>;

/** Judge scores at or above this pass. */
export const JUDGE_PASS = 0.5;

const SYSTEM = `You are an impartial judge of an AI agent's answer. The user message is JSON: the goal the
agent was given, the expected output when one is known (null otherwise), and the agent's final output
(null when it gave none). Grade the output by the rubric below, from 0 (fails it) to 1 (fully meets it),
and answer only by calling ${JUDGE_TOOL} with the score and a one-sentence reason.

Rubric:
`;

/** The request a judge is sent: rubric as system prompt, the case as JSON, one tool to answer with. */
export function judgeRequest(spec: JudgeSpec, item: EvaluationItem, facts: RunFacts): ReasoningRequest {
  const judged: JudgeCase = {
    goal: item.goal,
    expectedOutput: item.expectedOutput ?? null,
    output: facts.status === 'COMPLETED' ? outputText(facts.output) : null,
  };
  return {
    provider: spec.provider,
    model: spec.model,
    temperature: 0,
    maxTokens: 512,
    system: SYSTEM + spec.rubric,
    messages: [{ role: 'user', content: JSON.stringify(judged) }],
    tools: [
      {
        name: JUDGE_TOOL,
        description: 'Submit the score of the output by the rubric.',
        parameters: {
          type: 'object',
          properties: {
            score: {
              type: 'number',
              minimum: 0,
              maximum: 1,
              description: '0 fails the rubric, 1 fully meets it.',
            },
            reason: { type: 'string', description: 'Why, in one sentence.' },
          },
          required: ['score', 'reason'],
          additionalProperties: false,
        },
      },
    ],
  };
}

/** The judge's verdict from its answer; an unusable answer scores 0 and says why. */
export function judgeVerdict(spec: JudgeSpec, answer: ModelAnswer): RunScore {
  const fail = (reason: string): RunScore => ({
    scorer: spec.name,
    kind: spec.kind,
    score: 0,
    passed: false,
    reason,
  });
  const call = answer.toolCalls.find((toolCall) => toolCall.name === JUDGE_TOOL);
  if (!call) return fail(`the judge did not call ${JUDGE_TOOL}: ${answer.text.slice(0, 300)}`);
  let args: { score?: unknown; reason?: unknown };
  try {
    args = JSON.parse(call.argumentsJson) as typeof args;
  } catch {
    return fail('the judge answered with arguments that are not JSON');
  }
  if (typeof args.score !== 'number' || !Number.isFinite(args.score) || args.score < 0 || args.score > 1) {
    return fail(`the judge gave no score from 0 to 1 (${JSON.stringify(args.score)})`);
  }
  const reason = typeof args.reason === 'string' ? args.reason.slice(0, 2000) : '';
  return { scorer: spec.name, kind: spec.kind, score: args.score, passed: args.score >= JUDGE_PASS, reason };
}
