import { CatalogueValidationError, type EventCatalogue } from '../../schema/events/define.ts';
import { makeStorable } from '../../schema/events/storable-text.ts';
import { EventValidationError, PayloadTooLargeError } from './errors.ts';
import type { EventMetadata, NewEvent } from './port.ts';

/** The most an event's serialized data plus metadata may weigh. */
export const MAX_EVENT_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM = /^[A-Za-z0-9][A-Za-z0-9_.:$-]{0,199}$/;

/** An event checked and serialized once, ready for any adapter to write. */
export interface PreparedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  dataJson: string;
  metadataJson: string;
}

/**
 * Metadata key listing where text was repaired: `{ data: [paths], metadata: [paths] }`. Present
 * only on events whose content held a NUL or a lone surrogate (replaced by U+FFFD).
 */
export const SANITIZED_METADATA_KEY = 'sanitized';

/**
 * Data and metadata with every string storable (see `makeStorable`), and the note of what changed
 * under {@link SANITIZED_METADATA_KEY}: no append fails on content, whichever adapter writes it.
 */
function storableEvent(event: NewEvent): { data: unknown; metadata: EventMetadata } {
  const data = makeStorable(event.data);
  const metadata = makeStorable(event.metadata ?? {});
  if (data.changedPaths.length === 0 && metadata.changedPaths.length === 0) {
    return { data: event.data, metadata: event.metadata ?? {} };
  }
  const note = {
    ...(data.changedPaths.length > 0 ? { data: data.changedPaths } : {}),
    ...(metadata.changedPaths.length > 0 ? { metadata: metadata.changedPaths } : {}),
  };
  return { data: data.value, metadata: { ...metadata.value, [SANITIZED_METADATA_KEY]: note } };
}

/**
 * Validates a batch before any adapter writes it, so every adapter refuses the same input the same
 * way: stream name, event ids, duplicate ids in one batch, the catalogue schema, and the size cap.
 * Text is made storable first (NUL and lone surrogates replaced, noted in metadata), so content
 * alone never makes an append fail.
 * @throws EventValidationError naming the field, PayloadTooLargeError.
 */
export function prepareAppend(
  catalogue: EventCatalogue,
  stream: string,
  events: readonly NewEvent[],
): PreparedEvent[] {
  if (!STREAM.test(stream))
    throw new EventValidationError('(append)', 'stream', `"${stream}" is not a valid stream name`);
  if (events.length === 0)
    throw new EventValidationError('(append)', 'events', 'must hold at least one event');
  const seen = new Set<string>();
  return events.map((event) => {
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new EventValidationError(String(event.type), 'id', 'must be a UUID');
    }
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new EventValidationError(event.type, 'id', `${id} appears twice in one append`);
    seen.add(id);
    const storable = storableEvent(event);
    let parsed: { data: Record<string, unknown>; schemaVersion: number };
    try {
      parsed = catalogue.validate(event.type, storable.data);
    } catch (error) {
      if (error instanceof CatalogueValidationError) {
        throw new EventValidationError(error.eventType, error.path, error.problem);
      }
      throw error;
    }
    const metadata: EventMetadata = { ...storable.metadata, schemaVersion: parsed.schemaVersion };
    const dataJson = JSON.stringify(parsed.data);
    const metadataJson = JSON.stringify(metadata);
    const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
    if (bytes > MAX_EVENT_BYTES) throw new PayloadTooLargeError(event.type, bytes, MAX_EVENT_BYTES);
    return { id, type: event.type, data: parsed.data, metadata, dataJson, metadataJson };
  });
}

/** Applies the catalogue's upcasters to a stored event's data. */
export function upcastData(
  catalogue: EventCatalogue,
  type: string,
  metadata: EventMetadata,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  return catalogue.upcast(type, version, data);
}
