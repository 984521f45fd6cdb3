import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { costOf, priceFor } from './price-table.ts';

const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedTokens: 0, reasoningTokens: 0 };

describe('price table', () => {
  it('matches dated snapshots and the longest model family', () => {
    assert.equal(priceFor('gpt-4o-2024-08-06'), priceFor('gpt-4o'));
    assert.equal(priceFor('gpt-4o-mini-2024-07-18')?.input, 0.15);
    assert.equal(priceFor('claude-opus-4-1-20250805')?.input, 15);
    assert.equal(priceFor('claude-opus-4-5-20251101')?.input, 5);
    assert.equal(priceFor('o3-mini')?.output, 4.4);
    assert.equal(priceFor('gpt-4oo'), undefined, 'a prefix without a dash boundary is another model');
  });

  it('prices input, cached input and output separately', () => {
    assert.deepEqual(costOf('gpt-4o', usage), { costUsd: 12.5, priced: true });
    assert.deepEqual(costOf('gpt-4o', { ...usage, cachedTokens: 1_000_000 }), {
      costUsd: 11.25,
      priced: true,
    });
  });

  it('costs 0 and flags unpriced for the demo, local models and unknown names', () => {
    for (const model of ['demo-scripted-v1', 'llama3.1:8b', 'fake', '']) {
      assert.deepEqual(costOf(model, usage), { costUsd: 0, priced: false });
    }
  });
});
