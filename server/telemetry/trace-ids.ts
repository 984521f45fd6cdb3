// Trace and span ids that depend only on the run and what a span stands for: a re-export after a
// crash sends the same ids, so the backend keeps one trace.
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The trace id of a run: its UUID's 32 hex digits (find the trace by run id), else a hash of it. */
export function traceIdOf(runId: string): string {
  if (UUID.test(runId)) return runId.replaceAll('-', '').toLowerCase();
  return createHash('sha256').update(`spark-ops:trace:${runId}`).digest('hex').slice(0, 32);
}

/** A span id (16 hex digits) from the run and what the span stands for (`run`, `step:2`, `tool:<id>`…). */
export function spanIdOf(runId: string, what: string): string {
  return createHash('sha256').update(`spark-ops:span:${runId}:${what}`).digest('hex').slice(0, 16);
}
