import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { checkRules, describeRulePath, RULES_TEMPLATE } from './policy-rules.ts';

describe('checkRules', () => {
  it('accepts an array of rule objects, the template included', () => {
    assert.deepEqual(checkRules('[{"id":"a"}]'), { ok: true, rules: [{ id: 'a' }] });
    assert.equal(checkRules(RULES_TEMPLATE).ok, true);
  });

  it('says what is wrong: syntax with its place, not an array, a rule that is not an object', () => {
    const syntax = checkRules('[{"id": }]');
    assert.equal(syntax.ok, false);
    assert.match((syntax as { error: string }).error, /^Invalid JSON at line 1, column \d+/);
    assert.deepEqual(checkRules('{"id":"a"}'), { ok: false, error: 'Rules are a JSON array: [ { … }, … ].' });
    assert.deepEqual(checkRules('[{"id":"a"}, 3]'), { ok: false, error: 'Rule 2 is not an object.' });
    assert.deepEqual(checkRules('  '), { ok: false, error: 'Enter some JSON.' });
  });
});

describe('describeRulePath', () => {
  it('names the rule (from 1) and the field inside it', () => {
    assert.equal(describeRulePath('rules.0.match.tool'), 'Rule 1 (match.tool)');
    assert.equal(describeRulePath('rules.6'), 'Rule 7');
    assert.equal(describeRulePath('name'), null);
  });
});
