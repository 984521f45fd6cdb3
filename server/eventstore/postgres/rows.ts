import type { EventMetadata, RecordedEvent } from '../port.ts';

/** Columns every read selects; the position string is built by the server to spare Node the work. */
export const EVENT_COLUMNS = `'pg:' || lpad(tx_id::text, 20, '0') || ':' || lpad(global_position::text, 20, '0') AS position,
  event_id::text AS id, stream_id AS stream, stream_revision::int AS revision, event_type AS type,
  data, metadata, (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms`;

export interface EventRow {
  position: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Epoch milliseconds: a number is far cheaper for the driver to decode than a timestamp. */
  recorded_ms: number;
}

export function toRecordedEvent(row: EventRow, data: Record<string, unknown>): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_ms),
  };
}

/** Builds the opaque position of the event at (tx, global position). */
export function formatPosition(tx: string, globalPosition: string | number): string {
  return `pg:${tx.padStart(20, '0')}:${String(globalPosition).padStart(20, '0')}`;
}

/** Splits a `pg:<tx>:<gp>` position; null/undefined means "before the first event". */
export function parsePosition(position: string | null | undefined): { tx: string; gp: string } {
  if (!position) return { tx: '0', gp: '0' };
  const match = /^pg:(\d{1,20}):(\d{1,20})$/.exec(position);
  if (!match) throw new RangeError(`Not a PostgreSQL event store position: ${position}`);
  return { tx: BigInt(match[1] as string).toString(), gp: BigInt(match[2] as string).toString() };
}
