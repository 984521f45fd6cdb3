import { createBatchQueue } from '../../server/db/batch-queue.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { checkMemorySearch, type MemoryMatch, type MemorySearch, searchMemoriesMany } from './queries.ts';

/**
 * Memory searches batched by back-pressure: the engine recalls on every step of every run it drives,
 * and searches that arrive while earlier ones are in flight go together in one statement
 * (`searchMemoriesMany`). A lone search runs at once.
 */
export function createMemorySearchQueue(db: SqlDatabase) {
  const queue = createBatchQueue<MemorySearch, MemoryMatch[]>({
    // PGlite is one connection: a second statement in flight would only queue behind the first.
    maxInFlight: db.kind === 'pg' ? 2 : 1,
    maxBatch: 100,
    async flush(batch) {
      const answers = await searchMemoriesMany(
        db,
        batch.map((queued) => queued.request),
      );
      for (const [i, queued] of batch.entries()) queued.resolve(answers[i] ?? []);
    },
  });
  return {
    /** As `searchMemories`. @throws RangeError for a malformed search (it is not queued). */
    async search(search: MemorySearch): Promise<MemoryMatch[]> {
      checkMemorySearch(search);
      return queue.submit(search);
    },
  };
}
