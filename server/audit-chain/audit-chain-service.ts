import type { AuditChainVerifiedData } from '../../schema/events/index.ts';
import { chainVerificationStream, runStream } from '../../schema/events/streams.ts';
import { InvalidInputError, NotFoundError } from '../application/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { type AnchorOutcome, createAnchorer } from './anchors.ts';
import { type AuditVerificationResult, verifyChain } from './verify.ts';

/** A verification as recorded (`AuditChainVerified` on `chain-verifications`). */
export interface AuditVerificationRecord extends AuditVerificationResult {
  runId: string | null;
  verifiedAt: Date;
  durationMs: number;
  by: string;
}

export interface AuditChainService {
  /**
   * Verifies one run's stream (or every stream when `runId` is null) and records the outcome.
   * @throws InvalidInputError when `runId` is not a UUID, NotFoundError when no such run was written.
   */
  verify(input: { runId: string | null; by: string }): Promise<AuditVerificationRecord>;
  /** The newest recorded verification, from any process; null before the first. */
  lastVerification(): Promise<AuditVerificationRecord | null>;
  /** Anchors the heads of the streams changed since the last anchor, now. */
  anchor(by: string): Promise<AnchorOutcome>;
  /** Runs the one-time migration anchor, then anchors every `intervalMs`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AuditChainServiceOptions {
  /** The chained store (`createChainedEventStore`): the records it appends are chained too. */
  store: EventStore;
  /** AUDIT_ANCHOR_INTERVAL: how often the heads are anchored; 0 anchors only on demand. */
  intervalMs: number;
  logger?: Logger;
  now?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toRecord = (data: AuditChainVerifiedData): AuditVerificationRecord => ({
  runId: data.runId,
  ok: data.ok,
  eventsChecked: data.eventsChecked,
  brokenAt: data.brokenAt,
  verifiedAt: new Date(data.startedAt),
  durationMs: data.durationMs,
  by: data.by,
});

/** The tamper-evident log's operations (docs/audit-chain.md): anchoring, verifying, the last result. */
export function createAuditChainService(options: AuditChainServiceOptions): AuditChainService {
  const { store, intervalMs } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const anchorer = createAnchorer(store);
  let timer: NodeJS.Timeout | null = null;
  let anchoring: Promise<unknown> = Promise.resolve();
  // The verifications stream read so far (it only grows: read from where this process stopped).
  let readUpTo = -1;
  let last: AuditVerificationRecord | null = null;

  // One anchor at a time in this process; other processes are fenced by the anchor stream's revision.
  const anchor = (by: string): Promise<AnchorOutcome> => {
    const next = anchoring.then(() => anchorer.anchor(by));
    anchoring = next.catch(() => undefined);
    return next;
  };

  return {
    async verify({ runId, by }) {
      const started = now();
      const startedMs = performance.now();
      if (runId !== null && !UUID.test(runId))
        throw new InvalidInputError('runId', `"${runId}" is not a run id`);
      const result = await verifyChain(store, runId === null ? {} : { stream: runStream(runId) });
      // Nothing read and nothing anchored: no such run (a dropped run's stream is named by its anchor).
      if (runId !== null && result.ok && result.eventsChecked === 0) throw new NotFoundError('Run', runId);
      const data: AuditChainVerifiedData = {
        runId,
        ok: result.ok,
        eventsChecked: result.eventsChecked,
        brokenAt: result.brokenAt,
        startedAt: started.toISOString(),
        durationMs: Math.round(performance.now() - startedMs),
        by,
      };
      await store.append(chainVerificationStream, [
        { id: newEventId(), type: 'AuditChainVerified', data, metadata: { actor: by } },
      ]);
      if (result.brokenAt) logger.warn('audit chain broken', { runId, ...result.brokenAt });
      return toRecord(data);
    },

    async lastVerification() {
      for (;;) {
        const page = await store.readStream(chainVerificationStream, {
          fromRevision: readUpTo + 1,
          maxCount: 1000,
        });
        const newest = page[page.length - 1];
        if (newest) {
          readUpTo = newest.revision;
          last = toRecord(newest.data as AuditChainVerifiedData);
        }
        if (page.length < 1000) return last;
      }
    },

    anchor,

    async start() {
      const migration = await anchorer.migrate('system');
      if (migration.revision !== null)
        logger.info('audit chain: anchored the heads written before the chain', {
          streams: migration.streams,
        });
      if (intervalMs > 0) {
        timer = setInterval(() => {
          anchor('system').catch((error: unknown) => logger.warn('audit chain: anchoring failed', { error }));
        }, intervalMs);
        timer.unref();
      }
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await anchoring;
    },
  };
}
