import OpenAI from 'openai';
import type { Embedder } from './embedder.ts';

/** OpenAI (or OpenAI-compatible) embeddings, used when an API key is configured. */
export function createOpenAiEmbedder(options: {
  apiKey: string;
  baseURL?: string;
  model?: string;
  dims?: number;
  timeoutMs?: number;
}): Embedder {
  const model = options.model ?? 'text-embedding-3-small';
  const dims = options.dims ?? 1536;
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    timeout: options.timeoutMs ?? 20_000,
    maxRetries: 2,
  });
  return {
    model,
    dims,
    async embed(texts) {
      // Floats, not the SDK's default base64: OpenAI-compatible servers (Ollama, vLLM) answer floats.
      const response = await client.embeddings.create({
        model,
        input: [...texts],
        dimensions: dims,
        encoding_format: 'float',
      });
      const vectors = response.data.sort((a, b) => a.index - b.index).map((item) => item.embedding);
      for (const vector of vectors) {
        if (vector.length !== dims)
          throw new Error(`Embedding model ${model} returned ${vector.length} dimensions, expected ${dims}`);
      }
      return vectors;
    },
  };
}
