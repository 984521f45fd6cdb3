import type { Logger } from '../logger.ts';
import type { RunLeases } from './run-leases.ts';

/** What driving a run came to: it may need driving again at `wakeAt` (an approval deadline). */
export interface DriveResult {
  wakeAt?: Date;
}

export interface RunSchedulerOptions {
  leases: RunLeases;
  /**
   * Runs that may have work: not terminal (from the runs read model), with the stream revision the
   * read model has seen. A sleeping run whose revision moved (an approval decided in another
   * process) is woken.
   */
  findCandidates(limit: number): Promise<{ runId: string; revision: number }[]>;
  /**
   * Drives one run until it waits or ends. Throwing is logged and the run is retried later, with
   * a growing back-off, at most `maxDriveFailures` times in a row before `giveUp`.
   */
  drive(runId: string, signal: AbortSignal): Promise<DriveResult>;
  /**
   * Ends a run whose drive failed `maxDriveFailures` times in a row (each attempt may have paid for
   * a model call that could not be recorded): it should record the run as FAILED with the reason.
   * If it throws (the store is down), the run is retried later like any failed drive.
   */
  giveUp(runId: string, failure: DriveFailure): Promise<void>;
  /** Failed drives in a row after which `giveUp` is called; default 5. */
  maxDriveFailures?: number;
  /** Most runs driven at once. */
  concurrency: number;
  /** How often to look for candidates when not nudged. */
  pollMs: number;
  /** Renew leases this often (well under the lease time). */
  renewMs: number;
  logger: Logger;
  now?: () => number;
}

/** Why a run is given up: the last error and how many drives failed in a row. */
export interface DriveFailure {
  message: string;
  attempts: number;
}

/** Wait before driving a run again after its n-th failure in a row: 1 s, 2 s, 4 s, … capped at 60 s. */
export function driveFailureBackoffMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, failures - 1));
}

const DEFAULT_MAX_DRIVE_FAILURES = 5;

export interface RunScheduler {
  start(): void;
  /** Drive this run soon (it was just started, or an approval was decided). */
  nudge(runId: string): void;
  /** Stops claiming; waits for runs being driven to reach a safe point. */
  stop(): Promise<void>;
  activeRuns(): number;
}

/**
 * Claims runnable runs by lease and drives them with a concurrency limit. Work comes from nudges
 * (same process) and from polling the runs read model (other processes, restarts after a crash).
 */
export function createRunScheduler(options: RunSchedulerOptions): RunScheduler {
  const { leases, logger } = options;
  const now = options.now ?? Date.now;
  const active = new Map<string, Promise<void>>();
  const sleeping = new Map<string, { until: number; revision: number | null }>();
  const nudged = new Set<string>();
  // Failed drives in a row per run (reset by a drive that returns): bounds the retries of a run
  // that fails the same way every time, e.g. after a model call whose answer cannot be recorded.
  const failures = new Map<string, number>();
  const maxDriveFailures = options.maxDriveFailures ?? DEFAULT_MAX_DRIVE_FAILURES;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let scanning = false;
  let renewTimer: NodeJS.Timeout | null = null;

  const runOne = async (runId: string): Promise<void> => {
    try {
      if (!(await leases.claim(runId))) return;
      const result = await options.drive(runId, stopping.signal);
      failures.delete(runId);
      if (result.wakeAt) sleeping.set(runId, { until: result.wakeAt.getTime(), revision: null });
      else sleeping.delete(runId);
    } catch (error) {
      await driveFailed(runId, error);
    } finally {
      await leases.release(runId).catch(() => undefined);
    }
  };

  const driveFailed = async (runId: string, error: unknown): Promise<void> => {
    const attempts = (failures.get(runId) ?? 0) + 1;
    failures.set(runId, attempts);
    if (attempts >= maxDriveFailures) {
      const message = error instanceof Error ? error.message : String(error);
      try {
        await options.giveUp(runId, { message, attempts });
        logger.error('driving a run failed too often; the run is failed', { runId, attempts, error });
        failures.delete(runId);
        sleeping.delete(runId);
        return;
      } catch (giveUpError) {
        logger.error('failing a run that cannot be driven failed too', { runId, error: giveUpError });
      }
    } else {
      logger.error('driving a run failed; it will be retried', { runId, attempts, error });
    }
    sleeping.set(runId, { until: now() + driveFailureBackoffMs(attempts), revision: null });
  };

  const launch = (runId: string) => {
    if (active.has(runId) || active.size >= options.concurrency || stopping.signal.aborted) return false;
    const job = runOne(runId).finally(() => {
      active.delete(runId);
      // Nudged while it was being driven (an approval decided as the drive ended): again at once.
      if (nudged.has(runId) && launch(runId)) nudged.delete(runId);
      schedule(0);
    });
    active.set(runId, job);
    return true;
  };

  const scan = async () => {
    if (scanning || stopping.signal.aborted) return;
    scanning = true;
    try {
      // A run nudged while it is being driven stays nudged, so it is driven again right after.
      for (const runId of [...nudged]) if (launch(runId)) nudged.delete(runId);
      const free = options.concurrency - active.size;
      if (free <= 0) return;
      const candidates = await options.findCandidates(free + active.size + sleeping.size);
      for (const { runId, revision } of candidates) {
        if (active.size >= options.concurrency) break;
        const sleep = sleeping.get(runId);
        if (sleep) {
          // The first sighting after a drive records the revision it left the run at.
          sleep.revision ??= revision;
          if (sleep.revision === revision && sleep.until > now()) continue;
        }
        launch(runId);
      }
    } catch (error) {
      logger.warn('looking for runnable runs failed', { error });
    } finally {
      scanning = false;
      schedule(options.pollMs);
    }
  };

  function schedule(delayMs: number) {
    if (stopping.signal.aborted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void scan(), delayMs);
  }

  return {
    start() {
      schedule(0);
      renewTimer = setInterval(() => {
        for (const runId of active.keys()) void leases.claim(runId).catch(() => undefined);
      }, options.renewMs);
    },
    nudge(runId) {
      sleeping.delete(runId);
      // Driven at once when there is room: a scan under way would otherwise hold it until the next poll.
      if (launch(runId)) return;
      nudged.add(runId);
      schedule(0);
    },
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      if (renewTimer) clearInterval(renewTimer);
      await Promise.allSettled(active.values());
    },
    activeRuns: () => active.size,
  };
}
