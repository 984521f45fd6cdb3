import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { AgentConfig } from '../../schema/events/index.ts';
import { agentHistory, agentStateAt, findAgentVersion, rollbackChanges } from './agent-versions.ts';

const agentId = '01930000-0000-7000-8000-0000000000a1';
const config: AgentConfig = {
  name: 'Analyzer',
  purpose: 'Summarise tickets',
  llm: { provider: 'demo', model: 'demo-v1' },
  tools: ['run_sql'],
  systemPrompt: 'v1',
  policyIds: [],
  budget: {},
};

let revision = 0;
function event(type: string, data: Record<string, unknown>, actor?: string) {
  revision += 1;
  return {
    type,
    data: { agentId, ...data },
    revision,
    position: `p${String(revision).padStart(4, '0')}`,
    recordedAt: new Date(Date.UTC(2026, 0, revision)),
    metadata: actor ? { actor } : {},
  };
}

describe('agentHistory', () => {
  it('lists every version with its whole config, who made it and when', () => {
    const events = [
      event('AgentCreated', config, 'user-1'),
      event('AgentUpdated', { version: 2, systemPrompt: 'v2' }, 'user-2'),
      event('AgentUpdated', { version: 3, llm: { provider: 'demo', model: 'demo-v2' } }),
    ];
    const history = agentHistory(events);
    assert.ok(history);
    assert.deepEqual(
      history.versions.map((v) => [v.version, v.config.systemPrompt, v.config.llm.model, v.changedBy]),
      [
        [1, 'v1', 'demo-v1', 'user-1'],
        [2, 'v2', 'demo-v1', 'user-2'],
        [3, 'v2', 'demo-v2', null],
      ],
    );
    assert.equal(history.versions[1]?.changedAt.toISOString(), events[1]?.recordedAt.toISOString());
    assert.equal(history.versions[2]?.position, events[2]?.position);
    assert.equal(history.archived, false);
  });

  it('keeps the versions of an archived agent and says when it was archived', () => {
    const archive = event('AgentArchived', { by: 'user-1' });
    const history = agentHistory([event('AgentCreated', config), archive]);
    assert.ok(history);
    assert.equal(history.versions.length, 1);
    assert.equal(history.archived, true);
    assert.deepEqual(history.archivedAt, archive.recordedAt);
    assert.equal(agentStateAt(history, history.versions[0] as never).archived, true);
  });

  it('is null for a stream without AgentCreated', () => {
    assert.equal(agentHistory([]), null);
  });
});

describe('findAgentVersion', () => {
  const history = agentHistory([
    event('AgentCreated', config),
    event('AgentUpdated', { version: 2, systemPrompt: 'v2' }),
  ]);
  assert.ok(history);

  it('finds a version that exists', () => {
    const lookup = findAgentVersion(history, 1);
    assert.ok('found' in lookup);
    assert.equal(lookup.found.config.systemPrompt, 'v1');
  });

  it('names the latest version when asked for one that does not exist', () => {
    for (const version of [0, 3, -1, 1.5]) {
      const lookup = findAgentVersion(history, version);
      assert.ok('problem' in lookup);
      assert.equal(lookup.problem, `Agent ${agentId} has no version ${version} (its latest is 2)`);
    }
  });
});

describe('rollbackChanges', () => {
  it('writes every field of the target whole', () => {
    const current: AgentConfig = { ...config, systemPrompt: 'v3', tools: ['run_sql', 'send_email'] };
    assert.deepEqual(rollbackChanges(current, config), config);
  });

  it('clears an approval override the target did not have (an update cannot remove a field)', () => {
    const current: AgentConfig = { ...config, approval: { onExpiry: 'approve' } };
    assert.deepEqual(rollbackChanges(current, config), { ...config, approval: {} });
    const target: AgentConfig = { ...config, approval: { timeoutMs: 60_000 } };
    assert.deepEqual(rollbackChanges(current, target).approval, { timeoutMs: 60_000 });
  });
});
