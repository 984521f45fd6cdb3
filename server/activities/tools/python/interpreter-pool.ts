// One Python interpreter per run. A worker is reused only by the run it was given to, so what one
// run does to modules (`statistics.mean = …`, `builtins.sum = …`, `json.dumps = None`) can never
// reach another run; a spare is kept loaded so a run's first call does not wait for Pyodide.
import type { SingleWorker } from '../single-worker.ts';

export interface InterpreterPoolOptions {
  /** A new, not yet started interpreter worker. */
  create(): SingleWorker;
  /** Interpreters kept for runs at once; the least recently used one is closed past it. Default 4. */
  maxRunInterpreters?: number;
  /** A run's interpreter unused this long is closed (the run gets a fresh one if it calls again). Default 120 s. */
  idleMs?: number;
  now?: () => number;
}

export interface InterpreterPool {
  /**
   * Runs `job` on the run's own interpreter: its existing one, else a warm spare (and a new spare
   * starts loading). An interpreter with a job in flight is never closed to make room.
   */
  use<T>(runId: string, job: (worker: SingleWorker) => Promise<T>): Promise<T>;
  /** Loads a spare ahead of the first run. */
  warm(): Promise<void>;
  /** Interpreters currently assigned to runs (for tests and metrics). */
  runCount(): number;
  close(): Promise<void>;
}

interface Assigned {
  worker: SingleWorker;
  lastUsed: number;
  inFlight: number;
}

export function createInterpreterPool(options: InterpreterPoolOptions): InterpreterPool {
  const maxRuns = options.maxRunInterpreters ?? 4;
  const idleMs = options.idleMs ?? 120_000;
  const now = options.now ?? Date.now;
  const byRun = new Map<string, Assigned>();
  let spare: SingleWorker | null = null;
  let closed = false;
  let sweeper: NodeJS.Timeout | null = null;

  const startSpare = (): void => {
    if (closed || spare !== null) return;
    spare = options.create();
    // A spare that fails to load is dropped; the next run creates one again.
    spare.warm().catch(() => {
      spare = null;
    });
  };

  const release = (runId: string): void => {
    const assigned = byRun.get(runId);
    if (!assigned) return;
    byRun.delete(runId);
    void assigned.worker.close().catch(() => undefined);
  };

  const sweep = (): void => {
    for (const [runId, assigned] of byRun) {
      if (assigned.inFlight === 0 && now() - assigned.lastUsed >= idleMs) release(runId);
    }
    if (byRun.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = null;
    }
  };

  /** Closes the least recently used idle interpreters while there are more than `maxRuns`. */
  const makeRoom = (keep: string): void => {
    for (const [runId, assigned] of byRun) {
      if (byRun.size <= maxRuns) return;
      if (assigned.inFlight === 0 && runId !== keep) release(runId);
    }
  };

  const assign = (runId: string): Assigned => {
    if (closed) throw new Error('the Python interpreter pool is closed');
    const existing = byRun.get(runId);
    if (existing) {
      // Map order is recency order: move the run to the end.
      byRun.delete(runId);
      byRun.set(runId, existing);
      return existing;
    }
    const assigned: Assigned = { worker: spare ?? options.create(), lastUsed: now(), inFlight: 0 };
    spare = null;
    byRun.set(runId, assigned);
    makeRoom(runId);
    startSpare();
    sweeper ??= setInterval(sweep, Math.max(1000, Math.min(idleMs, 30_000)));
    sweeper.unref();
    return assigned;
  };

  return {
    async use(runId, job) {
      const assigned = assign(runId);
      assigned.inFlight++;
      try {
        return await job(assigned.worker);
      } finally {
        assigned.inFlight--;
        assigned.lastUsed = now();
      }
    },
    async warm() {
      startSpare();
      await spare?.warm();
    },
    runCount: () => byRun.size,
    async close() {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      const workers = [...[...byRun.values()].map((assigned) => assigned.worker), ...(spare ? [spare] : [])];
      byRun.clear();
      spare = null;
      await Promise.all(workers.map((worker) => worker.close().catch(() => undefined)));
    },
  };
}
