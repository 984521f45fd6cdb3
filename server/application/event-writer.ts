import type { EventStore, RecordedEvent } from '../eventstore/port.ts';

/** Who caused a write, carried in every event's metadata. */
export interface Actor {
  id: string;
  /** The user's email at the time (the audit trail stays readable after the account is removed). */
  email?: string | null;
  /** Where the request came from (socket peer, or X-Forwarded-For from a trusted proxy). */
  clientAddress?: string;
  /** The request's User-Agent header, when it sent one. */
  userAgent?: string | null;
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
 * What an event's metadata says about who wrote it and from where: the audit trail reads it from
 * the log itself, not from a side table. Absent parts are left out.
 */
export function actorMetadata(actor: Actor): Record<string, string> {
  const metadata: Record<string, string> = { actor: actor.id };
  if (actor.email) metadata.actorEmail = actor.email;
  if (actor.clientAddress) metadata.clientAddress = actor.clientAddress;
  if (actor.userAgent) metadata.userAgent = actor.userAgent;
  if (actor.correlationId) metadata.correlationId = actor.correlationId;
  if (actor.causationId) metadata.causationId = actor.causationId;
  return metadata;
}
