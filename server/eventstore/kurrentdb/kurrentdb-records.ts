import type { EventData, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import type { EventCatalogue } from '../../../schema/events/define.ts';
import type { EventMetadata, RecordedEvent } from '../port.ts';
import { type PreparedEvent, upcastData } from '../prepare.ts';
import { encodePosition } from './kurrentdb-position.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** The client's event for a prepared one: JSON data and metadata, our id. */
export function toEventData(event: PreparedEvent): EventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/**
 * The port's event for one read from KurrentDB: revision and position mapped, `recordedAt` from the server's `created`, data upcast by the catalogue unless `asStored`.
 * Events this platform did not write keep their payload: JSON that is not an object, or binary
 * data (base64), is wrapped as `{ value }`, and metadata that is not a JSON object becomes `{}`.
 * @throws Error when the server reported no log position (servers before 22.6).
 */
export function toRecordedEvent(
  event: KurrentRecordedEvent,
  catalogue: EventCatalogue,
  asStored = false,
): RecordedEvent {
  if (!event.position) {
    throw new Error(`KurrentDB reported no log position for event ${event.id} (server older than 22.6?)`);
  }
  const metadata: EventMetadata = isPlainObject(event.metadata) ? event.metadata : {};
  const raw: unknown = event.data;
  const data = isPlainObject(raw)
    ? raw
    : { value: raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : raw };
  return {
    id: event.id.toLowerCase(),
    stream: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    type: event.type,
    data: asStored ? data : upcastData(catalogue, event.type, metadata, data),
    metadata,
    recordedAt: event.created,
  };
}
