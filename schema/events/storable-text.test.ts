import { describe, expect, it } from 'vitest';
import { hasUnstorableText, makeStorable, REPLACEMENT_CHARACTER, storableString } from './storable-text.ts';

const NUL = '\u0000';
const LONE_HIGH = '\uD800';
const PAIR = '\uD83D\uDE00';

describe('makeStorable', () => {
  it('returns a clean value itself, not a copy, and names no path', () => {
    const value = { goal: 'hello', steps: [{ thought: 'ok', n: 1 }], embedding: [0.5, -0.5], done: true };
    const { value: out, changedPaths } = makeStorable(value);
    expect(out).toBe(value);
    expect(changedPaths).toEqual([]);
  });

  it('replaces NUL and lone surrogates unit for unit and names each path', () => {
    const value = { params: { sql: `a${NUL}b` }, steps: [{ thought: 'ok' }, { thought: `x${LONE_HIGH}` }] };
    const { value: out, changedPaths } = makeStorable(value);
    expect(out).toEqual({
      params: { sql: `a${REPLACEMENT_CHARACTER}b` },
      steps: [{ thought: 'ok' }, { thought: `x${REPLACEMENT_CHARACTER}` }],
    });
    expect(changedPaths).toEqual(['params.sql', 'steps.1.thought']);
    expect(value.params.sql).toBe(`a${NUL}b`);
  });

  it('keeps surrogate pairs and copies only what changed', () => {
    const clean = { text: PAIR };
    const value = { clean, list: [1, null, 'fine', `bad${NUL}`] };
    const { value: out, changedPaths } = makeStorable(value);
    expect(out.clean).toBe(clean);
    expect(out.list).toEqual([1, null, 'fine', `bad${REPLACEMENT_CHARACTER}`]);
    expect(changedPaths).toEqual(['list.3']);
  });

  it('repairs object keys and notes them with (key)', () => {
    const { value: out, changedPaths } = makeStorable({ [`k${NUL}`]: 1, other: 2 });
    expect(out).toEqual({ [`k${REPLACEMENT_CHARACTER}`]: 1, other: 2 });
    expect(changedPaths).toEqual([`k${REPLACEMENT_CHARACTER}(key)`]);
  });

  it('repairs a bare string and leaves class instances alone', () => {
    expect(makeStorable(`${NUL}`)).toEqual({ value: REPLACEMENT_CHARACTER, changedPaths: ['(value)'] });
    const date = new Date(0);
    expect(makeStorable({ at: date }).value.at).toBe(date);
  });
});

describe('storableString', () => {
  it('is the same string when clean and one unit per bad unit otherwise', () => {
    expect(hasUnstorableText(PAIR)).toBe(false);
    expect(storableString('\uDC00x')).toBe(`${REPLACEMENT_CHARACTER}x`);
    expect(storableString(`${LONE_HIGH}${NUL}`)).toHaveLength(2);
  });
});
