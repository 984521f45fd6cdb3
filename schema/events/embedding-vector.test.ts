import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeFloat32, embeddingVector, encodeFloat32 } from './embedding-vector.ts';

describe('float32 text of an embedding', () => {
  it('round-trips every vector at float32 precision', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true })), (vector) => {
        assert.deepEqual(decodeFloat32(encodeFloat32(vector)), vector.map(Math.fround));
      }),
    );
  });

  it('is little-endian float32, 4 bytes a number', () => {
    assert.equal(encodeFloat32([1]), Buffer.from([0, 0, 0x80, 0x3f]).toString('base64'));
    assert.equal(Buffer.from(encodeFloat32(new Array(256).fill(0.5)), 'base64').length, 1024);
  });

  it('refuses text that is not base64 of whole float32 values', () => {
    for (const text of ['not base64!', 'AAA', 'AAAAAAA=', 'AAAA AAAA'])
      assert.equal(decodeFloat32(text), null, text);
    assert.deepEqual(decodeFloat32(''), []);
    assert.throws(() => embeddingVector({ vectorFloat32LE: 'AAAAAAA=' }), TypeError);
  });
});
