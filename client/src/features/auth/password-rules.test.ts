import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { passwordProblems } from './password-rules.ts';

describe('passwordProblems', () => {
  it('asks for 12 to 1024 characters and two equal entries', () => {
    assert.deepEqual(passwordProblems('short', 'short'), { password: 'Use at least 12 characters.' });
    assert.deepEqual(passwordProblems('x'.repeat(1025), 'x'.repeat(1025)), {
      password: 'Use at most 1024 characters.',
    });
    assert.deepEqual(passwordProblems('long enough pass', 'long enough pas'), {
      confirmation: 'The two passwords differ.',
    });
    assert.deepEqual(passwordProblems('long enough pass', 'long enough pass'), {});
  });
});
