import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { createSecretBox, SecretUnreadableError } from './secret-box.ts';

const PLATFORM_SECRET = 'platform-secret-platform-secret-0123456789';

describe('secret box', () => {
  it('seals a secret so the log never holds it in clear, and opens it again', () => {
    const box = createSecretBox(PLATFORM_SECRET);
    const sealed = box.seal('whsec-integrator-1234');
    assert.ok(!JSON.stringify(sealed).includes('whsec'));
    assert.equal(box.open(sealed), 'whsec-integrator-1234');
    // A fresh IV each time: two seals of the same secret differ.
    assert.notEqual(box.seal('whsec-integrator-1234').ciphertext, sealed.ciphertext);
  });

  it('refuses a secret sealed under another platform secret, or altered', () => {
    const sealed = createSecretBox(PLATFORM_SECRET).seal('whsec-integrator-1234');
    assert.throws(() => createSecretBox(`${PLATFORM_SECRET}-rotated`).open(sealed), SecretUnreadableError);
    const altered = { ...sealed, ciphertext: `A${sealed.ciphertext.slice(1)}` };
    assert.throws(() => createSecretBox(PLATFORM_SECRET).open(altered), SecretUnreadableError);
  });
});
