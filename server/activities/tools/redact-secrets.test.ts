import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact-secrets.ts';

describe('redactSecrets', () => {
  const cases: [string, string][] = [
    ['key sk-proj-AbCdEf0123456789xyzXYZ done', `key ${REDACTED} done`],
    ['ANTHROPIC sk-ant-api03-abcdefghijklmnop_qrs', `ANTHROPIC ${REDACTED}`],
    ['Authorization: Bearer eyJhbGciOi.abc.def', `Authorization: ${REDACTED}`],
    ['authorization=Basic dXNlcjpwYXNz', `authorization=${REDACTED}`],
    ['curl -H "Bearer abcdefgh12345678"', `curl -H "Bearer ${REDACTED}"`],
    ['login?user=ann&password=hunter2&x=1', `login?user=ann&password=${REDACTED}&x=1`],
    ['{"api_key": "abc123", "n": 1}', `{"api_key": "${REDACTED}", "n": 1}`],
    ['aws AKIAIOSFODNN7EXAMPLE here', `aws ${REDACTED} here`],
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      `aws_secret_access_key = ${REDACTED}`,
    ],
    ['postgres://app:s3cret@db.internal:5432/prod', `postgres://app:${REDACTED}@db.internal:5432/prod`],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', REDACTED],
  ];
  for (const [input, expected] of cases) {
    it(`redacts ${JSON.stringify(input)}`, () => assert.equal(redactSecrets(input), expected));
  }

  it('leaves ordinary text alone', () => {
    for (const text of [
      'The token count is 5',
      'maxTokens: 800',
      'a sk-short key',
      'password reset emails are slow',
      'Bearer of bad news',
    ]) {
      assert.equal(redactSecrets(text), text);
    }
  });

  it('redacts string values under secret-named keys, at any depth, without touching the input', () => {
    const input = {
      url: 'https://x.test',
      headers: { Authorization: 'Token abc', 'X-Api-Key': 'k-123', accept: 'json' },
      nested: [{ password: 'pw', token: 42 }, { apiKey: '' }],
    };
    assert.deepEqual(redactSecrets(input), {
      url: 'https://x.test',
      headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED, accept: 'json' },
      nested: [{ password: REDACTED, token: 42 }, { apiKey: '' }],
    });
    assert.equal(input.headers.Authorization, 'Token abc');
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    assert.deepEqual(redactSecrets(cyclic), { name: 'loop', self: '[Circular]' });
  });

  const secret = fc
    .stringMatching(/^[A-Za-z0-9]{20,40}$/)
    .chain((body) => fc.constantFrom(`sk-${body}`, `sk-proj-${body}`, `Bearer ${body}`, `password=${body}`));
  const filler = fc.stringMatching(/^[ a-z.,:]{0,30}$/);

  it('never lets a generated secret through, wherever it sits in the text', () => {
    fc.assert(
      fc.property(filler, secret, filler, (before, token, after) => {
        const body = token.replace(/^(sk-(proj-)?|Bearer |password=)/, '');
        const out = redactSecrets(`${before} ${token} ${after}`);
        assert.ok(!out.includes(body), out);
      }),
    );
  });

  it('is idempotent and keeps the shape of JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = redactSecrets(value);
        assert.deepEqual(redactSecrets(once), once);
        assert.equal(Array.isArray(once), Array.isArray(value));
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          assert.deepEqual(Object.keys(once as object), Object.keys(value));
        }
      }),
    );
  });
});

describe('redactSecrets keeps unusual keys', () => {
  it('keeps an own "__proto__" key as data (JSON can carry one)', () => {
    const value = JSON.parse('{"__proto__": "", "a": 1}') as Record<string, unknown>;
    const redacted = redactSecrets(value);
    assert.deepEqual(Object.keys(redacted), ['__proto__', 'a']);
    assert.equal(JSON.stringify(redacted), '{"__proto__":"","a":1}');
  });
});
