import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { AgentConfig } from '../../schema/events/index.ts';
import { diffAgentConfigs } from './agent-config-diff.ts';

const base: AgentConfig = {
  name: 'Analyzer',
  purpose: 'Summarise tickets',
  llm: { provider: 'demo', model: 'demo-v1', temperature: 0.2 },
  tools: ['run_sql'],
  systemPrompt: 'Be brief.',
  policyIds: [],
  budget: { maxSteps: 5 },
};

describe('diffAgentConfigs', () => {
  it('finds nothing between equal configs, whatever their key order', () => {
    const reordered = JSON.parse(
      JSON.stringify({ ...base, llm: { temperature: 0.2, model: 'demo-v1', provider: 'demo' } }),
    );
    assert.deepEqual(diffAgentConfigs(base, reordered), []);
  });

  it('names each changed field by its path, nested settings field by field, lists whole', () => {
    const changed: AgentConfig = {
      ...base,
      llm: { provider: 'demo', model: 'demo-v2' },
      tools: ['run_sql', 'send_email'],
      systemPrompt: 'Be thorough.',
      budget: { maxSteps: 5, maxCostUsd: 1.5 },
    };
    assert.deepEqual(diffAgentConfigs(base, changed), [
      { field: 'budget.maxCostUsd', before: undefined, after: 1.5 },
      { field: 'llm.model', before: 'demo-v1', after: 'demo-v2' },
      { field: 'llm.temperature', before: 0.2, after: undefined },
      { field: 'systemPrompt', before: 'Be brief.', after: 'Be thorough.' },
      { field: 'tools', before: ['run_sql'], after: ['run_sql', 'send_email'] },
    ]);
  });

  it('treats an absent approval override and an empty one alike, and compares an escalation target whole', () => {
    assert.deepEqual(diffAgentConfigs(base, { ...base, approval: {} }), []);
    const escalating: AgentConfig = {
      ...base,
      approval: { onExpiry: 'escalate', escalateTo: { users: ['a@example.com'] } },
    };
    assert.deepEqual(diffAgentConfigs(base, escalating), [
      { field: 'approval.escalateTo', before: undefined, after: { users: ['a@example.com'] } },
      { field: 'approval.onExpiry', before: undefined, after: 'escalate' },
    ]);
    const toRole: AgentConfig = {
      ...escalating,
      approval: { ...escalating.approval, escalateTo: { role: 'admin' } },
    };
    assert.deepEqual(diffAgentConfigs(escalating, toRole), [
      { field: 'approval.escalateTo', before: { users: ['a@example.com'] }, after: { role: 'admin' } },
    ]);
  });

  it('is the reverse when from and to swap', () => {
    const changed: AgentConfig = { ...base, name: 'Analyzer 2' };
    assert.deepEqual(diffAgentConfigs(changed, base), [
      { field: 'name', before: 'Analyzer 2', after: 'Analyzer' },
    ]);
  });
});
