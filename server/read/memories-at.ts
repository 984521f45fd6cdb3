// What an agent knew at a step: the memories recalled into that step's prompt, as its reasoning
// event recorded them (ids and scores), resolved through the memories read model.
import { getMemories, type MemoryView } from '../../projections/memories/queries.ts';
import type { RecalledMemory } from '../../schema/events/index.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import type { RecordedEvent } from '../eventstore/port.ts';

/** A memory that was in a step's prompt, with the score it was recalled with. */
export interface RecalledMemoryView extends MemoryView {
  score: number;
}

const REASONING = new Set(['ReasoningCompleted', 'ModelOutputRejected']);

/**
 * The recall recorded by the step's reasoning event (the last one: the answer the step went on
 * with). Null when the step has no reasoning event, or its event predates recorded recall (no
 * `recalled` field): what was in that prompt is not known. An empty list: nothing was recalled.
 */
export function recalledAt(stepEvents: readonly RecordedEvent[]): RecalledMemory[] | null {
  const reasoning = stepEvents.filter((event) => REASONING.has(event.type)).at(-1);
  const recalled = (reasoning?.data as { recalled?: RecalledMemory[] } | undefined)?.recalled;
  return recalled ? [...recalled] : null;
}

/** The recorded recall with each memory's text, kind and origin, in the recorded order (best first). */
export async function resolveRecalled(
  db: SqlQueryable,
  recalled: readonly RecalledMemory[],
): Promise<RecalledMemoryView[]> {
  const byId = new Map(
    (
      await getMemories(
        db,
        recalled.map((memory) => memory.memoryId),
      )
    ).map((m) => [m.memoryId, m]),
  );
  return recalled.flatMap(({ memoryId, score }) => {
    const memory = byId.get(memoryId);
    return memory ? [{ ...memory, score }] : [];
  });
}
