import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { checkBudget } from './budget.ts';

const start = new Date('2025-01-01T12:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const zero = { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

describe('checkBudget', () => {
  test('an empty budget never stops a run', () => {
    const huge = { steps: 1e6, inputTokens: 1e9, outputTokens: 1e9, costUsd: 1e6 };
    assert.equal(checkBudget({}, huge, at(1e12), start), null);
  });

  test('each limit stops the run once its total reaches it, naming the budget', () => {
    assert.equal(checkBudget({ maxSteps: 3 }, { ...zero, steps: 2 }, start, start), null);
    assert.deepEqual(checkBudget({ maxSteps: 3 }, { ...zero, steps: 3 }, start, start), {
      budget: 'maxSteps',
      limit: 3,
      actual: 3,
      message: 'Budget maxSteps exceeded: 3 steps taken of 3 allowed.',
    });
    const tokens = checkBudget(
      { maxTokens: 100 },
      { ...zero, inputTokens: 60, outputTokens: 41 },
      start,
      start,
    );
    assert.equal(tokens?.budget, 'maxTokens');
    assert.equal(tokens?.actual, 101);
    assert.equal(
      checkBudget({ maxCostUsd: 1 }, { ...zero, costUsd: 1.5 }, start, start)?.budget,
      'maxCostUsd',
    );
    const wall = checkBudget({ maxWallTimeMs: 1000 }, zero, at(1000), start);
    assert.equal(wall?.message, 'Budget maxWallTimeMs exceeded: 1000 ms elapsed of 1000 ms allowed.');
    assert.equal(checkBudget({ maxWallTimeMs: 1000 }, zero, at(999), start), null);
  });

  test('a clock behind the start counts as no time elapsed', () => {
    assert.equal(checkBudget({ maxWallTimeMs: 1 }, zero, at(-5000), start), null);
  });

  test('exceeded exactly when some total has reached its limit', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), fc.nat(20), fc.nat(20), (maxSteps, steps, maxTokens, tokens) => {
        const result = checkBudget(
          { maxSteps: maxSteps + 1, maxTokens: maxTokens + 1 },
          { ...zero, steps, inputTokens: tokens },
          start,
          start,
        );
        assert.equal(result !== null, steps >= maxSteps + 1 || tokens >= maxTokens + 1);
      }),
    );
  });
});
