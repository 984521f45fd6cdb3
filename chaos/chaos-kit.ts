// Shared by the chaos tests: waiting with a deadline, a /ready poller, and PostgreSQL's own control.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ClusterProcess } from '../scripts/cluster.ts';
import { pollUntil } from '../server/testkit/poll-until.ts';

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `probe`'s first truthy value; throws `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const { value, accepted } = await pollUntil(async () => probe(), Boolean, timeoutMs, everyMs);
  if (!accepted) throw new Error(`${what}: not within ${timeoutMs} ms`);
  return value as T;
}

/** Rejects with `what` when `promise` has not settled within `timeoutMs`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A required program: under CI a missing one fails the test (a prerequisite is never skipped). */
export function requireProgram(path: string, install: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${install}`);
}

export interface ReadyLog {
  /** Every /ready answer per process: time, HTTP status (0: no answer). */
  answers: Map<string, { at: number; status: number }[]>;
  /** The last /ready body (or error) per process, for failure messages. */
  lastBody: Map<string, string>;
  stop(): Promise<void>;
}

/** Polls every process's /ready every `everyMs` until stopped. */
export function pollReady(processes: readonly ClusterProcess[], everyMs = 100): ReadyLog {
  const answers = new Map(processes.map((p) => [p.name, [] as { at: number; status: number }[]]));
  const lastBody = new Map<string, string>();
  let stopped = false;
  const loops = processes.map(async (p) => {
    while (!stopped) {
      const at = Date.now();
      let status = 0;
      try {
        const response = await fetch(`${p.url}/ready`, { signal: AbortSignal.timeout(2000) });
        status = response.status;
        lastBody.set(p.name, (await response.text()).slice(0, 600));
      } catch (error) {
        status = 0;
        lastBody.set(p.name, String(error));
      }
      answers.get(p.name)?.push({ at, status });
      await delay(everyMs);
    }
  });
  return {
    answers,
    lastBody,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** PostgreSQL 15 of Debian (`pg_ctlcluster`), the server every test uses. */
export const PG_CTLCLUSTER = '/usr/bin/pg_ctlcluster';

export function pgctl(action: 'stop' | 'start' | 'restart' | 'status'): {
  status: number | null;
  output: string;
} {
  const args = [
    '--skip-systemctl-redirect',
    '15',
    'main',
    action,
    ...(action === 'stop' ? ['-m', 'fast'] : []),
  ];
  const result = spawnSync(PG_CTLCLUSTER, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ?? ''}` };
}

/** Starts PostgreSQL if it is down (the chaos tests' `finally`: the shared server is left running). */
export function ensurePostgresRunning(): void {
  if (pgctl('status').status === 0) return;
  const started = pgctl('start');
  if (started.status !== 0) throw new Error(`could not start PostgreSQL again: ${started.output}`);
}
