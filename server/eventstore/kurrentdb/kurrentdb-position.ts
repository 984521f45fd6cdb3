import type { AppendStreamState, CurrentStreamState, Position } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../port.ts';

// Pure mapping between the port's vocabulary and the KurrentDB client's: positions, expected states,
// actual revisions and error kinds. No I/O, so all of it is unit-tested without a server.

const DIGITS = 20;
const MAX_U64 = 2n ** 64n - 1n;
const POSITION = /^kdb:(\d{20}):(\d{20})$/;

/** `kdb:<commit>:<prepare>`, both zero-padded to 20 digits so string order is log order. */
export function encodePosition(position: Position): string {
  for (const part of [position.commit, position.prepare]) {
    if (part < 0n || part > MAX_U64) throw new RangeError(`Not a KurrentDB log position: ${String(part)}`);
  }
  return `kdb:${position.commit.toString().padStart(DIGITS, '0')}:${position.prepare.toString().padStart(DIGITS, '0')}`;
}

/** Parses a position made by `encodePosition`. @throws RangeError for anything else (e.g. a `pg:` position). */
export function decodePosition(position: string): Position {
  const match = POSITION.exec(position);
  if (!match) throw new RangeError(`Not a KurrentDB event store position: ${position}`);
  const commit = BigInt(match[1] as string);
  const prepare = BigInt(match[2] as string);
  if (commit > MAX_U64 || prepare > MAX_U64)
    throw new RangeError(`Not a KurrentDB event store position: ${position}`);
  return { commit, prepare };
}

/** Log order of two positions: negative, zero or positive like a sort comparator. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * The client's `streamState` for the port's `expected`. A revision of -1 means "no stream", as it
 * does for the other adapters (a stream with no events has revision -1).
 * @throws RangeError for a revision that is not an integer ≥ -1.
 */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (!Number.isSafeInteger(expected) || expected < -1) {
    throw new RangeError(
      `Expected revision must be an integer ≥ -1, 'any', 'no_stream' or 'stream_exists': ${expected}`,
    );
  }
  return expected === -1 ? 'no_stream' : BigInt(expected);
}

/**
 * The port's `actual` for the client's `actualState`. Older servers report a missing stream as -1
 * and a deleted one as another negative number: neither has events, so both are `no_stream`.
 */
export function toActualRevision(actual: CurrentStreamState): number | 'no_stream' {
  if (actual === 'no_stream' || actual < 0n) return 'no_stream';
  return Number(actual);
}

/** What the adapter does with an error the client threw. */
export type KurrentErrorKind = 'wrong-expected-version' | 'stream-not-found' | 'transient' | 'fatal';

// The client's `ErrorType` values (utils/CommandError.d.ts) worth waiting out: the node or the
// connection went away, or the leader moved. Access denied, deleted streams and bad arguments are not.
const TRANSIENT_TYPES = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'cancelled',
  'not-leader',
  'unknown',
]);
// gRPC status codes of a raw ServiceError: CANCELLED, UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED,
// ABORTED, INTERNAL, UNAVAILABLE.
const TRANSIENT_GRPC_CODES = new Set([1, 2, 4, 8, 10, 13, 14]);
const TRANSIENT_NODE_CODES =
  /^(ERR_STREAM_PREMATURE_CLOSE|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH)$/;

/**
 * Classifies an error from the KurrentDB client by its stable `type` (the client's `ErrorType`),
 * falling back to gRPC status and Node error codes for errors the client did not convert.
 */
export function classifyKurrentError(error: unknown): KurrentErrorKind {
  if (typeof error !== 'object' || error === null) return 'fatal';
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (type === 'wrong-expected-version') return 'wrong-expected-version';
  if (type === 'stream-not-found') return 'stream-not-found';
  if (typeof type === 'string') return TRANSIENT_TYPES.has(type) ? 'transient' : 'fatal';
  if (typeof code === 'number') return TRANSIENT_GRPC_CODES.has(code) ? 'transient' : 'fatal';
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.test(code)) return 'transient';
  return 'fatal';
}

/** True for errors a subscription or reader should wait out and then resume from its checkpoint. */
export function isTransientKurrentError(error: unknown): boolean {
  return classifyKurrentError(error) === 'transient';
}
