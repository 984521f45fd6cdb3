import { hash } from 'node:crypto';
import type { Embedder } from './embedder.ts';

const WORD = /[\p{L}\p{N}_]+/gu;
const MAX_KNOWN_FEATURES = 50_000;

/**
 * A local embedder that needs no model and no network: feature hashing of words and word bigrams
 * into `dims` buckets (signed, to cancel collisions on average), L2-normalised. Similar texts share
 * words and so point the same way; it knows nothing of synonyms. Named `local-hashing-v1` wherever it
 * shows, so nobody mistakes it for a semantic model.
 */
export function createHashingEmbedder(options: { dims?: number } = {}): Embedder {
  const dims = options.dims ?? 256;
  // A feature's signed bucket, +(bucket + 1) or -(bucket + 1). The engine embeds every step, and
  // its texts repeat most of their words (the goal, the keys of a thought): a digest per word was
  // most of the embedder's time. Bounded: emptied when full, since any entry can be computed again.
  const known = new Map<string, number>();
  const signedBucket = (feature: string): number => {
    let signed = known.get(feature);
    if (signed === undefined) {
      const digest = hash('sha1', feature, 'buffer');
      const bucket = digest.readUInt32BE(0) % dims;
      signed = (digest[4] as number) & 1 ? bucket + 1 : -(bucket + 1);
      if (known.size >= MAX_KNOWN_FEATURES) known.clear();
      known.set(feature, signed);
    }
    return signed;
  };
  const embedOne = (text: string): number[] => {
    const vector = new Array<number>(dims).fill(0);
    const words = (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 1);
    const features = [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
    for (const feature of features) {
      const signed = signedBucket(feature);
      const bucket = Math.abs(signed) - 1;
      vector[bucket] = (vector[bucket] as number) + Math.sign(signed) * (feature.includes(' ') ? 0.5 : 1);
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
