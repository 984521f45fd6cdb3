// The notification planner: a checkpointed consumer of the log (ARCHITECTURE.md §6, reactors).
import { randomUUID } from 'node:crypto';
import { createEventBatcher } from '../../projections/batcher.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { Logger } from '../logger.ts';
import { CHANNEL_EVENT_TYPES, type ChannelState, evolveChannel } from './channel-state.ts';
import { commitPlan, readPlannerCheckpoint } from './delivery-store.ts';
import { NOTIFYING_EVENT_TYPES } from './notification-for.ts';
import { planBatch } from './plan.ts';

export interface PlannerOptions {
  store: EventStore;
  db: SqlDatabase;
  logger: Logger;
  consoleUrl: string | null;
  maxAttempts: number;
  /** Told after each committed batch that planned deliveries (the dispatcher looks at once). */
  onPlanned(): void;
  batchSize?: number;
  maxBatchMs?: number;
}

const CONSUMER = 'notifications';
/** The longest a checkpoint lags behind batches that planned nothing. */
const CHECKPOINT_EVERY_MS = 5000;

/** The channels as of `checkpoint`: their events up to it, folded (the planner resumes from there). */
async function channelsAt(store: EventStore, checkpoint: string | null): Promise<Map<string, ChannelState>> {
  const channels = new Map<string, ChannelState>();
  if (checkpoint === null) return channels;
  const filter = { eventTypes: CHANNEL_EVENT_TYPES };
  for (let after: string | null = null; ; ) {
    const page = await store.readAll({ after, maxCount: 1000, filter });
    for (const event of page) {
      if (event.position > checkpoint) return channels;
      const id = String(event.data.channelId);
      const next = evolveChannel(channels.get(id) ?? null, event);
      if (next) channels.set(id, next);
    }
    if (page.length < 1000) return channels;
    after = page[page.length - 1]?.position ?? null;
  }
}

/**
 * Reads channel and notifying events from its checkpoint and, per batch, writes the planned
 * deliveries and the new checkpoint in ONE transaction: a restart replans nothing it committed and
 * loses nothing it did not (at most the uncommitted batch is planned again, and the unique
 * (channel, source event) key keeps a second planner from doubling a delivery).
 */
export function createNotificationPlanner(options: PlannerOptions) {
  const { store, db, logger } = options;
  const stopping = new AbortController();
  let loop: Promise<void> | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  const follow = async () => {
    let checkpoint = await readPlannerCheckpoint(db, CONSUMER);
    let lastWrite = Date.now();
    let channels = await channelsAt(store, checkpoint);
    const subscription = store.subscribeToAll({
      after: checkpoint,
      filter: { eventTypes: [...CHANNEL_EVENT_TYPES, ...NOTIFYING_EVENT_TYPES] },
      signal: stopping.signal,
      batchSize: options.batchSize ?? 200,
    });
    const batches = createEventBatcher(subscription, {
      batchSize: options.batchSize ?? 200,
      maxBatchMs: options.maxBatchMs ?? 20,
    });
    for (let batch = await batches.next(); batch; batch = await batches.next()) {
      const last = batch[batch.length - 1];
      if (!last) continue;
      const plan = planBatch(channels, batch, { consoleUrl: options.consoleUrl, newId: randomUUID });
      channels = plan.channels;
      // A batch that plans and cancels nothing need not be committed at once: replaying it after a
      // restart plans nothing again (the fold is the same). Its checkpoint is written with the next
      // batch that does something, or after CHECKPOINT_EVERY_MS, which bounds the replay.
      const idle = plan.deliveries.length === 0 && plan.cancelChannels.length === 0;
      if (idle && Date.now() - lastWrite < CHECKPOINT_EVERY_MS) continue;
      await commitPlan(db, {
        consumer: CONSUMER,
        expected: checkpoint,
        position: last.position,
        deliveries: plan.deliveries,
        cancelChannels: plan.cancelChannels,
        maxAttempts: options.maxAttempts,
      });
      checkpoint = last.position;
      lastWrite = Date.now();
      if (plan.deliveries.length > 0) options.onPlanned();
    }
  };

  return {
    start() {
      if (loop) throw new Error('The notification planner is already started');
      loop = (async () => {
        for (let failures = 0; !stopping.signal.aborted; ) {
          try {
            await follow();
          } catch (error) {
            if (stopping.signal.aborted) return;
            failures++;
            const retryInMs = Math.min(10_000, 100 * 2 ** Math.min(failures - 1, 10));
            // Nothing of the failed batch was committed: it is planned again from the checkpoint.
            logger.error('notification planning failed; resuming from the checkpoint', { error, retryInMs });
            await pause(retryInMs);
          }
        }
      })();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
