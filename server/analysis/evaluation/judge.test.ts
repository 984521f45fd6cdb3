import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { EvaluationItem, ScorerSpec } from '../../../schema/events/index.ts';
import { createDemoProvider } from '../../activities/providers/demo-provider.ts';
import type { ModelAnswer } from '../../engine/conversation.ts';
import { judgeRequest, judgeVerdict } from './judge.ts';
import type { RunFacts } from './scorers.ts';

const SPEC: Extract<ScorerSpec, { kind: 'llm_judge' }> = {
  kind: 'llm_judge',
  name: 'judge',
  rubric: 'The answer confirms the refund.',
  provider: 'demo',
  model: 'demo-judge',
};
const ITEM: EvaluationItem = {
  itemId: '01930000-0000-7000-8000-000000000061',
  runId: '01930000-0000-7000-8000-000000000010',
  goal: 'Refund order 1042',
  expectedOutput: 'refund sent for order 1042',
};
const facts = (output: unknown, status: RunFacts['status'] = 'COMPLETED'): RunFacts => ({
  status,
  output,
  tools: [],
  steps: 1,
  tokens: 10,
  costUsd: 0,
});
const answer = (name: string, argumentsJson: string): ModelAnswer => ({
  text: '',
  toolCalls: [{ id: 'c1', name, argumentsJson }],
  model: 'm',
  usage: { inputTokens: 1, outputTokens: 1, cachedTokens: 0, reasoningTokens: 0 },
  costUsd: 0,
  latencyMs: 1,
  requestHash: 'h',
});

describe('LLM-as-judge', () => {
  it('asks with the rubric as system prompt, the case as JSON and one submit_score tool', () => {
    const request = judgeRequest(SPEC, ITEM, facts('Refund sent.'));
    assert.match(request.system, /Rubric:\nThe answer confirms the refund\.$/);
    assert.deepEqual(JSON.parse((request.messages[0] as { content: string }).content), {
      goal: 'Refund order 1042',
      expectedOutput: 'refund sent for order 1042',
      output: 'Refund sent.',
    });
    assert.deepEqual(
      request.tools.map((tool) => tool.name),
      ['submit_score'],
    );
    assert.equal(request.temperature, 0);
    const none = judgeRequest(SPEC, ITEM, facts(undefined, 'FAILED'));
    assert.equal(JSON.parse((none.messages[0] as { content: string }).content).output, null);
  });

  it('the demo provider judges deterministically by word overlap, with no key and no network', async () => {
    const demo = createDemoProvider({ streamDelayMs: 0 });
    const request = judgeRequest(SPEC, ITEM, facts('The refund was sent for order 1042.'));
    const first = judgeVerdict(SPEC, await demo.reason(request, {}));
    const again = judgeVerdict(SPEC, await demo.reason(request, {}));
    assert.deepEqual(first, again);
    // refund, sent, for, order, 1042: all five words of the expected output are in the output.
    assert.deepEqual([first.score, first.passed], [1, true]);
    assert.match(first.reason, /\[demo judge\] 5 of the 5 words of the expected output/);
    const partial = judgeVerdict(SPEC, await demo.reason(judgeRequest(SPEC, ITEM, facts('order 1042')), {}));
    assert.deepEqual([partial.score, partial.passed], [0.4, false]);
    const nothing = judgeVerdict(
      SPEC,
      await demo.reason(judgeRequest(SPEC, ITEM, facts(undefined, 'FAILED')), {}),
    );
    assert.equal(nothing.score, 0);
  });

  it('an unusable answer scores 0 and says why', () => {
    assert.match(judgeVerdict(SPEC, answer('finish', '{}')).reason, /did not call submit_score/);
    assert.match(judgeVerdict(SPEC, answer('submit_score', '{oops')).reason, /not JSON/);
    assert.match(
      judgeVerdict(SPEC, answer('submit_score', '{"score": 7}')).reason,
      /no score from 0 to 1 \(7\)/,
    );
    assert.deepEqual(judgeVerdict(SPEC, answer('submit_score', '{"score": 0.75, "reason": "ok"}')), {
      scorer: 'judge',
      kind: 'llm_judge',
      score: 0.75,
      passed: true,
      reason: 'ok',
    });
  });
});
