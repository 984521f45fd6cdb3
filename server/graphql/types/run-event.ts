import { embeddingVector } from '../../../schema/events/embedding-vector.ts';
import type { RecordedEvent } from '../../eventstore/port.ts';
import { builder } from '../builder.ts';

type EmbeddingData = { vectorFloat32LE?: unknown; vector?: unknown };

/** The embedding of a `MemoryStored` event's data, or null for any other event. */
function embeddingOf(event: Pick<RecordedEvent, 'type' | 'data'>): EmbeddingData | null {
  const embedding = event.type === 'MemoryStored' ? event.data.embedding : null;
  return typeof embedding === 'object' && embedding !== null ? (embedding as EmbeddingData) : null;
}

/**
 * The data of `event` as clients usually want it: `MemoryStored` without its embedding's vector.
 * A vector is hundreds of floats, the bulk of a run's history; no view shows it, and analysts who
 * need it ask for it (`withVectors`) or read it from the event log.
 */
export function eventDataWithoutVectors(
  event: Pick<RecordedEvent, 'type' | 'data'>,
): Record<string, unknown> {
  const embedding = embeddingOf(event);
  if (!embedding) return event.data;
  const { vector: _vector, vectorFloat32LE: _float32, ...rest } = embedding;
  return { ...event.data, embedding: rest };
}

/**
 * The data of `event` with a `MemoryStored` vector as numbers: the log keeps them as float32 text
 * (`vectorFloat32LE`), and the API has always served `vector`, a list of numbers.
 */
export function eventDataWithVectors(event: Pick<RecordedEvent, 'type' | 'data'>): Record<string, unknown> {
  const embedding = embeddingOf(event);
  if (!embedding || typeof embedding.vectorFloat32LE !== 'string') return event.data;
  const { vectorFloat32LE, ...rest } = embedding;
  return { ...event.data, embedding: { ...rest, vector: embeddingVector({ vectorFloat32LE }) } };
}

/** `RunEvent`: one event of a run as stored, with the position and revision a client resumes from. */
export const RunEvent = builder.objectRef<RecordedEvent>('RunEvent').implement({
  description: 'One event of a run. Pass the last `position` you saw as `runEvents(after:)` to resume.',
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeString('position'),
    revision: t.exposeInt('revision'),
    type: t.exposeString('type'),
    data: t.field({
      type: 'JSON',
      description:
        "The event's data as stored, except that a `MemoryStored` embedding comes without its `vector` (model and dims only) unless `withVectors` is true.",
      args: {
        withVectors: t.arg.boolean({
          required: true,
          defaultValue: false,
          description: 'Include embedding vectors (large: hundreds of numbers per memory).',
        }),
      },
      resolve: (event, args) =>
        args.withVectors ? eventDataWithVectors(event) : eventDataWithoutVectors(event),
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});
