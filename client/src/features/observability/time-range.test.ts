import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { autoBucket, resolveRange } from './time-range.ts';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const auto = { from: '', to: '', bucket: 'AUTO' as const };

describe('resolveRange', () => {
  it('resolves presets relative to now with their bucket', () => {
    assert.deepEqual(resolveRange('hour', now, auto), {
      from: '2026-03-01T11:00:00.000Z',
      to: '2026-03-01T12:00:00.000Z',
      bucket: 'MINUTE',
    });
    assert.equal((resolveRange('week', now, auto) as { bucket: string }).bucket, 'DAY');
  });

  it('checks a custom range and picks a bucket for its span', () => {
    assert.deepEqual(
      resolveRange('custom', now, { from: '2026-03-01T10:00Z', to: '2026-03-01T09:00Z', bucket: 'AUTO' }),
      {
        error: 'The range must end after it starts.',
      },
    );
    assert.deepEqual(resolveRange('custom', now, { ...auto, to: '2026-03-01T09:00Z' }), {
      error: 'Choose when the range starts.',
    });
    const ok = resolveRange('custom', now, { from: '2026-02-20T00:00Z', to: '', bucket: 'AUTO' });
    assert.deepEqual(ok, { from: '2026-02-20T00:00:00.000Z', to: '2026-03-01T12:00:00.000Z', bucket: 'DAY' });
    assert.match(
      (
        resolveRange('custom', now, { from: '2026-01-01T00:00Z', to: '', bucket: 'MINUTE' }) as {
          error: string;
        }
      ).error,
      /more than 1000 minutes/,
    );
  });

  it('picks minutes for hours, hours for days, days for weeks', () => {
    assert.deepEqual([3_600_000, 86_400_000, 10 * 86_400_000].map(autoBucket), ['MINUTE', 'HOUR', 'DAY']);
  });
});
