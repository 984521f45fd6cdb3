import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createMemoryEventStore } from '../eventstore/memory/memory-event-store.ts';
import { ConflictError, InvalidInputError } from './errors.ts';
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

  it('keeps a change note with the version it explains; saves without one still work', async () => {
    const { store, policies } = setup();
    const { policy } = await policies.create({ name: 'Mail', rules }, actor);
    const stricter = [{ ...rules[0], risk: 'CRITICAL' }];
    await policies.update(policy.id, { rules: stricter, note: '  Mail needs two eyes now  ' }, actor);
    await policies.update(policy.id, { rules }, actor);
    const versions = await policies.versions(policy.id);
    assert.deepEqual(
      versions.map((v) => [v.version, v.note]),
      [
        [1, null],
        [2, 'Mail needs two eyes now'],
        [3, null],
      ],
    );
    const updated = (await store.readStream(`policy-${policy.id}`))[1];
    assert.equal(updated?.data.note, 'Mail needs two eyes now');
  });

  it('refuses a note over 500 characters and writes nothing', async () => {
    const { store, policies } = setup();
    const { policy } = await policies.create({ name: 'Mail', rules }, actor);
    const stricter = [{ ...rules[0], risk: 'CRITICAL' }];
    await assert.rejects(
      policies.update(policy.id, { rules: stricter, note: 'x'.repeat(501) }, actor),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        /note/.test(error.message + String((error as { field?: string }).field)),
    );
    assert.equal((await store.readStream(`policy-${policy.id}`)).length, 1);
  });
});
