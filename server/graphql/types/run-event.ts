import type { RecordedEvent } from '../../eventstore/port.ts';
import { builder } from '../builder.ts';

/**
 * The data of `event` as clients usually want it: `MemoryStored` without its embedding's vector.
 * A vector is hundreds of floats, some 30 KB of JSON, over 95% of a run's history; no view
 * shows it, and analysts who need it ask for it (`withVectors`) or read it from the event log.
 */
export function eventDataWithoutVectors(
  event: Pick<RecordedEvent, 'type' | 'data'>,
): Record<string, unknown> {
  if (event.type !== 'MemoryStored') return event.data;
  const embedding = event.data.embedding;
  if (typeof embedding !== 'object' || embedding === null || !('vector' in embedding)) return event.data;
  const { vector: _vector, ...rest } = embedding as Record<string, unknown>;
  return { ...event.data, embedding: rest };
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
      resolve: (event, args) => (args.withVectors ? event.data : eventDataWithoutVectors(event)),
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});
