import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createAgentService } from '../application/agent-service.ts';
import { loadAgentVersion } from '../application/agent-versions.ts';
import { ApplicationError } from '../application/errors.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import { formatVerdict, parseReplayCheckArgs } from './replay-check.ts';

describe('replay-check arguments and verdicts', () => {
  it('reads fixture paths and --agent <id>[@<version>], refusing anything else', () => {
    assert.deepEqual(parseReplayCheckArgs(['a.json', '--agent', 'agent-1@3', 'dir']), {
      paths: ['a.json', 'dir'],
      agent: { id: 'agent-1', version: 3 },
    });
    assert.deepEqual(parseReplayCheckArgs(['a.json', '--agent', 'agent-1']).agent, { id: 'agent-1' });
    assert.throws(
      () => parseReplayCheckArgs(['--agent', 'x@y', 'a.json']),
      /--agent takes <id> or <id>@<version>/,
    );
    assert.throws(() => parseReplayCheckArgs(['--fast', 'a.json']), /unknown option --fast/);
    assert.throws(() => parseReplayCheckArgs([]), /at least one fixture/);
  });

  it('prints "same" with the decisions compared, or the step and both sides', () => {
    assert.equal(
      formatVerdict('f.json', { matched: true, decisionsCompared: 7, firstDivergence: null }),
      'same  f.json  (7 decisions)',
    );
    const firstDivergence = {
      revision: 4,
      step: 2,
      expected: 'RunCompleted: "a"',
      actual: 'RunCompleted: "b"',
    };
    assert.equal(
      formatVerdict('f.json', { matched: false, decisionsCompared: 5, firstDivergence }),
      'diverged at step 2  f.json  (revision 4)\n    recorded: RunCompleted: "a"\n    now:      RunCompleted: "b"',
    );
  });
});

describe('loadAgentVersion (--agent)', () => {
  it('gives the agent as it was at a version, its latest without one, and NOT_FOUND otherwise', async () => {
    const store = createMemoryEventStore({ catalogue: eventCatalogue });
    const agents = createAgentService({ store, toolNames: () => ['echo'] });
    const actor = { id: 'user-admin' };
    const { agent } = await agents.create(
      { name: 'a', purpose: 'p', llm: { provider: 'demo', model: 'm' }, tools: ['echo'], systemPrompt: 'v1' },
      actor,
    );
    await agents.update(agent.agentId, { systemPrompt: 'v2' }, actor);

    assert.equal((await loadAgentVersion(store, agent.agentId, 1)).config.systemPrompt, 'v1');
    const latest = await loadAgentVersion(store, agent.agentId);
    assert.deepEqual([latest.version, latest.config.systemPrompt], [2, 'v2']);
    await assert.rejects(loadAgentVersion(store, agent.agentId, 3), (error: unknown) => {
      assert.ok(error instanceof ApplicationError);
      assert.equal(error.code, 'NOT_FOUND');
      assert.match(error.message, /has no version 3 \(its latest is 2\)/);
      return true;
    });
    await assert.rejects(loadAgentVersion(store, '01930000-0000-7000-8000-00000000dead'), /does not exist/);
  });
});
