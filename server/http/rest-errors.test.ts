import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { ConflictError, InvalidInputError } from '../application/errors.ts';
import { EventValidationError } from '../eventstore/errors.ts';
import { restErrorBody, restFieldOf } from './rest-errors.ts';

describe('REST error bodies', () => {
  it('spells event and service fields as REST does', () => {
    assert.equal(restFieldOf('inputs.goal'), 'inputs.goal');
    assert.equal(restFieldOf('inputs.customerName'), 'inputs.customerName');
    assert.equal(restFieldOf('llm.model'), 'llm_model');
    assert.equal(restFieldOf('llm.provider'), 'llm_provider');
    assert.equal(restFieldOf('systemPrompt'), 'system_prompt');
    assert.equal(restFieldOf('agentId'), 'agent_id');
    assert.equal(restFieldOf('budget.maxCostUsd'), 'budget.max_cost_usd');
    assert.equal(restFieldOf('llm_provider'), 'llm_provider');
  });

  it('re-words an event validation error without the event', () => {
    const cause = new EventValidationError('RunStarted', 'inputs.goal', 'must not be empty');
    const body = restErrorBody(new InvalidInputError(cause.path, cause.message, { cause }));
    assert.deepEqual(body, {
      error: 'BAD_USER_INPUT',
      message: 'inputs.goal must not be empty',
      field: 'inputs.goal',
    });
    const whole = new EventValidationError('AgentCreated', '', 'has an unknown key');
    assert.deepEqual(restErrorBody(new InvalidInputError('', whole.message, { cause: whole })), {
      error: 'BAD_USER_INPUT',
      message: 'The request is not valid: has an unknown key',
    });
  });

  it('passes other application errors through', () => {
    assert.deepEqual(restErrorBody(new ConflictError('Run r has already ended (CANCELLED)')), {
      error: 'CONFLICT',
      message: 'Run r has already ended (CANCELLED)',
    });
  });
});
