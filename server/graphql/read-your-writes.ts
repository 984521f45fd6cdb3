import type { Actor } from '../application/event-writer.ts';
import type { ApiContext } from './context.ts';

/** The most a request may ask to wait for the read models. */
export const MAX_WAIT_MS = 5000;

/** The `x-wait-for-projections` header as a bounded wait in ms (0 when absent or not a number). */
export function parseWaitHeader(value: string | null | undefined): number {
  if (!value) return 0;
  const ms = Number.parseInt(value, 10);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_WAIT_MS) : 0;
}

/**
 * Records a mutation's appended position (returned as `extensions.position`) and returns the
 * object it acts on: read from the read models once they reached the position when the request
 * asked to wait (`x-wait-for-projections`), otherwise (or when the wait timed out or the read model
 * lacks it) built from the state the service folded.
 */
export async function written<T>(
  context: ApiContext,
  position: string,
  fromReadModel: () => Promise<T | null>,
  fromState: () => T,
): Promise<T> {
  context.writes.push(position);
  if (context.waitForMs > 0 && (await context.services.projections.waitFor(position, context.waitForMs))) {
    const view = await fromReadModel();
    if (view) return view;
  }
  return fromState();
}

/**
 * The viewer as the actor of a write, with where the request came from: all of it goes into every
 * event's metadata, which is what the audit trail reads.
 */
export function actorOf(context: ApiContext): Actor {
  if (!context.viewer) throw new Error('A write reached its resolver without a viewer (auth scopes missing)');
  return {
    id: context.viewer.id,
    email: context.viewer.email,
    clientAddress: context.clientAddress,
    userAgent: context.userAgent,
  };
}
