import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createHashingEmbedder } from './hashing-embedder.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

describe('hashing embedder', () => {
  const embedder = createHashingEmbedder();

  it('is deterministic, unit length and of its declared size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (text) => {
        const [a] = await embedder.embed([text]);
        const [b] = await embedder.embed([text]);
        assert.deepEqual(a, b);
        assert.equal(a?.length, 256);
        const norm = Math.hypot(...(a as number[]));
        assert.ok(norm === 0 || Math.abs(norm - 1) < 1e-9);
      }),
    );
  });

  it('keeps local-hashing-v1 exact, whether a feature is hashed or remembered', async () => {
    // Stored memories are compared with new embeddings of the same model name: its values never move.
    const golden = {
      17: 0.15617376188860607,
      36: -0.15617376188860607,
      54: 0.31234752377721214,
      56: -0.31234752377721214,
      151: -0.15617376188860607,
      165: -0.15617376188860607,
      166: -0.4685212856658182,
      181: -0.31234752377721214,
      245: 0.6246950475544243,
    };
    const fresh = createHashingEmbedder();
    for (let pass = 0; pass < 2; pass++) {
      const [vector] = await fresh.embed(['Refund requests for damaged orders, refund']);
      const nonZero = Object.fromEntries((vector as number[]).flatMap((x, i) => (x !== 0 ? [[i, x]] : [])));
      assert.deepEqual(nonZero, golden);
    }
  });

  it('ranks a text sharing words above an unrelated one', async () => {
    const [query, close, far] = await embedder.embed([
      'refund requests for damaged orders',
      'customer asked for a refund because the order arrived damaged',
      'quarterly marketing newsletter schedule',
    ]);
    assert.ok(
      cosine(query as number[], close as number[]) > cosine(query as number[], far as number[]) + 0.2,
    );
  });
});
