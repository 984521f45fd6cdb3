import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { MAX_SEARCH_LENGTH, runFilterProblem } from './filter-rules.ts';

describe('run filter rules', () => {
  it('accepts what can be run', () => {
    assert.equal(runFilterProblem({}), null);
    assert.equal(
      runFilterProblem({
        search: 'x'.repeat(MAX_SEARCH_LENGTH),
        minCostUsd: 0,
        maxCostUsd: 0,
        agentVersion: 1,
      }),
      null,
    );
  });

  it('names the field of the first problem', () => {
    const cases: [Parameters<typeof runFilterProblem>[0], string][] = [
      [{ search: 'x'.repeat(MAX_SEARCH_LENGTH + 1) }, 'search'],
      [{ search: 'a\u0000' }, 'search'],
      [{ tool: '' }, 'tool'],
      [{ agentVersion: 1.5 }, 'agentVersion'],
      [{ minCostUsd: Number.NaN }, 'minCostUsd'],
      [{ maxCostUsd: -0.01 }, 'maxCostUsd'],
      [{ minCostUsd: 2, maxCostUsd: 1 }, 'maxCostUsd'],
    ];
    for (const [filter, field] of cases) assert.equal(runFilterProblem(filter)?.field, field, field);
  });
});
