import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { readableJson } from './readable-json.ts';

describe('readableJson', () => {
  it('shows multi-line strings as their text, keys sorted, lists as items', () => {
    const text = readableJson({
      subject: 'Weekly summary',
      to: ['a@example.com', 'b@example.com'],
      body: 'Hello,\n\nAll good.',
    });
    assert.equal(
      text,
      [
        'body: |',
        '  Hello,',
        '  ',
        '  All good.',
        'subject: "Weekly summary"',
        'to:',
        '  - "a@example.com"',
        '  - "b@example.com"',
      ].join('\n'),
    );
  });

  it('nests objects and keeps scalars as JSON', () => {
    assert.equal(
      readableJson({ options: { limit: 5, dry: false, empty: {} }, tags: [] }),
      ['options:', '  dry: false', '  empty: {}', '  limit: 5', 'tags: []'].join('\n'),
    );
    assert.equal(readableJson(null), 'null');
    assert.equal(readableJson('one line'), '"one line"');
  });

  it('does not depend on key order', () => {
    assert.equal(readableJson({ a: 1, b: { c: 2, d: 3 } }), readableJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
