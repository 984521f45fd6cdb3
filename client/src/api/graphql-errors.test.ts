import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { cleanMessage, describeError, errorCode, formErrorsOf, hasErrorCode } from './graphql-errors.ts';

const badInput = (field: string, message: string) => ({
  message,
  extensions: { code: 'BAD_USER_INPUT', field },
});

describe('formErrorsOf', () => {
  it('puts each BAD_USER_INPUT message at the field it names, through aliases and prefixes', () => {
    const error = {
      message: '[GraphQL] …',
      graphQLErrors: [
        badInput('name', 'AgentCreated: field "name" Too small: expected string to have >=1 characters'),
        badInput('llm.model', 'model is required'),
        badInput('input.budget.maxSteps', 'must be positive'),
        badInput('rules.0.match.tool', 'unknown tool'),
      ],
    };
    const result = formErrorsOf(error, ['name', 'llmModel', 'maxSteps', 'rules'], {
      'llm.model': 'llmModel',
      'budget.maxSteps': 'maxSteps',
    });
    assert.deepEqual(result.fields, {
      name: 'Too small: expected string to have >=1 characters',
      llmModel: 'model is required',
      maxSteps: 'must be positive',
      rules: 'unknown tool',
    });
    assert.deepEqual(result.general, []);
    assert.equal(result.paths.rules, 'rules.0.match.tool');
  });

  it('keeps messages of unknown fields and network failures as general', () => {
    const unknown = formErrorsOf({ message: 'x', graphQLErrors: [badInput('other', 'Nope')] }, ['name']);
    assert.deepEqual(unknown, { fields: {}, paths: {}, general: ['Nope'] });
    const network = formErrorsOf(
      { message: '[Network] Failed', graphQLErrors: [], networkError: new Error('Failed to fetch') },
      [],
    );
    assert.deepEqual(network.general, ['Cannot reach the server: Failed to fetch']);
    assert.deepEqual(formErrorsOf(null, ['name']), { fields: {}, paths: {}, general: [] });
  });
});

describe('error codes and messages', () => {
  const conflict = {
    message: 'x',
    graphQLErrors: [{ message: 'Already decided', extensions: { code: 'CONFLICT' } }],
  };
  it('reads extensions.code', () => {
    assert.equal(errorCode(conflict), 'CONFLICT');
    assert.equal(hasErrorCode(conflict, 'CONFLICT'), true);
    assert.equal(hasErrorCode(conflict, 'UNAUTHENTICATED'), false);
    assert.equal(errorCode(undefined), undefined);
  });

  it('joins distinct messages and strips urql prefixes', () => {
    const twice = { message: 'x', graphQLErrors: [{ message: 'A' }, { message: 'A' }, { message: 'B' }] };
    assert.equal(describeError(twice), 'A B');
    assert.equal(cleanMessage('[GraphQL] Oops'), 'Oops');
  });
});
