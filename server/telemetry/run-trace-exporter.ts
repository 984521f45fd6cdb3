import { randomUUID } from 'node:crypto';
import { ExportResultCode } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createEventBatcher } from '../../projections/batcher.ts';
import { ensureCheckpoint, migrateCheckpoints, readCheckpoint } from '../../projections/checkpoints.ts';
import { READ_SCHEMA } from '../../projections/projection.ts';
import { idFromStream, runStream } from '../../schema/events/streams.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createExportLease, type ExportLease } from './export-lease.ts';
import { toReadableSpan } from './readable-spans.ts';
import { RUN_END_TYPES, runSpans } from './run-spans.ts';

const STOPPED = Symbol('stopped');

/** The checkpoint row of the run trace export, beside the projections' (`read.checkpoints`). */
export const TRACE_EXPORT_CHECKPOINT = 'reactor:otel-export';

export interface RunTraceExporterOptions {
  store: EventStore;
  db: SqlDatabase;
  /** Where the spans go: the OTLP/HTTP exporter in production. */
  exporter: SpanExporter;
  /** service.name and the other resource attributes every span carries. */
  resource: Resource;
  logger?: Logger;
  /** Most events per batch (default 1,000); a batch's spans are exported before its checkpoint moves. */
  batchSize?: number;
  /** Longest a batch waits for more events after its first one (default 200 ms). */
  maxBatchMs?: number;
  /** Most spans in one OTLP request (default 1,000). */
  spansPerRequest?: number;
  /** Back-off after a failed export: from `retryMinMs` (default 250) doubling to `retryMaxMs` (default 30 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Events of unfinished runs held in memory (default 100,000); past it, runs read their stream at the end. */
  heldEventsLimit?: number;
  /** `eventsBehind` counts at most this many (default 10,000): counting is a scan. */
  lagCap?: number;
  /** How long the lease of the one active exporter lasts unrenewed (default 30 s; renewed at a third). */
  leaseMs?: number;
  /** The owner id of its lease in `app.reactor_leases` (default a random one): the process's id. */
  owner?: string;
}

/** Where the export stands against the log, as /ready reports it. */
export interface RunTraceExportStatus {
  name: 'otel-export';
  checkpoint: string | null;
  eventsBehind: number;
  caughtUp: boolean;
  /** Spans this process has exported since it started. */
  exportedSpans: number;
  /** Whether this process holds the lease (exports) or stands by. */
  active: boolean;
}

export interface RunTraceExporter {
  /** Creates the checkpoint row if needed and starts following the log from it. Once. */
  start(): Promise<void>;
  status(): Promise<RunTraceExportStatus>;
  /**
   * Ends the loop (an export in flight is abandoned, its batch is not checkpointed), releases the
   * lease and shuts the exporter down.
   */
  stop(): Promise<void>;
}

/**
 * Exports every run as an OpenTelemetry trace, from the event log (ARCHITECTURE.md §6, reactors):
 * it follows `subscribeToAll` from its own checkpoint and, when a run ends, exports the spans of the
 * whole run; the checkpoint moves past a batch only after the batch's spans were accepted. A failed
 * export is retried with a back-off, never skipped. After a crash the batches since the checkpoint
 * are exported again with the same trace and span ids (they derive from the run and what each span
 * stands for), so the backend receives the same spans, not new ones.
 *
 * Why at the end of a run: a trace's spans are then final (a step span's end, the run's totals and
 * status are known), each span is sent once, and a restart has nothing half-sent to reconcile. The
 * price is that a run waiting days for an approval shows up when it ends; its live view is the console.
 */
