import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { bucketStarts, niceCeiling, type UsageRow, usageSeries } from './usage-series.ts';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-01-01T10:00:00.000Z');

function row(hour: number, model: string, agent: string, tokens: number, cost = 0): UsageRow {
  return {
    start: new Date(t0 + hour * HOUR).toISOString(),
    model,
    agentId: agent,
    agentName: `Agent ${agent}`,
    inputTokens: tokens,
    outputTokens: 0,
    costUsd: cost,
    llmCalls: 1,
  };
}

describe('usageSeries', () => {
  it('fills every bucket of the range and sums rows per model', () => {
    const rows = [row(0, 'gpt', 'a', 10), row(0, 'gpt', 'b', 5), row(2, 'claude', 'a', 7)];
    const result = usageSeries(rows, {
      by: 'model',
      metric: 'tokens',
      fromMs: t0,
      toMs: t0 + 3 * HOUR,
      bucket: 'HOUR',
    });
    assert.equal(result.starts.length, 4);
    assert.deepEqual(
      result.series.map((s) => [s.label, s.values]),
      [
        ['gpt', [15, 0, 0, 0]],
        ['claude', [0, 0, 7, 0]],
      ],
    );
  });

  it('groups by agent with its name, and folds the smallest series into Other', () => {
    const rows = ['a', 'b', 'c', 'd'].map((agent, i) => row(0, 'm', agent, (i + 1) * 10, i + 1));
    const result = usageSeries(rows, {
      by: 'agent',
      metric: 'cost',
      fromMs: t0,
      toMs: t0,
      bucket: 'HOUR',
      maxSeries: 3,
    });
    assert.deepEqual(
      result.series.map((s) => [s.label, s.total]),
      [
        ['Agent d', 4],
        ['Agent c', 3],
        ['Other', 3],
      ],
    );
  });

  it('keeps every total whatever the grouping', () => {
    const rowArb = fc.record({
      hour: fc.nat(23),
      model: fc.constantFrom('x', 'y', 'z'),
      agent: fc.constantFrom('a', 'b'),
      tokens: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (specs, maxSeries) => {
        const rows = specs.map((spec) => row(spec.hour, spec.model, spec.agent, spec.tokens));
        const expected = specs.reduce((sum, spec) => sum + spec.tokens, 0);
        for (const by of ['model', 'agent'] as const) {
          const result = usageSeries(rows, {
            by,
            metric: 'tokens',
            fromMs: t0,
            toMs: t0 + 24 * HOUR,
            bucket: 'HOUR',
            maxSeries,
          });
          const total = result.series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);
          assert.equal(total, expected);
          assert.ok(result.series.length <= maxSeries);
        }
      }),
    );
  });
});

describe('bucketStarts and niceCeiling', () => {
  it('aligns buckets to UTC and includes the bucket holding the end', () => {
    const starts = bucketStarts(t0 + 90_000, t0 + 4 * 60_000, 'MINUTE');
    assert.deepEqual(
      starts,
      [1, 2, 3, 4].map((m) => t0 + m * 60_000),
    );
  });

  it('rounds an axis maximum up to 1, 2, 2.5 or 5 times a power of ten', () => {
    assert.deepEqual(
      [0, 0.003, 7, 12, 240, 2600, 9100].map(niceCeiling),
      [1, 0.005, 10, 20, 250, 5000, 10000],
    );
  });
});
