import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { EvaluationItem, ScorerSpec } from '../../../schema/events/index.ts';
import { InvalidInputError } from '../../application/errors.ts';
import { compileScorers, type RunFacts } from './scorers.ts';

const ITEM: EvaluationItem = {
  itemId: '01930000-0000-7000-8000-000000000061',
  runId: '01930000-0000-7000-8000-000000000010',
  goal: 'Refund order 1042',
  expectedOutput: 'Your refund is on its way.',
};
const NO_EXPECTED: EvaluationItem = {
  ...ITEM,
  itemId: '01930000-0000-7000-8000-000000000062',
  expectedOutput: undefined,
};

const completed = (output: unknown, more: Partial<RunFacts> = {}): RunFacts => ({
  status: 'COMPLETED',
  output,
  tools: ['run_sql', 'send_email'],
  steps: 3,
  tokens: 1200,
  costUsd: 0.004,
  ...more,
});
const failed: RunFacts = { ...completed(undefined), status: 'FAILED' };

/** Compiles one spec and scores `facts` of `item` with it. */
function score(spec: ScorerSpec, facts: RunFacts, item: EvaluationItem = ITEM) {
  const [scorer] = compileScorers([spec], [item]);
  if (!scorer || scorer.judge) throw new Error('expected a rule-based scorer');
  return scorer.score(facts, item);
}

/** The InvalidInputError compiling `specs` throws. */
function refusal(specs: ScorerSpec[], items: EvaluationItem[] = [ITEM]): InvalidInputError {
  try {
    compileScorers(specs, items);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  return assert.fail('compiled');
}

describe('rule-based scorers', () => {
  it('exact: the trimmed output equals the item’s expected output (or the given value)', () => {
    const exact: ScorerSpec = { kind: 'exact', name: 'exact' };
    assert.deepEqual(score(exact, completed('  Your refund is on its way.\n')), {
      scorer: 'exact',
      kind: 'exact',
      score: 1,
      passed: true,
      reason: 'the output is the expected one',
    });
    const miss = score(exact, completed('No refund.'));
    assert.equal(miss.score, 0);
    assert.equal(miss.passed, false);
    assert.match(miss.reason, /expected "Your refund is on its way\.", got "No refund\."/);
    assert.equal(score({ ...exact, value: 'No refund.' }, completed('No refund.')).passed, true);
  });

  it('contains: case-insensitive, a JSON output is read as its JSON text', () => {
    const contains: ScorerSpec = { kind: 'contains', name: 'c', value: 'REFUND' };
    assert.equal(score(contains, completed('your refund is sent')).score, 1);
    assert.equal(score(contains, completed({ refund: true })).score, 1);
    assert.equal(score(contains, completed('sent')).score, 0);
  });

  it('output scorers give 0 to a run that did not complete, saying so', () => {
    const result = score({ kind: 'contains', name: 'c', value: 'x' }, failed);
    assert.deepEqual([result.score, result.passed], [0, false]);
    assert.match(result.reason, /did not complete \(FAILED\)/);
  });

  it('regex: tests the output with the flags given', () => {
    const spec: ScorerSpec = { kind: 'regex', name: 'order', pattern: 'order \\d{4}', flags: 'i' };
    assert.equal(score(spec, completed('ORDER 1042 refunded')).passed, true);
    assert.equal(score(spec, completed('order 12')).passed, false);
  });

  it('json_schema: the output (a JSON string or a JSON value) must match; the first problem is named', () => {
    const spec: ScorerSpec = {
      kind: 'json_schema',
      name: 'shape',
      schema: { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] },
    };
    assert.equal(score(spec, completed('{"total": 12}')).passed, true);
    assert.equal(score(spec, completed({ total: 3 })).passed, true);
    const wrong = score(spec, completed('{"total": "12"}'));
    assert.equal(wrong.passed, false);
    assert.match(wrong.reason, /does not match the schema at total/);
    assert.equal(score(spec, completed('not json')).reason, 'the output is not JSON');
  });

  it('tool_sequence: passes on exactly the tools in order; partial credit by longest common subsequence', () => {
    const spec: ScorerSpec = { kind: 'tool_sequence', name: 'tools', tools: ['run_sql', 'send_email'] };
    assert.deepEqual([score(spec, completed('x')).score, score(spec, completed('x')).passed], [1, true]);
    const swapped = score(spec, completed('x', { tools: ['send_email', 'run_sql'] }));
    assert.deepEqual([swapped.score, swapped.passed], [0.5, false]);
    assert.match(swapped.reason, /expected run_sql → send_email, called send_email → run_sql/);
    assert.equal(
      score(spec, completed('x', { tools: [] })).reason,
      'expected run_sql → send_email, called no tool',
    );
  });

  it('max steps, tokens and cost: pass at or under the limit, also for a run that failed', () => {
    assert.equal(score({ kind: 'max_steps', name: 's', max: 3 }, completed('x')).passed, true);
    assert.equal(score({ kind: 'max_steps', name: 's', max: 2 }, completed('x')).passed, false);
    assert.equal(
      score({ kind: 'max_tokens', name: 't', max: 1000 }, completed('x')).reason,
      '1200 tokens (at most 1000 tokens)',
    );
    assert.equal(score({ kind: 'max_cost', name: 'c', max: 0.01 }, failed).passed, true);
  });
});

describe('compileScorers refuses a bad scorer up front, naming it', () => {
  it('a regex that does not compile', () => {
    const error = refusal([{ kind: 'regex', name: 'broken', pattern: '(unclosed', flags: '' }]);
    assert.equal(error.field, 'scorers.0.pattern');
    assert.match(error.message, /the regex of scorer "broken" is invalid/);
  });

  it('a stateful regex flag (g, y)', () => {
    assert.equal(
      refusal([{ kind: 'regex', name: 'r', pattern: 'a', flags: 'g' }]).field,
      'scorers.0.pattern',
    );
  });

  it('a JSON schema zod cannot read', () => {
    const error = refusal([
      { kind: 'contains', name: 'ok', value: 'x' },
      { kind: 'json_schema', name: 'bad', schema: { type: 'nonsense' } },
    ]);
    assert.equal(error.field, 'scorers.1.schema');
    assert.match(error.message, /the JSON schema of scorer "bad" cannot be used: Unsupported type: nonsense/);
  });

  it('exact/contains without a value when an item has no expected output', () => {
    const error = refusal([{ kind: 'exact', name: 'exact' }], [ITEM, NO_EXPECTED]);
    assert.equal(error.field, 'scorers.0.value');
    assert.match(error.message, /1 item\(s\) have no expected output/);
    assert.doesNotThrow(() => compileScorers([{ kind: 'exact', name: 'e', value: 'x' }], [NO_EXPECTED]));
  });

  it('two scorers with one name, or none at all', () => {
    const twice: ScorerSpec = { kind: 'max_steps', name: 'steps', max: 1 };
    assert.equal(refusal([twice, twice]).field, 'scorers.1.name');
    assert.equal(refusal([]).field, 'scorers');
  });
});
