import type { SqlDatabase } from '../server/db/sql-database.ts';
import type { EventStore, RecordedEvent } from '../server/eventstore/port.ts';
import { createLogger, type Logger } from '../server/logger.ts';
import { createEventBatcher } from './batcher.ts';
import {
  applyBatch,
  CHECKPOINTS_CHANNEL,
  CheckpointMovedError,
  ensureCheckpoint,
  migrateCheckpoints,
  readCheckpoint,
} from './checkpoints.ts';
import { LIVE_TABLES, type Projection } from './projection.ts';
import { type ProjectionStatus, projectionStatus } from './status.ts';

export interface ProjectionRunnerOptions {
  store: EventStore;
  db: SqlDatabase;
  projections: readonly Projection[];
  /** Most events per transaction (default 500). */
  batchSize?: number;
  /** Longest a batch waits for more events after its first one (default 50 ms). */
  maxBatchMs?: number;
  logger?: Logger;
  /** Back-off after a failed batch: from `retryMinMs` (default 100) doubling to `retryMaxMs` (default 10 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** `eventsBehind` counts at most this many (default 10,000): counting is a scan. */
  lagCap?: number;
}

export interface ProjectionRunner {
  /** Creates missing tables and checkpoints, then starts one catch-up-then-live loop per projection. Once. */
  start(): Promise<void>;
  /** Checkpoint and lag of every projection, read from the database. */
  status(): Promise<ProjectionStatus[]>;
  /**
   * Read-your-writes: resolves true once every projection has applied `position` (a position an
   * append returned), false when `timeoutMs` pass first or the runner stops. Never rejects.
   */
  waitFor(position: string, timeoutMs: number): Promise<boolean>;
  /** Ends every loop; a batch in flight finishes or rolls back first. A stopped runner stays stopped. */
  stop(): Promise<void>;
}

interface Waiter {
  position: string;
  resolve(reached: boolean): void;
}

/**
 * The projection runner (ARCHITECTURE.md §6): per projection, subscribe to the log from its
 * checkpoint, cut the events into batches and apply each batch together with the checkpoint in one
 * transaction. A failing batch is rolled back and retried after a back-off, never skipped; when
 * the checkpoint moved under it (a rebuild switched tables, another instance ran), the loop
 * re-reads the checkpoint and subscribes again from there.
 */
export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { store, db, projections } = options;
  const batchSize = options.batchSize ?? 500;
  const maxBatchMs = options.maxBatchMs ?? 50;
  const retryMinMs = options.retryMinMs ?? 100;
  const retryMaxMs = options.retryMaxMs ?? 10_000;
  const logger = options.logger ?? createLogger();
  const stopping = new AbortController();
  const committed = new Map<string, string | null>();
  // The running subscription of each projection, so a checkpoint moved by a rebuild can end it.
  const following = new Map<string, AbortController>();
  let unlisten: (() => Promise<void>) | null = null;
  let waiters: Waiter[] = [];
  let loops: Promise<void>[] = [];

  const reached = (position: string) =>
    projections.every((projection) => {
      const checkpoint = committed.get(projection.name);
      return checkpoint != null && checkpoint >= position;
    });

  const settleWaiters = () => {
    waiters = waiters.filter((waiter) => {
      if (!reached(waiter.position)) return true;
      waiter.resolve(true);
      return false;
    });
  };

  const advance = (name: string, position: string | null) => {
    committed.set(name, position);
    settleWaiters();
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  // Applies one batch, retrying after a back-off until it commits. Returns the new checkpoint, or
  // null when the loop must resubscribe (the checkpoint moved under it) or stop.
  const applyWithRetry = async (
    projection: Projection,
    expected: string | null,
    batch: RecordedEvent[],
  ): Promise<string | null> => {
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        return await applyBatch(db, { projection, tables: LIVE_TABLES, expected, events: batch });
      } catch (error) {
        if (error instanceof CheckpointMovedError) {
          logger.warn('checkpoint moved under the runner; resubscribing from the stored checkpoint', {
            projection: projection.name,
            expected,
          });
          return null;
        }
        const delay = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(attempt - 1, 16));
        logger.error('projection batch failed; rolled back, retrying the same batch', {
          projection: projection.name,
          error,
          attempt,
          retryInMs: delay,
          from: batch[0]?.position,
          to: batch[batch.length - 1]?.position,
        });
        await pause(delay);
      }
    }
    return null;
  };

  // One subscription from `checkpoint`; returns when the checkpoint moved, on resync or on stop.
  const follow = async (projection: Projection, checkpoint: string | null): Promise<void> => {
    // Ends the subscription on stop, and when this loop returns (the checkpoint moved, or a failure).
    const done = new AbortController();
    following.set(projection.name, done);
    const signal = AbortSignal.any([stopping.signal, done.signal]);
    const batches = createEventBatcher(store.subscribeToAll({ after: checkpoint, signal, batchSize }), {
      batchSize,
      maxBatchMs,
    });
    let expected = checkpoint;
    try {
      for (let batch = await batches.next(); batch; batch = await batches.next()) {
        const applied = await applyWithRetry(projection, expected, batch);
        if (applied === null) return;
        expected = applied;
        advance(projection.name, expected);
      }
      if (!signal.aborted) throw new Error('The event store ended the subscription');
    } finally {
      done.abort();
      if (following.get(projection.name) === done) following.delete(projection.name);
    }
  };

  // A rebuild announces its switch: a projection whose stored checkpoint is not the one this runner
  // follows from resubscribes from the stored one (otherwise it would only notice at its next batch).
  const resync = async () => {
    for (const projection of projections) {
      const stored = await readCheckpoint(db, projection.name);
      if (stored !== committed.get(projection.name)) following.get(projection.name)?.abort();
    }
  };

  const run = async (projection: Projection): Promise<void> => {
    for (let failures = 0; !stopping.signal.aborted; ) {
      try {
        const checkpoint = await ensureCheckpoint(db, projection.name);
        advance(projection.name, checkpoint);
        await follow(projection, checkpoint);
        failures = 0;
      } catch (error) {
        if (stopping.signal.aborted) return;
        failures++;
        const delay = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(failures - 1, 16));
        logger.error('projection subscription failed; resubscribing from the checkpoint', {
          projection: projection.name,
          error,
          retryInMs: delay,
        });
        await pause(delay);
      }
    }
  };

  return {
    async start() {
      if (loops.length > 0) throw new Error('The projection runner is already started');
      await migrateCheckpoints(db);
      for (const projection of projections) {
        await projection.migrate(db, LIVE_TABLES, { logger });
        advance(projection.name, await ensureCheckpoint(db, projection.name));
      }
      unlisten = await db.listen(CHECKPOINTS_CHANNEL, () => {
        resync().catch((error: unknown) => logger.warn('checkpoint resync failed', { error }));
      });
      loops = projections.map((projection) => run(projection));
    },
    status: () => projectionStatus({ store, db, projections, lagCap: options.lagCap }),
    waitFor(position, timeoutMs) {
      if (reached(position)) return Promise.resolve(true);
      if (stopping.signal.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          position,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async stop() {
      stopping.abort();
      await unlisten?.();
      await Promise.all(loops);
      for (const waiter of waiters) waiter.resolve(false);
      waiters = [];
    },
  };
}
