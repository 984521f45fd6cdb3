import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import type { PolicyEventData } from '../../schema/events/index.ts';
import { evolvePolicy, foldPolicy } from './policy-state.ts';

const created: PolicyEventData = { type: 'PolicyCreated', data: exampleEvents.PolicyCreated };
const updated: PolicyEventData = { type: 'PolicyUpdated', data: exampleEvents.PolicyUpdated };
const archived: PolicyEventData = { type: 'PolicyArchived', data: exampleEvents.PolicyArchived };

describe('foldPolicy', () => {
  test('created, updated, archived', () => {
    assert.deepEqual(foldPolicy([created]), {
      policyId: exampleIds.policyId,
      name: 'Customer contact',
      version: 1,
      rules: exampleEvents.PolicyCreated.rules,
      archived: false,
    });
    const latest = foldPolicy([created, updated]);
    assert.equal(latest?.version, 2);
    assert.deepEqual(latest?.rules, exampleEvents.PolicyUpdated.rules);
    assert.equal(foldPolicy([created, updated, archived])?.archived, true);
  });

  test('nothing before PolicyCreated, and events of another policy are ignored', () => {
    assert.equal(foldPolicy([updated, archived]), null);
    const other = { ...exampleEvents.PolicyUpdated, policyId: exampleIds.agentId, version: 3 };
    assert.equal(evolvePolicy(foldPolicy([created]), { type: 'PolicyUpdated', data: other })?.version, 1);
  });

  test('any order of policy events folds without throwing, the same way twice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(created, updated, archived), { maxLength: 12 }), (events) => {
        assert.deepEqual(foldPolicy(events), foldPolicy(events));
      }),
    );
  });
});
