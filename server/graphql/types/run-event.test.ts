import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents } from '../../../schema/events/examples.ts';
import { eventDataWithoutVectors } from './run-event.ts';

describe('eventDataWithoutVectors', () => {
  it('leaves the vector out of a MemoryStored embedding, keeping model and dims', () => {
    const data = { ...exampleEvents.MemoryStored } as Record<string, unknown>;
    const embedding = data.embedding as { model: string; dims: number; vector: number[] };
    assert.ok(embedding.vector.length > 0);
    const served = eventDataWithoutVectors({ type: 'MemoryStored', data });
    assert.deepEqual(served, { ...data, embedding: { model: embedding.model, dims: embedding.dims } });
    assert.equal(
      (data.embedding as { vector: number[] }).vector.length,
      embedding.dims,
      'the stored event is untouched',
    );
  });

  it('returns every other event as stored', () => {
    const data = { ...exampleEvents.ReasoningCompleted } as Record<string, unknown>;
    assert.equal(eventDataWithoutVectors({ type: 'ReasoningCompleted', data }), data);
    const odd = { step: 1, embedding: null };
    assert.equal(eventDataWithoutVectors({ type: 'MemoryStored', data: odd }), odd);
  });
});
