import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import { ConflictError } from './errors.ts';
import { createPolicyService } from './policy-service.ts';

const actor = { id: 'user:admin' };
const rules = [
  {
    id: 'mail',
    description: 'Mail',
    match: { tool: 'send_email' },
    risk: 'HIGH',
    reason: 'Email leaves the company.',
  },
];

function setup() {
  const store = createMemoryEventStore({ catalogue: eventCatalogue });
  return { store, policies: createPolicyService({ store }) };
}

describe('policy service', () => {
  it('saving unchanged rules creates no new version', async () => {
    const { store, policies } = setup();
    const created = await policies.create({ name: 'Mail', rules }, actor);
    const id = created.policy.id;
    const again = await policies.update(id, { rules: structuredClone(rules), expectedVersion: 1 }, actor);
    assert.equal(again.policy.version, 1);
    assert.equal(again.position, created.position);
    assert.equal((await store.readStream(`policy-${id}`)).length, 1);
    assert.deepEqual(
      (await policies.versions(id)).map((v) => v.version),
      [1],
    );
  });

  it('changed rules make version 2, folded without reading back; a stale version conflicts', async () => {
    const { store, policies } = setup();
    const { policy } = await policies.create({ name: 'Mail', rules }, actor);
    const changed = [{ ...rules[0], risk: 'CRITICAL' }];
    const updated = await policies.update(policy.id, { rules: changed, expectedVersion: 1 }, actor);
    assert.equal(updated.policy.version, 2);
    assert.deepEqual(updated.policy.rules, changed);
    const events = await store.readStream(`policy-${policy.id}`);
    assert.equal(events.at(-1)?.position, updated.position);
    await assert.rejects(policies.update(policy.id, { rules, expectedVersion: 1 }, actor), ConflictError);
  });
});
