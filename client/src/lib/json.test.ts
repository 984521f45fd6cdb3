import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { locateJsonError, parseJson, parseJsonObject } from './json.ts';

describe('parseJson and parseJsonObject', () => {
  it('parses, and says where the syntax goes wrong', () => {
    assert.deepEqual(parseJson('{"a": [1, 2]}'), { ok: true, value: { a: [1, 2] } });
    assert.deepEqual(parseJson('{\n  "a": 1,\n  "b": }'), {
      ok: false,
      error: 'Invalid JSON at line 3, column 8: unexpected "}"',
    });
    assert.deepEqual(parseJson('{"a": 1,}'), {
      ok: false,
      error: 'Invalid JSON at line 1, column 9: expected a "key"',
    });
    assert.deepEqual(parseJson('[1 2]'), {
      ok: false,
      error: 'Invalid JSON at line 1, column 4: expected "," or "]"',
    });
  });

  it('requires an object for tool parameters', () => {
    assert.deepEqual(parseJsonObject('[1]'), { ok: false, error: 'Must be a JSON object ({ … }).' });
    assert.deepEqual(parseJsonObject('{"to": "x"}'), { ok: true, value: { to: 'x' } });
  });

  it('finds no error exactly when JSON.parse accepts the text', () => {
    const texts = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
      fc.string({
        unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', 'a', ' ', '\n', 'true', '\\'),
      }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(locateJsonError(text) === null, valid, text);
      }),
    );
  });
});
