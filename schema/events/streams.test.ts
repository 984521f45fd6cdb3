import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import {
  agentStream,
  datasetStream,
  evaluationStream,
  idFromStream,
  integrationStream,
  parseStream,
  policyStream,
  runStream,
} from './streams.ts';

describe('stream names', () => {
  test('are <kind>-<id>', () => {
    const id = '0192f0c1-7a2b-7c3d-8e4f-5a6b7c8d9e01';
    assert.equal(agentStream(id), `agent-${id}`);
    assert.equal(runStream(id), `run-${id}`);
    assert.equal(policyStream(id), `policy-${id}`);
    assert.equal(integrationStream(id), `integration-${id}`);
  });

  test('give back their kind and id', () => {
    const helpers = [
      ['agent', agentStream],
      ['run', runStream],
      ['policy', policyStream],
      ['integration', integrationStream],
      ['dataset', datasetStream],
      ['evaluation', evaluationStream],
    ] as const;
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom(...helpers), (id, [kind, stream]) => {
        assert.equal(idFromStream(stream(id)), id);
        assert.deepEqual(parseStream(stream(id)), { kind, id });
      }),
    );
  });

  test('refuse names of no known kind or without an id', () => {
    for (const name of ['run', 'run-', 'runs-1', 'agent_1', 'thing-1', '', '$all']) {
      assert.throws(
        () => idFromStream(name),
        /is not an agent, run, policy, integration, account, dataset or evaluation stream/,
        name,
      );
    }
  });
});
