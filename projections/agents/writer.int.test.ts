import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { agentStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { entry, exampleStory, recordedLog, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import { projectEvents, resetReadModels, sqlTargets, tableRows } from '../../server/testkit/read-models.ts';
import { agentsProjection } from './agents-projection.ts';
import { AgentStatus } from './mapping.ts';
import { getAgent, listAgents } from './queries.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const agent = agentStream(exampleIds.agentId);

for (const target of sqlTargets) {
  describe(`agents writer on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('given the example story → the agent row', async () => {
      await resetReadModels(db);
      await projectEvents(db, agentsProjection, recordedLog(exampleStory()));
      const { agentId: _, ...config } = exampleEvents.AgentCreated;
      assert.deepEqual(await getAgent(db, exampleIds.agentId), {
        id: exampleIds.agentId,
        ...config,
        llm: { ...config.llm, temperature: 0.2 },
        version: 2,
        status: AgentStatus.Archived,
        createdAt: at(0),
        updatedAt: at(12),
        archivedAt: at(12),
        lastRevision: 2,
        lastPosition: 't:000013',
      });
    });

    it('gives the same rows however the log is cut into batches', async () => {
      const events = recordedLog([
        entry(agent, 'AgentCreated', exampleEvents.AgentCreated),
        entry(agent, 'AgentUpdated', { agentId: exampleIds.agentId, version: 2, name: 'Renamed', tools: [] }),
        entry(agent, 'AgentUpdated', {
          agentId: exampleIds.agentId,
          version: 3,
          llm: { provider: 'anthropic', model: 'claude-haiku' },
        }),
        entry(agent, 'AgentArchived', exampleEvents.AgentArchived),
        entry(agent, 'AgentUpdated', {
          agentId: exampleIds.agentId,
          version: 4,
          purpose: 'Kept for history.',
        }),
      ]);
      await resetReadModels(db);
      await projectEvents(db, agentsProjection, events);
      const whole = await tableRows(db, 'agents');
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, agentsProjection, events, [cut]);
        assert.deepEqual(await tableRows(db, 'agents'), whole, `cut at ${cut}`);
      }
      const view = await getAgent(db, exampleIds.agentId);
      assert.equal(view?.name, 'Renamed');
      assert.deepEqual(view?.tools, []);
      assert.deepEqual(view?.llm, { provider: 'anthropic', model: 'claude-haiku' });
      assert.equal(view?.purpose, 'Kept for history.');
      assert.equal(view?.version, 4);
      assert.equal(view?.status, AgentStatus.Archived);
    });

    it('keeps the named endpoint with its provider and the approval override, however cut', async () => {
      const approval = { timeoutMs: 60_000, escalateTo: { users: ['lead@example.com'] } };
      const events = recordedLog([
        entry(agent, 'AgentCreated', { ...exampleEvents.AgentCreated, approval: { onExpiry: 'approve' } }),
        entry(agent, 'AgentUpdated', {
          agentId: exampleIds.agentId,
          version: 2,
          llm: { provider: 'openai', endpoint: 'local', model: 'qwen' },
          approval,
        }),
        entry(agent, 'AgentUpdated', { agentId: exampleIds.agentId, version: 3, name: 'Renamed' }),
        entry(agent, 'AgentUpdated', {
          agentId: exampleIds.agentId,
          version: 4,
          llm: { provider: 'anthropic', model: 'claude-haiku' },
          approval: {},
        }),
      ]);
      for (const cuts of [[], [1], [2]]) {
        await resetReadModels(db);
        await projectEvents(db, agentsProjection, events.slice(0, 3), cuts);
        const view = await getAgent(db, exampleIds.agentId);
        assert.deepEqual(view?.llm, { provider: 'openai', endpoint: 'local', model: 'qwen' }, `cut ${cuts}`);
        assert.deepEqual(view?.approval, approval, `cut ${cuts}`);
      }
      await projectEvents(db, agentsProjection, events.slice(3));
      const moved = await getAgent(db, exampleIds.agentId);
      assert.deepEqual(
        moved?.llm,
        { provider: 'anthropic', model: 'claude-haiku' },
        'no endpoint left behind',
      );
      assert.deepEqual(moved?.approval, {});
    });

    it('lists agents newest first, by status, page by page', async () => {
      const ids = Array.from({ length: 4 }, (_, i) => `01930000-0000-7000-8000-00000000020${i}`);
      const events = recordedLog(
        ids.flatMap((agentId, i) => {
          const created = entry(agentStream(agentId), 'AgentCreated', {
            ...exampleEvents.AgentCreated,
            agentId,
          });
          return i === 1
            ? [
                created,
                entry(agentStream(agentId), 'AgentArchived', { ...exampleEvents.AgentArchived, agentId }),
              ]
            : [created];
        }),
      );
      await resetReadModels(db);
      await projectEvents(db, agentsProjection, events);
      const first = await listAgents(db, {}, { first: 3 });
      assert.deepEqual(
        first.items.map((a) => a.id),
        [ids[3], ids[2], ids[1]],
      );
      assert.equal(first.hasNextPage, true);
      const rest = await listAgents(db, {}, { first: 3, after: first.endCursor });
      assert.deepEqual(
        rest.items.map((a) => a.id),
        [ids[0]],
      );
      assert.equal(rest.hasNextPage, false);
      const active = await listAgents(db, { status: AgentStatus.Active });
      assert.deepEqual(
        active.items.map((a) => a.id),
        [ids[3], ids[2], ids[0]],
      );
    });
  });
}
