import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { agentStream, runStream } from '../../schema/events/index.ts';
import { entry, exampleStory, recordedLog, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import { type AgentRowChange, AgentStatus, mapAgentEvents } from './mapping.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const agent = agentStream(exampleIds.agentId);

function only(changes: AgentRowChange[]): AgentRowChange {
  assert.equal(changes.length, 1);
  return changes[0] as AgentRowChange;
}

describe('agents mapping', () => {
  it('given the example story → the agent at version 2, archived', () => {
    const { agentId: _, ...config } = exampleEvents.AgentCreated;
    assert.deepEqual(only(mapAgentEvents(recordedLog(exampleStory()))), {
      id: exampleIds.agentId,
      ...config,
      llm: { ...config.llm, temperature: 0.2 },
      approval: null,
      version: 2,
      status: AgentStatus.Archived,
      createdAt: at(0),
      archivedAt: at(12),
      updatedAt: at(12),
      lastRevision: 2,
      lastPosition: 't:000013',
    });
  });

  it('an update alone changes only what it carries', () => {
    const change = only(
      mapAgentEvents(
        recordedLog([entry(agent, 'AgentUpdated', { agentId: exampleIds.agentId, version: 3, tools: [] })]),
      ),
    );
    assert.deepEqual(change.tools, []);
    assert.equal(change.version, 3);
    assert.equal(change.name, null);
    assert.equal(change.llm, null);
    assert.equal(change.status, null);
  });

  it('replaces the llm config whole: a new llm without temperature has none', () => {
    const change = only(
      mapAgentEvents(
        recordedLog([
          entry(agent, 'AgentCreated', exampleEvents.AgentCreated),
          entry(agent, 'AgentUpdated', {
            agentId: exampleIds.agentId,
            version: 2,
            llm: { provider: 'openai', model: 'gpt-4o-mini' },
          }),
        ]),
      ),
    );
    assert.deepEqual(change.llm, { provider: 'openai', model: 'gpt-4o-mini' });
  });

  it('carries the approval override as last set, an emptied one included', () => {
    const change = only(
      mapAgentEvents(
        recordedLog([
          entry(agent, 'AgentCreated', { ...exampleEvents.AgentCreated, approval: { onExpiry: 'escalate' } }),
          entry(agent, 'AgentUpdated', { agentId: exampleIds.agentId, version: 2, approval: {} }),
        ]),
      ),
    );
    assert.deepEqual(change.approval, {});
  });

  it('ignores every stream but agents', () => {
    const run = runStream(exampleIds.runId);
    assert.deepEqual(mapAgentEvents(recordedLog([entry(run, 'RunStarted', exampleEvents.RunStarted)])), []);
  });
});
