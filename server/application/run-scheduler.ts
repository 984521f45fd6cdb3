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
  /** Drives one run until it waits or ends. Throwing is logged and the run is retried later. */
  drive(runId: string, signal: AbortSignal): Promise<DriveResult>;
  /** Most runs driven at once. */
  concurrency: number;
  /** How often to look for candidates when not nudged. */
  pollMs: number;
  /** Renew leases this often (well under the lease time). */
  renewMs: number;
  logger: Logger;
  now?: () => number;
}

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
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let scanning = false;
  let renewTimer: NodeJS.Timeout | null = null;

  const runOne = async (runId: string): Promise<void> => {
    try {
      if (!(await leases.claim(runId))) return;
      const result = await options.drive(runId, stopping.signal);
      if (result.wakeAt) sleeping.set(runId, { until: result.wakeAt.getTime(), revision: null });
      else sleeping.delete(runId);
    } catch (error) {
      logger.error('driving a run failed; it will be retried', { runId, error });
      sleeping.set(runId, { until: now() + 1000, revision: null });
    } finally {
      await leases.release(runId).catch(() => undefined);
    }
  };

  const launch = (runId: string) => {
    if (active.has(runId) || active.size >= options.concurrency || stopping.signal.aborted) return false;
    const job = runOne(runId).finally(() => {
      active.delete(runId);
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
