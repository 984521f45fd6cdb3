// The kit of the chaos tests: real `server/main.ts` processes in a role (SPARK_ROLES), what they
// hold (their /ready), and the process behind a lease owner id.
import { loadavg } from 'node:os';
import { freePort } from '../../e2e/harness.ts';
import type { Readiness } from '../http/health.ts';
import { pollUntil } from '../testkit/poll-until.ts';
import { type ServerProcess, startServerProcess } from '../testkit/server-process.ts';

export interface RoleProcess extends ServerProcess {
  roles: string;
  readiness(): Promise<Readiness>;
}

/** Starts `server/main.ts` with SPARK_ROLES=`roles` on a free port and waits for /health. */
export async function startRole(env: Record<string, string>, roles: string): Promise<RoleProcess> {
  const child = startServerProcess({ ...env, SPARK_ROLES: roles }, await freePort());
  await child.ready;
  return {
    ...child,
    roles,
    async readiness() {
      const response = await fetch(`${child.url}/ready`);
      return (await response.json()) as Readiness;
    },
  };
}

/** The pid in a lease owner id (`<host>:<pid>:<random>`, the platform's processId). */
export function pidOfOwner(owner: string): number {
  return Number(owner.split(':')[1]);
}

/** Polls `check` every `everyMs` until it returns a value (not undefined) or `timeoutMs` pass. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const { value, accepted } = await pollUntil(check, (found) => found !== undefined, timeoutMs, everyMs);
  if (!accepted) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  return value as T;
}

/** A figure for the report: one JSON line on stdout, like the benches print. */
export function reportFigure(figure: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...figure, loadAverage1m: loadavg()[0] })}\n`);
}
