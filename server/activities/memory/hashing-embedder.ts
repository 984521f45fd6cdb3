import { hash } from 'node:crypto';
import type { Embedder } from './embedder.ts';

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * A local embedder that needs no model and no network: feature hashing of words and word bigrams
 * into `dims` buckets (signed, to cancel collisions on average), L2-normalised. Similar texts share
 * words and so point the same way; it knows nothing of synonyms. Named `local-hashing-v1` wherever it
 * shows, so nobody mistakes it for a semantic model.
 */
export function createHashingEmbedder(options: { dims?: number } = {}): Embedder {
  const dims = options.dims ?? 256;
  const embedOne = (text: string): number[] => {
    const vector = new Array<number>(dims).fill(0);
    const words = (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 1);
    const features = [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
    for (const feature of features) {
      // One-shot hashing: the same digest as createHash at half the cost (two per word, every step).
      const digest = hash('sha1', feature, 'buffer');
      const bucket = digest.readUInt32BE(0) % dims;
      const sign = (digest[4] as number) & 1 ? 1 : -1;
      vector[bucket] = (vector[bucket] as number) + sign * (feature.includes(' ') ? 0.5 : 1);
    }
    const norm = Math.hypot(...vector);
    return norm === 0 ? vector : vector.map((value) => value / norm);
  };
  return {
    model: 'local-hashing-v1',
    dims,
    embed: async (texts) => texts.map(embedOne),
  };
}
