import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { type ComparableItem, compareItems, countChanges } from './compare-items';

const item = (
  itemId: string,
  index: number,
  score: number | null,
  passed: boolean | null,
): ComparableItem => ({
  itemId,
  index,
  goal: `goal ${itemId}`,
  score,
  passed,
  runId: `run-${itemId}`,
  costUsd: 0,
  latencyMs: 100,
});

describe('compareItems', () => {
  it('lines items up by id, and calls a lower score or a pass turned fail a regression', () => {
    const a = [
      item('1', 0, 1, true),
      item('2', 1, 0.5, false),
      item('3', 2, 1, true),
      item('4', 3, 0.8, true),
    ];
    const b = [
      item('4', 3, 0.8, false), // same mean, but it no longer passes
      item('3', 2, 0.6, false),
      item('2', 1, 0.9, true),
      item('1', 0, 1.002, true), // within the epsilon
      item('5', 4, null, null),
    ];
    const rows = compareItems(a, b);
    assert.deepEqual(
      rows.map((row) => [row.itemId, row.change]),
      [
        ['1', 'SAME'],
        ['2', 'IMPROVEMENT'],
        ['3', 'REGRESSION'],
        ['4', 'REGRESSION'],
        ['5', 'ONLY_B'],
      ],
    );
    assert.equal(rows[2]?.delta?.toFixed(2), '-0.40');
    assert.deepEqual(countChanges(rows), {
      REGRESSION: 2,
      IMPROVEMENT: 1,
      SAME: 1,
      ONLY_A: 0,
      ONLY_B: 1,
      PENDING: 0,
    });
  });

  it('an item not scored yet on either side is pending, not a regression', () => {
    const rows = compareItems([item('1', 0, 1, true)], [item('1', 0, null, null)]);
    assert.deepEqual([rows[0]?.change, rows[0]?.delta], ['PENDING', null]);
  });
});
