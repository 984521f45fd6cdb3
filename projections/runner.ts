import { randomUUID } from 'node:crypto';
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
import { createProjectionLeases, type LeaseFence, LeaseLostError } from './leases.ts';
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
  /** This process's id in `read.projection_leases` (default a random one). */
  owner?: string;
  /** A projection lease lasts this long without a heartbeat (default 5 s); renewed at a third of it. */
  leaseMs?: number;
  /** How often a standby tries to take a lease held by another process (default 1 s). */
  standbyPollMs?: number;
}

/** A projection whose lease this runner holds, i.e. which it is the active runner of. */
export interface HeldProjectionLease {
  projection: string;
  owner: string;
  epoch: number;
}

export interface ProjectionRunner {
  /** Creates missing tables and checkpoints, then starts one catch-up-then-live loop per projection. Once. */
  start(): Promise<void>;
  /** Checkpoint and lag of every projection, read from the database. */
  status(): Promise<ProjectionStatus[]>;
  /** The owner id this runner claims leases with. */
  readonly owner: string;
  /** The projections this runner is the active runner of now (the others it stands by for). */
  held(): HeldProjectionLease[];
  /**
   * Read-your-writes: resolves true once every projection has applied `position` (a position an
   * append returned), false when `timeoutMs` pass first or the runner stops. Never rejects. The
   * projections another process runs (or all of them, when this runner is not started) are
   * followed by polling their checkpoints while someone waits.
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
 *
 * Only the holder of a projection's lease runs it (several projections processes: one active per
 * projection, the others stand by and take over when its heartbeat stops). Its batches are fenced
 * by the lease's epoch, so a holder that lost the lease while paused writes nothing.
 */
export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { store, db, projections } = options;
  const batchSize = options.batchSize ?? 500;
  const maxBatchMs = options.maxBatchMs ?? 50;
  const retryMinMs = options.retryMinMs ?? 100;
  const retryMaxMs = options.retryMaxMs ?? 10_000;
  const logger = options.logger ?? createLogger();
  const owner = options.owner ?? `projections-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? 5000;
  const standbyPollMs = options.standbyPollMs ?? 1000;
  const leases = createProjectionLeases({ db, owner, leaseMs });
  const held = new Map<string, LeaseFence>();
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

  // While someone waits, the checkpoints of the projections other processes run are read every
  // 25 ms (the database is where another runner's progress shows).
  let polling: NodeJS.Timeout | null = null;
  const pollCheckpoints = () => {
    if (polling || waiters.length === 0) return;
    polling = setTimeout(async () => {
      try {
        for (const projection of projections) {
          if (held.has(projection.name)) continue;
          const stored = await readCheckpoint(db, projection.name);
          if (stored !== null) committed.set(projection.name, stored);
        }
        settleWaiters();
      } catch (error) {
        logger.warn('reading checkpoints for a read-your-writes wait failed', { error });
      } finally {
        polling = null;
        pollCheckpoints();
      }
    }, 25);
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
      const fence = held.get(projection.name);
      if (!fence) return null;
      try {
        return await applyBatch(db, {
          projection,
          tables: LIVE_TABLES,
          expected,
          events: batch,
          fence,
          idleLimitMs: 2 * leaseMs,
        });
      } catch (error) {
        if (error instanceof LeaseLostError) {
          logger.warn('projection lease lost; the batch was refused, standing by', {
            projection: projection.name,
            epoch: fence.epoch,
          });
          if (held.get(projection.name) === fence) held.delete(projection.name);
          return null;
        }
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
  const follow = async (
    projection: Projection,
    checkpoint: string | null,
    done: AbortController,
  ): Promise<void> => {
    // `done` ends the subscription on a lost lease, and when this loop returns (the checkpoint moved, or a failure).
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
      // Aborted: stopping, a lost lease, or a resync; the caller decides which.
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

  // Renews the lease at a third of its length; a renewal that finds it taken over ends `done`.
  const heartbeat = (projection: Projection, fence: LeaseFence, done: AbortController) => {
    const timer = setInterval(
      () => {
        leases.renew(projection.name, fence).then(
          (kept) => {
            if (kept) return;
            logger.warn('projection lease taken over; standing by', {
              projection: projection.name,
              epoch: fence.epoch,
            });
            if (held.get(projection.name) === fence) held.delete(projection.name);
            done.abort();
          },
          // The database is unreachable: the batch fence decides; the next beat tries again.
          (error: unknown) =>
            logger.warn('projection lease renewal failed', { projection: projection.name, error }),
        );
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    return () => clearInterval(timer);
  };

  // Claims the projection's lease (standing by while another process holds it), then follows the
  // log from its checkpoint until the lease is lost or the runner stops.
  const run = async (projection: Projection): Promise<void> => {
    for (let failures = 0; !stopping.signal.aborted; ) {
      let fence: LeaseFence | null = null;
      let stopBeating: (() => void) | null = null;
      try {
        fence = await leases.claim(projection.name);
        if (!fence) {
          await pause(standbyPollMs);
          continue;
        }
        held.set(projection.name, fence);
        logger.info('projection lease taken: this process runs the projection', {
          projection: projection.name,
          owner,
          epoch: fence.epoch,
        });
        const done = new AbortController();
        stopBeating = heartbeat(projection, fence, done);
        // Read after the claim: whatever the former holder committed is in it.
        const checkpoint = await ensureCheckpoint(db, projection.name);
        advance(projection.name, checkpoint);
        await follow(projection, checkpoint, done);
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
      } finally {
        stopBeating?.();
        // Unrenewed from here on: claimed afresh (a new epoch) on the next turn, given up on stop.
        if (fence && held.get(projection.name) === fence) held.delete(projection.name);
        if (fence && stopping.signal.aborted) {
          await leases
            .release(projection.name, fence)
            .catch((error: unknown) => logger.warn('releasing a projection lease failed', { error }));
        }
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
    owner,
    held: () =>
      [...held].map(([projection, fence]) => ({ projection, owner: fence.owner, epoch: fence.epoch })),
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
        pollCheckpoints();
      });
    },
    async stop() {
      stopping.abort();
      await unlisten?.();
      await Promise.all(loops);
      for (const waiter of waiters) waiter.resolve(false);
      waiters = [];
      if (polling) clearTimeout(polling);
      polling = null;
    },
  };
}
