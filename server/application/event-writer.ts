import type { EventStore, RecordedEvent } from '../eventstore/port.ts';

/** Who caused a write, carried in every event's metadata. */
export interface Actor {
  id: string;
  correlationId?: string;
  causationId?: string;
}

/** A stream read in full, with the revision to expect when appending after it (-1: no stream). */
export interface LoadedStream {
  events: RecordedEvent[];
  revision: number;
}

export async function loadStream(store: EventStore, stream: string): Promise<LoadedStream> {
  const events = await store.readStream(stream);
  return {
    events,
    revision: events.length === 0 ? -1 : (events[events.length - 1] as RecordedEvent).revision,
  };
}
