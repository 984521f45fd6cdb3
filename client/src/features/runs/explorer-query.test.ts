import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import {
  EMPTY_EXPLORER,
  explorerFilter,
  explorerParams,
  parseExplorerParams,
  runsExplorerHref,
} from './explorer-query';

describe('explorer query', () => {
  it('round-trips a state through the URL, dropping unknown values', () => {
    const url = new URLSearchParams(
      'q=refund&status=FAILED,BOGUS,COMPLETED&risk=SEVERE&sort=NOPE&agent=a1&version=2&minCost=0.1&annotated=no',
    );
    const state = parseExplorerParams(url);
    assert.deepEqual(state, {
      ...EMPTY_EXPLORER,
      q: 'refund',
      status: ['FAILED', 'COMPLETED'],
      agent: 'a1',
      version: '2',
      minCost: '0.1',
      annotated: 'no',
    });
    assert.deepEqual(parseExplorerParams(explorerParams(state)), state);
    assert.equal(explorerParams(EMPTY_EXPLORER).toString(), '');
    assert.equal(runsExplorerHref({}), '/runs');
    assert.equal(
      runsExplorerHref({ status: ['FAILED'] as never, agent: 'a' }),
      '/runs?status=FAILED&agent=a',
    );
  });

  it('turns a state into the API filter, or names what is wrong', () => {
    assert.deepEqual(
      explorerFilter({
        ...EMPTY_EXPLORER,
        q: '  ',
        since: '2026-12-01T10:00:00.000Z',
        until: '2026-12-02T10:00:00.000Z',
        maxCost: '0',
        annotated: 'no',
      }),
      {
        filter: {
          since: '2026-12-01T10:00:00.000Z',
          until: '2026-12-02T10:00:00.000Z',
          annotated: false,
          maxCostUsd: 0,
        },
      },
    );
    assert.deepEqual(
      explorerFilter({
        ...EMPTY_EXPLORER,
        version: '1.5',
        since: 'yesterday',
        minCost: '-1',
      }),
      {
        errors: {
          version: 'A version is a whole number from 1',
          since: 'Not a date and time',
          minCost: 'An amount in dollars, 0 or more',
        },
      },
    );
    assert.deepEqual(
      explorerFilter({ ...EMPTY_EXPLORER, since: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z' }),
      { errors: { until: 'Must be after “from”' } },
    );
  });
});
