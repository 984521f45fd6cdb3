import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { costOf, PRICE_TABLE, priceFor } from './price-table.ts';

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

describe('price table documentation', () => {
  it('every entry has a source and an as-of date, and docs/pricing.md lists exactly these rows', () => {
    // Cells, not padding: the formatter aligns the table's columns.
    const documented = readFileSync(new URL('../../../docs/pricing.md', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    const expected = Object.entries(PRICE_TABLE).map(([model, price]) => {
      assert.match(price.source, /^https:\/\/\S+$/, `${model} source`);
      assert.match(price.asOf, /^\d{4}-\d{2}-\d{2}$/, `${model} asOf`);
      assert.ok(price.cachedInput <= price.input, `${model}: cache hits never cost more than input`);
      return [
        `\`${model}\``,
        ...[price.input, price.cachedInput, price.output].map(String),
        price.source,
        price.asOf,
      ];
    });
    assert.deepEqual(documented, expected);
  });
});
