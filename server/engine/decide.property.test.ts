import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { decide } from './decide.ts';
import { foldRun, isTerminal } from './run-state.ts';
import { assertWellFormedConversation, recorded, runHistoryArbitrary, TEST_START } from './testing.ts';

describe('decide over arbitrary event sequences', () => {
  test('folding is deterministic and total; decide and the conversation never throw', () => {
    fc.assert(
      fc.property(runHistoryArbitrary(), fc.integer({ min: 0, max: 2 * 86_400_000 }), (events, offset) => {
        for (const event of events) eventCatalogue.validate(event.type, event.data);
        const state = foldRun(recorded(events));
        assert.deepEqual(foldRun(recorded(events)), state);
        assert.equal(state.revision, events.length - 1);
        const ctx = { now: new Date(TEST_START.getTime() + offset) };
        const command = decide(state, ctx);
        assert.deepEqual(decide(state, ctx), command);
        assert.equal(command.kind === 'none', isTerminal(state.status), `${state.status} → ${command.kind}`);
        assertWellFormedConversation(state);
      }),
      { numRuns: 1000 },
    );
  });
});
