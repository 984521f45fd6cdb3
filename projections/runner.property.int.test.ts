import assert from 'node:assert/strict';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { eventCatalogue } from '../schema/events/index.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import { createMemoryEventStore } from '../server/eventstore/memory/memory-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { createFaultyDatabase } from '../server/testkit/faulty-database.ts';
import {
  type HistoryAppend,
  historyArbitrary,
  policyHistoryArbitrary,
} from '../server/testkit/history-arbitrary.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';
import { readModelRows, resetReadModels } from '../server/testkit/read-models.ts';
import { allProjections } from './all-projections.ts';
import { rebuildProjection } from './rebuild.ts';
import { createProjectionRunner, type ProjectionRunner } from './runner.ts';

/** Run and agent histories with policy histories mixed in at random places (each in its own order). */
const mixedHistory = fc
  .tuple(historyArbitrary(), policyHistoryArbitrary(), fc.array(fc.nat(), { minLength: 1, maxLength: 20 }))
  .map(([history, policies, places]) => {
    const mixed: HistoryAppend[] = [...history];
    policies.forEach((append, i) => {
      const floor = mixed.findLastIndex((item) => item.stream === append.stream) + 1;
      const place = floor + ((places[i % places.length] as number) % (mixed.length - floor + 1));
      mixed.splice(place, 0, append);
    });
    return mixed;
  });

/** mulberry32: a seeded generator, so a failing case's faults can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('projection runner under faults and restarts (PGlite)', () => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestPglite());
  });
  afterAll(() => drop());

  it('ends with read models equal to a clean rebuild, row for row', async () => {
    let faultsInjected = 0;
    let restarts = 0;
    await fc.assert(
      fc.asyncProperty(mixedHistory, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (history, seed) => {
        await resetReadModels(db);
        const store = createMemoryEventStore({ catalogue: eventCatalogue });
        const random = seeded(seed);
        let armed = false;
        // Faults strike after a statement of the batch (some writes done), before COMMIT, or after it.
        const faulty = createFaultyDatabase(db, () => {
          if (!armed || random() >= 0.08) return false;
          faultsInjected++;
          return true;
        });
        const start = async (): Promise<ProjectionRunner> => {
          const runner = createProjectionRunner({
            store,
            db: faulty,
            projections: allProjections,
            batchSize: 1 + Math.floor(random() * 6),
            maxBatchMs: 2,
            retryMinMs: 1,
            retryMaxMs: 4,
            logger: silentLogger,
          });
          armed = false;
          await runner.start();
          armed = true;
          return runner;
        };

        let runner = await start();
        for (const append of history) {
          const events = append.entries.map((item) => ({
            id: newEventId(),
            type: item.type,
            data: item.data,
          }));
          await store.append(append.stream, events);
          const dice = random();
          if (dice < 0.08) {
            await runner.stop();
            restarts++;
            runner = await start();
          } else if (dice < 0.4) {
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }
        const head = await store.headPosition();
        assert.ok(head);
        assert.equal(await runner.waitFor(head, 10_000), true, 'the runner catches up');
        armed = false;
        const status = await runner.status();
        await runner.stop();
        for (const projection of status) {
          assert.deepEqual(
            { ...projection, checkpoint: projection.checkpoint },
            {
              projection: projection.projection,
              checkpoint: head,
              headPosition: head,
              eventsBehind: 0,
              caughtUp: true,
            },
          );
        }

        const live = await readModelRows(db, allProjections);
        for (const projection of allProjections) {
          await rebuildProjection({ store, db, projection, batchSize: 10_000, logger: silentLogger });
        }
        assert.deepEqual(live, await readModelRows(db, allProjections));
      }),
      // A failure is reported (shrunk as far as time allows) rather than timing out the whole file.
      { numRuns: 25, interruptAfterTimeLimit: 150_000 },
    );
    // The property only means something if faults and restarts did happen.
    assert.ok(faultsInjected > 20, `faults injected: ${faultsInjected}`);
    assert.ok(restarts > 3, `restarts: ${restarts}`);
  });
});
