import { type ResourceLimits, Worker } from 'node:worker_threads';
import { ToolError } from './tool.ts';

/** Configuration of {@link createSingleWorker}. */
export interface SingleWorkerOptions {
  /** Worker module (TypeScript, loaded through tsx). It posts `{ type: 'ready' }` once, then answers `{ id, … }`. */
  moduleUrl: URL;
  /** Label for error messages, e.g. "Python sandbox". */
  label: string;
  /** Evaluated at every (re)start, so a restarted worker can begin from cached state. */
  workerData?: () => unknown;
  resourceLimits?: ResourceLimits;
  /** How long a (re)start may take before calls fail with a retryable `UNAVAILABLE`. */
  startupTimeoutMs: number;
  /** Sees the `ready` message (e.g. to cache a snapshot the first worker produced). */
  onReady?: (message: Record<string, unknown>) => void;
}

/** Limits of one job. */
export interface JobLimits {
  /** Measured from the moment the job reaches a ready worker, not from when it was queued. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** The error a job gets when it runs out of time (the worker is then terminated and replaced). */
  onTimeout: () => ToolError;
}

/**
 * One worker thread that runs one job at a time. A job that times out, is aborted or crashes the
 * worker terminates it — the only way to stop synchronous WebAssembly — and the next job starts a
 * fresh one. Workers get an empty environment (`env: {}`), so no secret of the host process is
 * visible inside them.
 */
export interface SingleWorker {
  /** Posts `request` (an `id` is added) and resolves with the worker's answer. */
  run(request: Record<string, unknown>, limits: JobLimits): Promise<Record<string, unknown>>;
  /** Starts the worker ahead of the first job. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

// Workers do not inherit the tsx loader on Node 20; this bootstrap registers it, then imports the module.
const TSX_API = import.meta.resolve('tsx/esm/api');
const bootstrap = (moduleUrl: URL): string =>
  `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); })`;

interface Entry {
  worker: Worker;
  ready: Promise<void>;
  /** The job in flight on this worker, if any. */
  job: { onMessage(message: Record<string, unknown>): void; onFailure(error: ToolError): void } | null;
}

/** A {@link SingleWorker} for `options.moduleUrl`; nothing starts before the first `run` or `warm`. */
export function createSingleWorker(options: SingleWorkerOptions): SingleWorker {
  let current: Entry | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;
  let closed = false;

  const start = (): Entry => {
    const worker = new Worker(bootstrap(options.moduleUrl), {
      eval: true,
      env: {},
      workerData: options.workerData?.(),
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    // An idle worker must not keep the process alive; a job's timer does while it runs.
    worker.unref();
    const entry: Entry = { worker, ready: Promise.resolve(), job: null };
    entry.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(unavailable(`${options.label} did not start within ${options.startupTimeoutMs} ms`));
        void discard(entry);
      }, options.startupTimeoutMs);
      worker.on('message', (message: Record<string, unknown>) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          options.onReady?.(message);
          resolve();
        } else {
          entry.job?.onMessage(message);
        }
      });
      const fail = (error: ToolError): void => {
        clearTimeout(timer);
        if (current === entry) current = null;
        reject(error);
        entry.job?.onFailure(error);
      };
      worker.on('error', (error: Error & { code?: string }) => fail(crashed(options.label, error)));
      worker.on('exit', (code) => fail(unavailable(`${options.label} exited with code ${code}`)));
    });
    entry.ready.catch(() => undefined);
    return entry;
  };

  const discard = async (entry: Entry): Promise<void> => {
    if (current === entry) current = null;
    await entry.worker.terminate();
  };

  const ensure = (): Entry => {
    if (closed) throw unavailable(`${options.label} is closed`);
    current ??= start();
    return current;
  };

  const runNow = async (
    request: Record<string, unknown>,
    limits: JobLimits,
  ): Promise<Record<string, unknown>> => {
    limits.signal?.throwIfAborted();
    const entry = ensure();
    await entry.ready;
    // The caller may have given up while the worker was starting.
    limits.signal?.throwIfAborted();
    const id = ++nextId;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', onAbort);
        entry.job = null;
      };
      const stop = (error: unknown): void => {
        finish();
        reject(error);
        void discard(entry);
      };
      const onAbort = (): void => stop(limits.signal?.reason);
      const timer = setTimeout(() => stop(limits.onTimeout()), limits.timeoutMs);
      limits.signal?.addEventListener('abort', onAbort, { once: true });
      entry.job = {
        onMessage(message) {
          if (message.id !== id) return;
          finish();
          resolve(message);
        },
        onFailure(error) {
          finish();
          reject(error);
        },
      };
      entry.worker.postMessage({ ...request, id });
    });
  };

  return {
    run(request, limits) {
      const job = queue.then(() => runNow(request, limits));
      queue = job.catch(() => undefined);
      return job;
    },
    async warm() {
      await ensure().ready;
    },
    async close() {
      closed = true;
      if (current) await discard(current);
    },
  };
}

function unavailable(message: string): ToolError {
  return new ToolError('UNAVAILABLE', message, { retryable: true });
}

function crashed(label: string, error: Error & { code?: string }): ToolError {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ToolError('MEMORY_LIMIT', `${label} ran out of memory and was stopped`, {
      retryable: false,
      cause: error,
    });
  }
  return new ToolError('WORKER_CRASHED', `${label} crashed: ${error.message}`, {
    retryable: false,
    cause: error,
  });
}
