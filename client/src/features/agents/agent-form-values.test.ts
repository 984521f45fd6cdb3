import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import {
  agentToForm,
  emptyAgentForm,
  parseProviderChoice,
  providerChoice,
  toAgentChanges,
  toAgentInput,
  validateAgentForm,
} from './agent-form-values.ts';

const valid = { ...emptyAgentForm(), name: ' Triage ', purpose: 'Sort tickets', tools: ['run_sql'] };

describe('validateAgentForm', () => {
  it('accepts a complete form and empty optional limits', () => {
    assert.deepEqual(validateAgentForm({ ...valid, maxSteps: '', maxTokens: '', maxCostUsd: '' }), {});
  });

  it('names every problem at its field', () => {
    const errors = validateAgentForm({
      ...valid,
      name: '  ',
      purpose: '',
      llmModel: '',
      temperature: '3',
      maxSteps: '2.5',
      maxTokens: '-1',
      maxCostUsd: 'lots',
    });
    assert.deepEqual(Object.keys(errors).sort(), [
      'llmModel',
      'maxCostUsd',
      'maxSteps',
      'maxTokens',
      'name',
      'purpose',
      'temperature',
    ]);
    assert.equal(errors.maxSteps, 'Enter a whole number.');
    assert.equal(errors.temperature, 'Temperature: must be at most 2.');
  });
});

describe('toAgentInput and toAgentChanges', () => {
  it('trims text and sends only the limits that are set', () => {
    const input = toAgentInput({ ...valid, maxSteps: '12', maxCostUsd: '0.5', temperature: '0.2' });
    assert.deepEqual(input, {
      name: 'Triage',
      purpose: 'Sort tickets',
      llmProvider: 'DEMO',
      llmModel: 'demo-scripted-v1',
      temperature: 0.2,
      tools: ['run_sql'],
      systemPrompt: '',
      budget: { maxSteps: 12, maxCostUsd: 0.5 },
    });
  });

  it('sends what changed, the whole budget when any limit did, and nothing when nothing did', () => {
    const original = agentToForm({
      name: 'Triage',
      purpose: 'Sort tickets',
      llmProvider: 'DEMO',
      llmModel: 'demo-scripted-v1',
      temperature: null,
      tools: ['run_sql', 'send_email'],
      systemPrompt: 'Be brief.',
      budget: { maxSteps: 12, maxTokens: 5000, maxCostUsd: null },
    });
    assert.equal(toAgentChanges(original, original), null);
    assert.equal(toAgentChanges({ ...original, tools: ['send_email', 'run_sql'] }, original), null);
    assert.deepEqual(toAgentChanges({ ...original, maxTokens: '', purpose: 'Sort and answer' }, original), {
      purpose: 'Sort and answer',
      budget: { maxSteps: 12 },
    });
    assert.deepEqual(toAgentChanges({ ...original, llmModel: 'other' }, original), {
      llmProvider: 'DEMO',
      llmEndpoint: '',
      llmModel: 'other',
    });
  });

  it('sends a named endpoint on create, and "" to leave it on update', () => {
    const local = {
      ...valid,
      llmProvider: 'OPENAI' as const,
      llmEndpoint: 'local-llm',
      llmModel: 'llama3.1:8b',
    };
    assert.equal(toAgentInput(local).llmEndpoint, 'local-llm');
    assert.equal('llmEndpoint' in toAgentInput(valid), false);
    assert.deepEqual(toAgentChanges({ ...local, llmEndpoint: '', llmModel: 'gpt-4o-mini' }, local), {
      llmProvider: 'OPENAI',
      llmEndpoint: '',
      llmModel: 'gpt-4o-mini',
    });
    assert.deepEqual(
      agentToForm({ ...local, llmEndpoint: 'local-llm', temperature: null, budget: {}, tools: [] })
        .llmEndpoint,
      'local-llm',
    );
    assert.deepEqual(parseProviderChoice(providerChoice(local)), {
      llmProvider: 'OPENAI',
      llmEndpoint: 'local-llm',
    });
    assert.deepEqual(parseProviderChoice('ANTHROPIC'), { llmProvider: 'ANTHROPIC', llmEndpoint: '' });
  });
});
