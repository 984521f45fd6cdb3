import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import {
  formatCompact,
  formatCost,
  formatCountdown,
  formatDateTime,
  formatDuration,
  formatFullDateTime,
  formatPercent,
  formatRelativeTime,
  humanizeEnum,
  providerName,
  startOfToday,
} from './format.ts';

describe('format', () => {
  it('compacts token counts', () => {
    assert.deepEqual([0, 950, 1000, 6340, 12_345, 999_999, 4_500_000, 2_000_000_000].map(formatCompact), [
      '0',
      '950',
      '1k',
      '6.34k',
      '12.3k',
      '1000k',
      '4.5M',
      '2B',
    ]);
    assert.equal(formatCompact(null), '—');
  });

  it('keeps sub-cent costs readable', () => {
    assert.deepEqual([0, 0.0012, 0.01, 1.5, 1234.5].map(formatCost), [
      '$0.00',
      '$0.0012',
      '$0.01',
      '$1.50',
      '$1,235',
    ]);
  });

  it('formats durations from milliseconds to days', () => {
    assert.deepEqual([850, 12_340, 245_000, 7_380_000, 3 * 86_400_000 + 4 * 3_600_000].map(formatDuration), [
      '850 ms',
      '12.3 s',
      '4m 05s',
      '2h 03m',
      '3d 04h',
    ]);
    assert.equal(formatDuration(null), '—');
    assert.equal(formatDuration(-5), '0 ms');
  });

  it('counts down to a deadline and says when it passed', () => {
    assert.equal(formatCountdown(0), 'Expired');
    assert.equal(formatCountdown(9_100), '10s');
    assert.equal(formatCountdown(86_399_000), '23h 59m');
  });

  it('says how long ago, or how long until', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(formatRelativeTime('2026-01-01T11:59:50Z', now), 'just now');
    assert.equal(formatRelativeTime('2026-01-01T11:55:00Z', now), '5 min ago');
    assert.equal(formatRelativeTime('2026-01-01T09:00:00Z', now), '3 h ago');
    assert.equal(formatRelativeTime('2026-01-03T12:00:00Z', now), 'in 2 d');
    assert.equal(formatRelativeTime(null, now), '—');
  });

  it('formats instants in a given time zone', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    assert.equal(formatDateTime('2026-11-25T03:37:14.000Z', 'UTC', now), 'Nov 25, 03:37:14');
    assert.equal(formatDateTime('not a date'), '—');
  });

  it('shows the year of a date from another year, in the zone the date is read in', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    assert.equal(formatDateTime('2025-11-25T03:37:14.000Z', 'UTC', now), 'Nov 25, 2025, 03:37:14');
    assert.equal(formatDateTime('2027-01-02T00:00:00.000Z', 'UTC', now), 'Jan 2, 2027, 00:00:00');
    // 23:30 UTC on Dec 31 is already next year in Tokyo, and still this year in UTC.
    const newYearsEve = new Date('2026-12-31T23:30:00Z');
    assert.equal(formatDateTime('2026-12-31T23:00:00Z', 'UTC', newYearsEve), 'Dec 31, 23:00:00');
    assert.equal(formatDateTime('2026-12-31T14:00:00Z', 'Asia/Tokyo', newYearsEve), 'Dec 31, 2026, 23:00:00');
  });

  it('spells out the whole instant and its time zone for a title on hover', () => {
    assert.equal(
      formatFullDateTime('2026-11-25T03:37:14.000Z', 'UTC'),
      'Wednesday, November 25, 2026 at 03:37:14 UTC',
    );
    assert.equal(
      formatFullDateTime('2026-11-25T03:37:14.000Z', 'Europe/Paris'),
      'Wednesday, November 25, 2026 at 04:37:14 GMT+1 (Europe/Paris)',
    );
    assert.equal(formatFullDateTime(null), '—');
  });

  it('names enums and providers for people', () => {
    assert.equal(humanizeEnum('WAITING_FOR_APPROVAL'), 'Waiting for approval');
    assert.deepEqual(['OPENAI', 'ANTHROPIC', 'DEMO', 'OTHER_ONE'].map(providerName), [
      'OpenAI',
      'Anthropic',
      'Demo',
      'Other one',
    ]);
    assert.equal(formatPercent(0.125), '12.5%');
    assert.equal(formatPercent(1 / 3), '33.3%');
  });

  it('starts today at local midnight', () => {
    const start = new Date(startOfToday(new Date(2026, 4, 17, 15, 30)));
    assert.deepEqual(
      [start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()],
      [2026, 4, 17, 0, 0],
    );
  });
});
