import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { paramFields, paramLabel, paramsFromFields, parseParam } from './param-fields.ts';

describe('paramFields', () => {
  it('puts an email’s to, subject and body first, and gives each value its kind of control', () => {
    const fields = paramFields('send_email', {
      body: 'Hi',
      urgent: true,
      subject: 'Summary',
      retries: 3,
      to: ['a@example.com', 'b@example.com'],
      meta: { tags: ['x'] },
    });
    assert.deepEqual(
      fields.map(({ key, kind, text }) => [key, kind, text]),
      [
        ['to', 'list', 'a@example.com, b@example.com'],
        ['subject', 'text', 'Summary'],
        ['body', 'textarea', 'Hi'],
        ['urgent', 'boolean', 'true'],
        ['retries', 'number', '3'],
        ['meta', 'json', '{\n  "tags": [\n    "x"\n  ]\n}'],
      ],
    );
  });

  it('gives long or multi-line strings a text area, and lists with commas inside JSON', () => {
    const [long, lines, commas, mixed] = paramFields('x', {
      a: 'y'.repeat(81),
      b: 'one\ntwo',
      c: ['Doe, Jane'],
      d: [1, 'a'],
    });
    assert.equal(long?.kind, 'textarea');
    assert.equal(lines?.kind, 'textarea');
    assert.equal(commas?.kind, 'json');
    assert.equal(mixed?.kind, 'json');
  });

  it('parses each kind back, and says what is wrong with a number or JSON', () => {
    assert.deepEqual(parseParam('list', ' a@x.io ,, b@y.io '), { ok: true, value: ['a@x.io', 'b@y.io'] });
    assert.deepEqual(parseParam('number', '2.5'), { ok: true, value: 2.5 });
    assert.deepEqual(parseParam('number', ''), { ok: false, error: 'Enter a number.' });
    assert.deepEqual(parseParam('number', '1e999'), { ok: false, error: 'Enter a number.' });
    assert.deepEqual(parseParam('boolean', 'false'), { ok: true, value: false });
    assert.equal(parseParam('json', '{').ok, false);
    const result = paramsFromFields([
      { key: 'n', kind: 'number', text: 'x' },
      { key: 's', kind: 'text', text: 'ok' },
    ]);
    assert.deepEqual(result, { ok: false, errors: { n: 'Enter a number.' } });
  });

  it('reading params into fields and back changes nothing', () => {
    const params = fc.dictionary(
      fc.stringMatching(/^[a-z][a-zA-Z_]{0,10}$/),
      fc.oneof(
        fc.string(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
        fc.boolean(),
        fc.array(fc.string()),
        fc.jsonValue(),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom('send_email', 'run_sql', 'other'), params, (tool, value) => {
        const json = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
        const back = paramsFromFields(paramFields(tool, json));
        assert.deepEqual(back, { ok: true, value: json });
      }),
    );
  });

  it('labels keys for people', () => {
    assert.equal(paramLabel('to'), 'To');
    assert.equal(paramLabel('max_results'), 'Max results');
    assert.equal(paramLabel('timeoutMs'), 'Timeout ms');
  });
});