export function createRunTraceExporter(options: RunTraceExporterOptions): RunTraceExporter {
  const { store, db, exporter, resource } = options;
  const batchSize = options.batchSize ?? 1000;
  const maxBatchMs = options.maxBatchMs ?? 200;
  const spansPerRequest = options.spansPerRequest ?? 1000;
  const retryMinMs = options.retryMinMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const heldEventsLimit = options.heldEventsLimit ?? 100_000;
  const leaseMs = options.leaseMs ?? 30_000;
  let lease: ExportLease | null = null;
  let active = false;
  const logger = options.logger ?? createLogger();
  const stopping = new AbortController();
  let loop: Promise<void> | null = null;
  let exportedSpans = 0;
  const stopped = new Promise<typeof STOPPED>((resolve) =>
    stopping.signal.addEventListener('abort', () => resolve(STOPPED), { once: true }),
  );

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

  const send = (spans: ReadableSpan[]) =>
    new Promise<void>((resolve, reject) => {
      exporter.export(spans, (result) => {
        if (result.code === ExportResultCode.SUCCESS) resolve();
        else reject(result.error ?? new Error('The OTLP exporter reported a failure'));
      });
    });

  // Sends the spans in requests of `spansPerRequest`, each retried until accepted. False on stop.
  const exportAll = async (spans: ReadableSpan[]): Promise<boolean> => {
    for (let from = 0; from < spans.length; from += spansPerRequest) {
      const request = spans.slice(from, from + spansPerRequest);
      for (let attempt = 1; ; attempt++) {
        if (stopping.signal.aborted) return false;
        try {
          // A stop does not wait for a hanging receiver: the batch is simply not checkpointed.
          if ((await Promise.race([send(request), stopped])) === STOPPED) return false;
          exportedSpans += request.length;
          break;
        } catch (error) {
          const delay = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(attempt - 1, 16));
          logger.warn('trace export failed; retrying the same spans', {
            error,
            attempt,
            spans: request.length,
            retryInMs: delay,
          });
          await pause(delay);
        }
      }
    }
    return true;
  };

  /** Moves the checkpoint from `expected` to `position`; false when another writer moved it. */
  const moveCheckpoint = async (expected: string | null, position: string) => {
    const moved = await db.query(
      `UPDATE ${READ_SCHEMA}.checkpoints SET position = $2, updated_at = now()
        WHERE projection = $1 AND position IS NOT DISTINCT FROM $3`,
      [TRACE_EXPORT_CHECKPOINT, position, expected],
    );
    return moved.rowCount === 1;
  };

  // The events of runs seen from their RunStarted on, so that most runs need no read at their end.
  const held = new Map<string, RecordedEvent[]>();
  let heldCount = 0;

  const eventsOfEndedRun = async (runId: string, end: RecordedEvent) => {
    const kept = held.get(runId);
    if (kept) {
      held.delete(runId);
      heldCount -= kept.length;
      return kept;
    }
    return store.readStream(runStream(runId), { fromRevision: 0, maxCount: end.revision + 1 });
  };

  const spansOf = async (batch: readonly RecordedEvent[]): Promise<ReadableSpan[]> => {
    const spans: ReadableSpan[] = [];
    for (const event of batch) {
      if (!event.stream.startsWith('run-')) continue;
      const runId = idFromStream(event.stream);
      let kept = held.get(runId);
      if (!kept && event.revision === 0) {
        kept = [];
        held.set(runId, kept);
      }
      if (kept) {
        kept.push(event);
        heldCount++;
      }
      if (!RUN_END_TYPES.has(event.type)) continue;
      for (const span of runSpans(await eventsOfEndedRun(runId, event))) {
        spans.push(toReadableSpan(span, resource));
      }
    }
    if (heldCount > heldEventsLimit) {
      // Memory stays bounded however many runs wait (for approvals, say); those read their stream later.
      logger.warn('too many events of unfinished runs held; those runs will be read back when they end', {
        held: heldCount,
        runs: held.size,
      });
      held.clear();
      heldCount = 0;
    }
    return spans;
  };

  // One subscription from `checkpoint`; returns when the checkpoint moved under it or on stop.
  const follow = async (checkpoint: string | null, leased: ExportLease) => {
    held.clear();
    heldCount = 0;
    const done = new AbortController();
    const signal = AbortSignal.any([stopping.signal, done.signal]);
    // Renewed while following; a lost lease (this process stalled past it) ends the subscription.
    const renewal = setInterval(() => {
      leased.claim().then(
        (kept) => {
          if (!kept) {
            logger.warn('the trace export lease was taken over; standing by');
            done.abort();
          }
        },
        (error: unknown) => logger.warn('the trace export lease could not be renewed', { error }),
      );
    }, leaseMs / 3);
    const batches = createEventBatcher(store.subscribeToAll({ after: checkpoint, signal, batchSize }), {
      batchSize,
      maxBatchMs,
    });
    let expected = checkpoint;
    try {
      for (let batch = await batches.next(); batch; batch = await batches.next()) {
        const last = batch[batch.length - 1] as RecordedEvent;
        if (!(await exportAll(await spansOf(batch)))) return;
        if (!(await moveCheckpoint(expected, last.position))) {
          logger.warn('the trace export checkpoint moved under this exporter; resubscribing', { expected });
          return;
        }
        expected = last.position;
      }
      if (!signal.aborted) throw new Error('The event store ended the subscription');
    } finally {
      clearInterval(renewal);
      done.abort();
    }
  };

  const run = async () => {
    for (let failures = 0; !stopping.signal.aborted; ) {
      try {
        const leased = lease as ExportLease;
        active = await leased.claim();
        if (!active) {
          await pause(leaseMs / 3); // another process exports: stand by
          continue;
        }
        await follow(await ensureCheckpoint(db, TRACE_EXPORT_CHECKPOINT), leased);
        active = false;
        failures = 0;
      } catch (error) {
        active = false;
        if (stopping.signal.aborted) return;
        failures++;
        const delay = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(failures - 1, 16));
        logger.error('trace export stopped; resubscribing from its checkpoint', { error, retryInMs: delay });
        await pause(delay);
      }
    }
  };

  return {
    async start() {
      if (loop) throw new Error('The run trace exporter is already started');
      await migrateCheckpoints(db);
      await ensureCheckpoint(db, TRACE_EXPORT_CHECKPOINT);
      lease = await createExportLease({
        db,
        name: TRACE_EXPORT_CHECKPOINT,
        owner: options.owner ?? randomUUID(),
        leaseMs,
      });
      loop = run();
    },
    async status() {
      const checkpoint = await readCheckpoint(db, TRACE_EXPORT_CHECKPOINT);
      const eventsBehind = await store.countAfter(checkpoint, options.lagCap ?? 10_000);
      return {
        name: 'otel-export',
        checkpoint,
        eventsBehind,
        caughtUp: eventsBehind === 0,
        exportedSpans,
        active,
      };
    },
    async stop() {
      stopping.abort();
      await loop;
      // A standby takes over at once instead of waiting for the lease to expire.
      await lease?.release();
      await exporter.shutdown();
    },
  };
}
