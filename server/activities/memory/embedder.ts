/** Turns text into a vector. `model` is recorded with every memory: vectors of different models never compare. */
export interface Embedder {
  readonly model: string;
  readonly dims: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}
