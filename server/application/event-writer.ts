import { EventValidationError, WrongExpectedVersionError } from '../eventstore/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { AppendResult, EventStore, ExpectedRevision, RecordedEvent } from '../eventstore/port.ts';
import { ConflictError, InvalidInputError } from './errors.ts';

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

/**
 * Appends events of one decision in one call with metadata from the actor. Translates the store's
 * refusals into application errors: invalid data names the field (BAD_USER_INPUT), a wrong expected
 * revision is a CONFLICT (someone else wrote first).
 */
export async function appendDecision(
  store: EventStore,
  stream: string,
  events: readonly { type: string; data: Record<string, unknown> }[],
  expected: ExpectedRevision,
  actor: Actor,
): Promise<AppendResult> {
  try {
    return await store.append(
      stream,
      events.map((event) => ({
        id: newEventId(),
        type: event.type,
        data: event.data,
        metadata: { actor: actor.id, correlationId: actor.correlationId, causationId: actor.causationId },
      })),
      { expected },
    );
  } catch (error) {
    if (error instanceof EventValidationError) {
      throw new InvalidInputError(error.path, error.message, { cause: error });
    }
    if (error instanceof WrongExpectedVersionError) {
      throw new ConflictError(
        `${stream} changed meanwhile (now at revision ${error.actual}); reload and retry`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
