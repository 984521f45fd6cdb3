import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { diffAgentConfigs } from '../engine/agent-config-diff.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import { createAgentService } from './agent-service.ts';
import { loadAgentVersion } from './agent-versions.ts';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.ts';

const actor = { id: 'user:ops' };
const input = {
  name: 'Support Ticket Analyzer',
  purpose: 'Summarise support tickets',
  llm: { provider: 'demo' as const, model: 'demo-scripted-v1' },
  tools: ['run_sql', 'send_email'],
  systemPrompt: 'Be brief.',
};

function setup() {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  return {
    store,
    agents: createAgentService({ store, toolNames: () => ['run_sql', 'send_email', 'web_search'] }),
  };
}

describe('agent service', () => {
  it('creates an agent without a system prompt, making one from its name and purpose', async () => {
    const { agents } = setup();
    const { systemPrompt: _, ...withoutPrompt } = input;
    const { agent } = await agents.create(withoutPrompt, actor);
    assert.equal(
      agent.config.systemPrompt,
      'You are Support Ticket Analyzer. Your purpose: Summarise support tickets',
    );
  });

  it('creates an agent at version 1 and reads it back from its stream', async () => {
    const { agents, store } = setup();
    const { agent, position } = await agents.create(input, actor);
    assert.equal(agent.version, 1);
    assert.equal(agent.config.name, 'Support Ticket Analyzer');
    assert.deepEqual(agent.config.budget, {});
    const [event] = await store.readStream(`agent-${agent.agentId}`);
    assert.equal(event?.position, position);
    assert.equal(event?.metadata.actor, 'user:ops');
  });

  it('refuses unknown tools and invalid fields, naming the field, and writes nothing', async () => {
    const { agents, store } = setup();
    await assert.rejects(agents.create({ ...input, tools: ['rm_rf'] }, actor), (error: unknown) => {
      return error instanceof InvalidInputError && error.field === 'tools' && /rm_rf/.test(error.message);
    });
    await assert.rejects(agents.create({ ...input, name: '' }, actor), (error: unknown) => {
      return error instanceof InvalidInputError && error.field === 'name';
    });
    assert.deepEqual(await store.readAll(), []);
  });

  it('updates to a new version, refuses a stale expected version, archives', async () => {
    const { agents } = setup();
    const { agent } = await agents.create(input, actor);
    const updated = await agents.update(agent.agentId, { systemPrompt: 'Be thorough.' }, actor, 1);
    assert.equal(updated.agent.version, 2);
    assert.equal(updated.agent.config.systemPrompt, 'Be thorough.');
    assert.equal(updated.agent.config.name, input.name);
    await assert.rejects(agents.update(agent.agentId, { name: 'x' }, actor, 1), ConflictError);
    const archived = await agents.archive(agent.agentId, actor, 'replaced');
    assert.equal(archived.agent.archived, true);
    await assert.rejects(agents.update(agent.agentId, { name: 'y' }, actor), InvalidInputError);
    await assert.rejects(agents.get('00000000-0000-4000-8000-000000000000'), NotFoundError);
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const { agents } = setup();
    const { agent } = await agents.create(input, actor);
    const results = await Promise.allSettled([
      agents.update(agent.agentId, { systemPrompt: 'A' }, actor),
      agents.update(agent.agentId, { systemPrompt: 'B' }, actor),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]?.status === 'rejected' && lost[0].reason instanceof ConflictError);
    assert.equal((await agents.get(agent.agentId)).version, 2);
  });

  it('rolls back: a new version equal to the old one, its approval override cleared when it had none', async () => {
    const { agents, store } = setup();
    const { agent } = await agents.create(input, actor);
    await agents.update(
      agent.agentId,
      { systemPrompt: 'Be thorough.', tools: ['web_search'], approval: { onExpiry: 'approve' } },
      actor,
    );
    const rolled = await agents.rollback(agent.agentId, 1, { id: 'user:lead' }, 2);
    assert.equal(rolled.agent.version, 3);
    const v1 = await loadAgentVersion(store, agent.agentId, 1);
    const v3 = await loadAgentVersion(store, agent.agentId, 3);
    assert.deepEqual(diffAgentConfigs(v1.config, v3.config), []);
    assert.deepEqual(rolled.agent.config, v3.config);
    const last = (await store.readStream(`agent-${agent.agentId}`)).at(-1);
    assert.equal(last?.metadata.actor, 'user:lead');
  });

  it('refuses a rollback to an unknown version, of an archived agent, or at a stale version, writing nothing', async () => {
    const { agents, store } = setup();
    const { agent } = await agents.create(input, actor);
    await agents.update(agent.agentId, { systemPrompt: 'Be thorough.' }, actor);
    const count = async () => (await store.readAll()).length;
    const before = await count();
    await assert.rejects(agents.rollback(agent.agentId, 5, actor), (error: unknown) => {
      return (
        error instanceof InvalidInputError &&
        error.field === 'version' &&
        /has no version 5 \(its latest is 2\)/.test(error.message)
      );
    });
    await assert.rejects(agents.rollback(agent.agentId, 1, actor, 1), ConflictError);
    await assert.rejects(agents.rollback('00000000-0000-4000-8000-000000000000', 1, actor), NotFoundError);
    assert.equal(await count(), before);
    await agents.archive(agent.agentId, actor);
    await assert.rejects(agents.rollback(agent.agentId, 1, actor), InvalidInputError);
  });

  it('refuses a rollback to a version whose tools this deployment no longer has', async () => {
    const store = createMemoryEventStore({ catalogue: eventCatalogue });
    let tools = ['run_sql', 'send_email'];
    const agents = createAgentService({ store, toolNames: () => tools });
    const { agent } = await agents.create(input, actor);
    await agents.update(agent.agentId, { tools: ['run_sql'] }, actor);
    tools = ['run_sql'];
    await assert.rejects(agents.rollback(agent.agentId, 1, actor), (error: unknown) => {
      return (
        error instanceof InvalidInputError && error.field === 'tools' && /send_email/.test(error.message)
      );
    });
  });
});
