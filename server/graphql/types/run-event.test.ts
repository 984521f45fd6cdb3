import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents } from '../../../schema/events/examples.ts';
import { eventDataWithoutVectors, eventDataWithVectors } from './run-event.ts';

const memory = () => {
  const data = { ...exampleEvents.MemoryStored } as Record<string, unknown>;
  const embedding = data.embedding as { model: string; dims: number; vectorFloat32LE: string };
  return { data, embedding };
};

describe('eventDataWithoutVectors', () => {
  it('leaves the vector out of a MemoryStored embedding, keeping model and dims', () => {
    const { data, embedding } = memory();
    const served = eventDataWithoutVectors({ type: 'MemoryStored', data });
    assert.deepEqual(served, { ...data, embedding: { model: embedding.model, dims: embedding.dims } });
    assert.equal(
      (data.embedding as { vectorFloat32LE: string }).vectorFloat32LE,
      embedding.vectorFloat32LE,
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

describe('eventDataWithVectors', () => {
  it('serves a MemoryStored vector as the numbers the API has always served', () => {
    const { data, embedding } = memory();
    assert.deepEqual(eventDataWithVectors({ type: 'MemoryStored', data }), {
      ...data,
      embedding: { model: embedding.model, dims: embedding.dims, vector: [0.5, -0.5, 0.5, 0.5] },
    });
  });

  it('returns every other event as stored', () => {
    const data = { ...exampleEvents.ToolCallSucceeded } as Record<string, unknown>;
    assert.equal(eventDataWithVectors({ type: 'ToolCallSucceeded', data }), data);
  });
});
