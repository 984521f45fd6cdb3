import type { ModelAnswer } from '../../engine/conversation.ts';

/** A size-capped least-recently-used map of answers (Map keeps insertion order). */
export class AnswerCache {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, ModelAnswer>();

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`cache maxEntries must be >= 1, got ${maxEntries}`);
    }
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): ModelAnswer | undefined {
    const answer = this.#entries.get(key);
    if (answer === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, answer);
    return answer;
  }

  set(key: string, answer: ModelAnswer): void {
    this.#entries.delete(key);
    this.#entries.set(key, answer);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
