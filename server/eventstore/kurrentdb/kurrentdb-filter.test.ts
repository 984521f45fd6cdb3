import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { planAllFilter } from './kurrentdb-filter.ts';

describe('planAllFilter', () => {
  it('without a filter, has the server exclude system event types and drops system streams here', () => {
    const plan = planAllFilter(undefined);
    assert.equal(plan.none, false);
    assert.equal(plan.server.filterOn, 'eventType');
    assert.ok('regex' in plan.server && plan.server.regex === '^[^$].*');
    assert.equal(plan.accepts('run-1', 'RunStarted'), true);
    assert.equal(plan.accepts('run-1', '$metadata'), false);
    assert.equal(plan.accepts('$$run-1', 'Anything'), false);
    assert.equal(plan.accepts('$et-RunStarted', '$>'), false);
  });

  it('sends stream prefixes to the server and checks event types here, exactly', () => {
    const plan = planAllFilter({ streamPrefixes: ['run-', 'agent-'], eventTypes: ['RunStarted'] });
    assert.deepEqual(plan.server, {
      filterOn: 'streamName',
      checkpointInterval: 1,
      checkpointReached: undefined,
      prefixes: ['run-', 'agent-'],
    });
    assert.equal(plan.accepts('run-1', 'RunStarted'), true);
    assert.equal(plan.accepts('agent-1', 'RunStarted'), true);
    assert.equal(plan.accepts('run-1', 'RunStartedV2'), false);
    assert.equal(plan.accepts('policy-1', 'RunStarted'), false);
  });

  it('sends event types to the server as prefixes when no stream prefix is given', () => {
    const plan = planAllFilter({ eventTypes: ['RunStarted', 'RunCompleted'] });
    assert.equal(plan.server.filterOn, 'eventType');
    assert.ok('prefixes' in plan.server);
    assert.deepEqual(plan.server.prefixes, ['RunStarted', 'RunCompleted']);
    assert.equal(plan.accepts('run-1', 'RunCompleted'), true);
    assert.equal(plan.accepts('run-1', 'RunStartedV2'), false, 'a prefix match is not enough');
    assert.equal(plan.accepts('$system', 'RunStarted'), false);
  });

  it('matches nothing for an empty list, as the other adapters do', () => {
    for (const filter of [
      { streamPrefixes: [] },
      { eventTypes: [] },
      { streamPrefixes: ['run-'], eventTypes: [] },
    ]) {
      const plan = planAllFilter(filter);
      assert.equal(plan.none, true);
      assert.equal(plan.accepts('run-1', 'RunStarted'), false);
    }
  });

  it('does not share the caller’s arrays with the client', () => {
    const streamPrefixes = ['run-'];
    const plan = planAllFilter({ streamPrefixes });
    streamPrefixes.push('agent-');
    assert.ok('prefixes' in plan.server);
    assert.deepEqual(plan.server.prefixes, ['run-']);
  });
});
