import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { decide } from './decide.ts';
import type { RunCommand } from './run-command.ts';
import { foldRun, isTerminal } from './run-state.ts';
import { SimulatedWorld } from './simulated-world.ts';
import { assertWellFormedConversation } from './testing.ts';

describe('decide driving a run against a scripted world', () => {
  test('every run ends, runs tools only as safety and humans allowed, and records valid events', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 80 }), (choices) => {
        const world = new SimulatedWorld(choices);
        let command: RunCommand = decide(world.state, { now: world.now });
        for (let i = 0; world.perform(command); i++) {
          assert.ok(i < choices.length * 4 + 60, `no end in sight: ${command.kind}`);
          assertWellFormedConversation(world.state);
          command = decide(world.state, { now: world.now });
        }
        assert.equal(command.kind, 'none');
        assert.ok(isTerminal(world.state.status));
        assert.deepEqual(foldRun(world.log), world.state);
      }),
      { numRuns: 500 },
    );
  });
});
