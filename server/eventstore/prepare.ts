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

/** Metadata with every string storable, and the note of what changed in data or metadata. */
function storableMetadata(metadata: EventMetadata, dataRepairs: readonly string[]): EventMetadata {
  const storable = makeStorable(metadata);
  if (dataRepairs.length === 0 && storable.changedPaths.length === 0) return metadata;
  const note = {
    ...(dataRepairs.length > 0 ? { data: dataRepairs } : {}),
    ...(storable.changedPaths.length > 0 ? { metadata: storable.changedPaths } : {}),
  };
  return { ...storable.value, [SANITIZED_METADATA_KEY]: note };
}

interface CheckedData {
  catalogue: EventCatalogue;
  type: string;
  schemaVersion: number;
  dataJson: string;
}

/**
 * Data this module made storable, validated and serialized, by the very object the catalogue's
 * validation returned (a fresh copy nobody else holds). The audit chain prepares a batch and hands
 * those objects on to the store, which would otherwise walk, validate and serialize every event's
 * data a second time: with an embedding in it, that was a tenth of a busy engine's CPU.
 */
const checkedData = new WeakMap<object, CheckedData>();

function checkData(
  catalogue: EventCatalogue,
  event: NewEvent,
): { data: Record<string, unknown>; dataJson: string; schemaVersion: number; repairs: string[] } {
  const known = checkedData.get(event.data);
  if (known?.catalogue === catalogue && known.type === event.type)
    return { data: event.data, dataJson: known.dataJson, schemaVersion: known.schemaVersion, repairs: [] };
  const storable = makeStorable(event.data);
  let parsed: { data: Record<string, unknown>; schemaVersion: number };
  try {
    parsed = catalogue.validate(event.type, storable.value);
  } catch (error) {
    if (error instanceof CatalogueValidationError) {
      throw new EventValidationError(error.eventType, error.path, error.problem);
    }
    throw error;
  }
  const dataJson = JSON.stringify(parsed.data);
  const { schemaVersion } = parsed;
  // Only a copy the validation made is ours alone; the caller's object may change after this.
  if (parsed.data !== storable.value)
    checkedData.set(parsed.data, { catalogue, type: event.type, schemaVersion, dataJson });
  return { data: parsed.data, dataJson, schemaVersion, repairs: storable.changedPaths };
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
    const { data, dataJson, schemaVersion, repairs } = checkData(catalogue, event);
    const metadata: EventMetadata = { ...storableMetadata(event.metadata ?? {}, repairs), schemaVersion };
    const metadataJson = JSON.stringify(metadata);
    const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
    if (bytes > MAX_EVENT_BYTES) throw new PayloadTooLargeError(event.type, bytes, MAX_EVENT_BYTES);
    return { id, type: event.type, data, metadata, dataJson, metadataJson };
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
