import { isDeepStrictEqual } from 'node:util';
import { EventIdConflictError } from '../errors.ts';
import type { AppendResult } from '../port.ts';
import type { PreparedEvent } from '../prepare.ts';

/** An event already in the stream whose id is one of the batch's. */
export interface ExistingEvent {
  id: string;
  revision: number;
  position: string;
  type: string;
  data: unknown;
}

/**
 * Decides whether an append is a replay of one that already succeeded, given the events of the
 * stream that carry the batch's ids. Same rule as the other adapters: a replay has every id, in
 * batch order at consecutive revisions, with the same type and data; it returns the original
 * result. No id found: null (a new append). Anything in between is a conflict.
 * @throws EventIdConflictError when some ids exist but the batch is not an identical replay.
 */
export function replayResult(
  stream: string,
  prepared: readonly PreparedEvent[],
  existing: readonly ExistingEvent[],
): AppendResult | null {
  if (existing.length === 0) return null;
  const byId = new Map(existing.map((event) => [event.id.toLowerCase(), event]));
  const first = byId.get(prepared[0]?.id ?? '');
  const identical = prepared.every((event, i) => {
    const found = byId.get(event.id);
    return (
      found !== undefined &&
      first !== undefined &&
      found.revision === first.revision + i &&
      found.type === event.type &&
      // Compare what was stored (JSON) with what this batch would store, not with the live object.
      isDeepStrictEqual(found.data, JSON.parse(event.dataJson))
    );
  });
  if (!identical) {
    throw new EventIdConflictError(
      stream,
      prepared.filter((event) => byId.has(event.id)).map((event) => event.id),
    );
  }
  const last = byId.get(prepared[prepared.length - 1]?.id ?? '') as ExistingEvent;
  return { nextExpectedRevision: last.revision, position: last.position, replayed: true };
}
