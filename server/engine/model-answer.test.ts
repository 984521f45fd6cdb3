import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import type { ModelAnswer } from './conversation.ts';
import { interpretModelAnswer, reasoningEventFor, type ToolValidator } from './model-answer.ts';

const tools: ToolValidator[] = [
  { name: 'run_sql', validate: (p) => (typeof p.query === 'string' ? null : 'query: expected a string') },
  { name: 'send_email', validate: () => null },
];

function answer(text: string, ...calls: [string, string][]): ModelAnswer {
  return {
    text,
    toolCalls: calls.map(([name, argumentsJson], i) => ({ id: `c${i}`, name, argumentsJson })),
    model: 'm-1',
    usage: { inputTokens: 10, outputTokens: 2, cachedTokens: 0, reasoningTokens: 0 },
    costUsd: 0.0001,
    latencyMs: 12.6,
    requestHash: 'sha256:abc',
  };
}

describe('interpretModelAnswer', () => {
  test('a valid tool call is an action with the text as thought', () => {
    assert.deepEqual(
      interpretModelAnswer(answer('Count them.', ['run_sql', '{"query":"SELECT 1"}']), tools),
      {
        kind: 'action',
        thought: 'Count them.',
        tool: 'run_sql',
        params: { query: 'SELECT 1' },
      },
    );
  });

  test('finish with {output} ends the run; so does plain text without a tool call', () => {
    assert.deepEqual(interpretModelAnswer(answer('Done.', ['finish', '{"output":{"n":3}}']), tools), {
      kind: 'finish',
      thought: 'Done.',
      output: { n: 3 },
    });
    assert.deepEqual(interpretModelAnswer(answer('There are 3 tickets.'), tools), {
      kind: 'finish',
      thought: '',
      output: 'There are 3 tickets.',
    });
  });

  test('several tool calls: the first is used and the thought says so', () => {
    const result = interpretModelAnswer(
      answer('Both.', ['run_sql', '{"query":"SELECT 1"}'], ['send_email', '{}']),
      tools,
    );
    assert.equal(result.kind, 'action');
    assert.equal(
      result.kind === 'action' && result.thought,
      'Both. (Asked for 2 tool calls; only the first, run_sql, was used.)',
    );
  });

  test('an empty argument string counts as {}', () => {
    assert.deepEqual(interpretModelAnswer(answer('', ['send_email', '']), tools), {
      kind: 'action',
      thought: '',
      tool: 'send_email',
      params: {},
    });
  });

  test('unusable answers are rejected with feedback for the model', () => {
    const cases: [ModelAnswer, string, RegExp][] = [
      [
        answer('  '),
        'empty_answer',
        /^Your answer was empty\. Call one of the tools \(run_sql, send_email, finish\)/,
      ],
      [
        answer('', ['run_sql', '{"query":']),
        'invalid_json',
        /^Your arguments for run_sql were not valid JSON: /,
      ],
      [answer('', ['run_sql', '[1]']), 'invalid_json', /expected a JSON object, got an array/],
      [
        answer('', ['send_mail', '{}']),
        'unknown_tool',
        /^There is no tool "send_mail"\. Available tools: run_sql, send_email, finish\.$/,
      ],
      [
        answer('', ['run_sql', '{"query":1}']),
        'invalid_params',
        /^Your arguments for run_sql were not valid: query: expected a string$/,
      ],
      [answer('', ['finish', '{"answer":1}']), 'invalid_params', /^Call finish with \{"output": /],
    ];
    for (const [given, problem, detail] of cases) {
      const result = interpretModelAnswer(given, tools);
      assert.equal(result.kind, 'rejected');
      if (result.kind !== 'rejected') continue;
      assert.equal(result.problem, problem);
      assert.match(result.detail, detail);
    }
  });

  test('never throws on arbitrary text and arguments, and always yields a valid event', () => {
    const call = fc.tuple(
      fc.constantFrom('run_sql', 'send_email', 'finish', 'nope', ''),
      fc.oneof(fc.string({ unit: 'binary' }), fc.json()),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(call, { maxLength: 3 }), (text, calls) => {
        const given = answer(text, ...calls);
        const interpreted = interpretModelAnswer(given, tools);
        const event = reasoningEventFor(4, given, interpreted);
        assert.doesNotThrow(() => eventCatalogue.validate(event.type, event.data), JSON.stringify(event));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('reasoningEventFor', () => {
  test('records the LLM call with whole milliseconds', () => {
    const given = answer('x', ['send_mail', '{}']);
    const event = reasoningEventFor(2, given, interpretModelAnswer(given, tools));
    assert.equal(event.type, 'ModelOutputRejected');
    assert.deepEqual(event.data, {
      step: 2,
      raw: 'x\nsend_mail({})',
      problem: 'unknown_tool',
      detail: 'There is no tool "send_mail". Available tools: run_sql, send_email, finish.',
      model: 'm-1',
      usage: { inputTokens: 10, outputTokens: 2, cachedTokens: 0, reasoningTokens: 0 },
      costUsd: 0.0001,
      latencyMs: 13,
      requestHash: 'sha256:abc',
    });
  });

  test('records which memories were in the prompt (ids and scores), and nothing when not told', () => {
    const given = answer('Done.', ['finish', '{"output":"ok"}']);
    const recalled = [{ memoryId: '01930000-0000-7000-8000-000000000040', score: 0.75 }];
    // What recall returns carries the text too; only the id and score are recorded.
    const inPrompt = recalled.map((memory) => ({ ...memory, text: 'the memories read model has it' }));
    const event = reasoningEventFor(3, given, interpretModelAnswer(given, tools), inPrompt);
    assert.equal(event.type, 'ReasoningCompleted');
    assert.deepEqual(event.data.recalled, recalled);
    assert.doesNotThrow(() => eventCatalogue.validate(event.type, event.data));
    const without = reasoningEventFor(3, given, interpretModelAnswer(given, tools));
    assert.equal('recalled' in without.data, false);
  });
});
