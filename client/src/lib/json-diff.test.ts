import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { collapseDiff, type DiffLine, diffJson, diffLines, jsonChanges } from './json-diff.ts';

/** What each side of a diff says, rebuilt from the diff. */
function sides(lines: readonly DiffLine[]) {
  return {
    before: lines.filter((line) => line.kind !== 'added').map((line) => line.text),
    after: lines.filter((line) => line.kind !== 'removed').map((line) => line.text),
  };
}

describe('diffLines', () => {
  it('marks the changed line and keeps the rest', () => {
    assert.deepEqual(diffLines('a\nb\nc', 'a\nB\nc'), [
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('always rebuilds both texts, and is minimal when one side is a subsequence', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '{', '}'), { maxLength: 30 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const lines = diffLines(a.join('\n'), b.join('\n'));
        assert.deepEqual(sides(lines), {
          before: a.join('\n') === '' ? [] : a,
          after: b.join('\n') === '' ? [] : b,
        });
      }),
    );
    const lines = diffLines('a\nb\nc', 'a\nx\nb\nc');
    assert.equal(lines.filter((line) => line.kind !== 'same').length, 1);
  });
});

describe('diffJson and jsonChanges', () => {
  it('ignores key order and names the paths that changed', () => {
    const proposed = { to: ['leads@example.com'], subject: 'Summary', body: 'Hi' };
    const edited = { subject: 'Summary', body: 'Hello', to: ['team@example.com'], cc: 'x@example.com' };
    assert.deepEqual(
      diffJson(proposed, { ...proposed }).filter((line) => line.kind !== 'same'),
      [],
    );
    assert.deepEqual(jsonChanges(proposed, edited), [
      { path: 'to[0]', kind: 'changed' },
      { path: 'body', kind: 'changed' },
      { path: 'cc', kind: 'added' },
    ]);
    assert.deepEqual(jsonChanges({ a: [1, 2] }, { a: [1] }), [{ path: 'a[1]', kind: 'removed' }]);
    assert.deepEqual(jsonChanges(1, 2), [{ path: '(root)', kind: 'changed' }]);
  });
});

describe('collapseDiff', () => {
  it('keeps three lines of context around a change and counts what it hides', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = before.map((line, i) => (i === 10 ? 'changed' : line));
    const items = collapseDiff(diffLines(before.join('\n'), after.join('\n')));
    assert.deepEqual(items[0], { kind: 'skip', count: 7 });
    assert.deepEqual(items.at(-1), { kind: 'skip', count: 6 });
    assert.equal(items.filter((item) => item.kind === 'same').length, 6);
  });

  it('shows an unchanged diff whole', () => {
    const lines = diffLines('a\nb', 'a\nb');
    assert.deepEqual(collapseDiff(lines), lines);
  });
});
