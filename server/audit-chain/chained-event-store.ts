import type { EventCatalogue } from '../../schema/events/define.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
} from '../eventstore/port.ts';
import { type PreparedEvent, prepareAppend } from '../eventstore/prepare.ts';
import { CHAIN_HASH_KEY, chainHash, GENESIS_HASH, storedHash } from './hash.ts';

/** A stream's last event as the chain knows it: revision -1 is "no stream" (genesis hash). */
interface Head {
  revision: number;
  hash: string;
}

export interface ChainedEventStoreOptions {
  catalogue: EventCatalogue;
  /** Stream heads kept in memory (the least recently appended are forgotten first). */
  maxCachedHeads?: number;
  /** Appends retried after losing a race before giving up (default 1000). */
  maxAttempts?: number;
}

const CHAINED = Symbol.for('spark-ops.audit-chain');

/** True when the store already chains its appends (wrapping twice would hash twice). */
export function isChained(store: EventStore): boolean {
  return (store as unknown as Record<symbol, unknown>)[CHAINED] === true;
}

// No stream reaches this revision: an append expecting it always fails, and the failure names
// the actual revision (or finds the append already done, when it is a retry).
const IMPOSSIBLE_REVISION = Number.MAX_SAFE_INTEGER;

/**
 * The tamper-evident log (docs/audit-chain.md): every appended event gets, in its metadata under
 * `chainHash`, the SHA-256 of its content chained to the previous event of its stream. Computed
 * here, by the application, so it holds on every adapter.
 *
 * The chain needs the revision an event lands at before writing it, so every append becomes an
 * append at an exact expected revision: `any` and `stream_exists` use the known head of the stream
 * and, when another process moved it, learn the actual revision from the refusal, read that event's
 * hash and try again. Appends to one stream are queued in this process, so its own writers never
 * race each other; writers in other processes are fenced by the store's expected-revision check.
 */
export function createChainedEventStore(inner: EventStore, options: ChainedEventStoreOptions): EventStore {
  if (isChained(inner)) return inner;
  const { catalogue } = options;
  const maxCachedHeads = options.maxCachedHeads ?? 100_000;
  const maxAttempts = options.maxAttempts ?? 1000;
  const heads = new Map<string, Head>();
  const queues = new Map<string, Promise<unknown>>();

  const remember = (stream: string, head: Head) => {
    heads.delete(stream);
    heads.set(stream, head);
    if (heads.size > maxCachedHeads) heads.delete(heads.keys().next().value as string);
  };

  // The chain of a stream's events written before the chain existed, computed from the start.
  const legacyHashAt = async (stream: string, revision: number): Promise<string> => {
    let hash = GENESIS_HASH;
    for (let from = 0; from <= revision; ) {
      const page = await inner.readStream(stream, {
        fromRevision: from,
        maxCount: Math.min(1000, revision - from + 1),
        raw: true,
      });
      if (page.length === 0) break;
      for (const event of page) hash = storedHash(event.metadata) ?? chainHash(hash, event);
      from += page.length;
    }
    return hash;
  };

  /** The hash of the event at `revision`, or null when the stream has no such event (yet). */
  const headAt = async (stream: string, revision: number): Promise<Head | null> => {
    if (revision < 0) return { revision: -1, hash: GENESIS_HASH };
    const cached = heads.get(stream);
    if (cached?.revision === revision) return cached;
    const [event] = await inner.readStream(stream, { fromRevision: revision, maxCount: 1, raw: true });
    if (!event) return null;
    return { revision, hash: storedHash(event.metadata) ?? (await legacyHashAt(stream, revision)) };
  };

  const seal = (
    stream: string,
    head: Head,
    prepared: PreparedEvent[],
  ): { events: NewEvent[]; last: string } => {
    let previous = head.hash;
    const events = prepared.map((event, i): NewEvent => {
      previous = chainHash(previous, {
        stream,
        revision: head.revision + 1 + i,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
      return {
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: { ...event.metadata, [CHAIN_HASH_KEY]: previous },
      };
    });
    return { events, last: previous };
  };

  const toRevision = (actual: number | 'no_stream') => (actual === 'no_stream' ? -1 : actual);

  const appendChained = async (
    stream: string,
    prepared: PreparedEvent[],
    expected: ExpectedRevision,
    appendOptions: AppendOptions,
  ): Promise<AppendResult> => {
    const exact = typeof expected === 'number' || expected === 'no_stream';
    let base =
      typeof expected === 'number'
        ? expected
        : expected === 'no_stream'
          ? -1
          : (heads.get(stream)?.revision ?? (expected === 'stream_exists' ? 0 : -1));
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const head = await headAt(stream, base);
      const sealed = seal(stream, head ?? { revision: base, hash: GENESIS_HASH }, prepared);
      try {
        // Without the head's hash the append must not land: it asks for an impossible revision,
        // which either finds it already done (a retry) or names the stream's actual revision.
        const result = await inner.append(stream, sealed.events, {
          ...appendOptions,
          expected: head ? (base < 0 ? 'no_stream' : base) : IMPOSSIBLE_REVISION,
        });
        if (result.replayed) heads.delete(stream);
        else remember(stream, { revision: result.nextExpectedRevision, hash: sealed.last });
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        heads.delete(stream);
        const actual = toRevision(error.actual);
        if (exact && (head !== null || actual !== base))
          throw new WrongExpectedVersionError(stream, expected, error.actual);
        if (expected === 'stream_exists' && actual < 0)
          throw new WrongExpectedVersionError(stream, expected, 'no_stream');
        if (!exact) base = actual;
      }
    }
    throw new Error(`Append to ${stream} lost the race for its head ${maxAttempts} times in a row`);
  };

  const store: EventStore = {
    name: `${inner.name}+chain`,
    async append(stream, events, appendOptions = {}) {
      // Validation first, outside the queue: bad input is refused before anything is read or written.
      const prepared = prepareAppend(catalogue, stream, events);
      const expected = appendOptions.expected ?? 'any';
      const previous = queues.get(stream) ?? Promise.resolve();
      const run = previous.then(
        () => appendChained(stream, prepared, expected, appendOptions),
        () => appendChained(stream, prepared, expected, appendOptions),
      );
      const settled = run.catch(() => undefined);
      queues.set(stream, settled);
      void settled.then(() => {
        if (queues.get(stream) === settled) queues.delete(stream);
      });
      return run;
    },
    readStream: (stream, readOptions) => inner.readStream(stream, readOptions),
    readAll: (readOptions) => inner.readAll(readOptions),
    subscribeToStream: (stream, subscribeOptions) => inner.subscribeToStream(stream, subscribeOptions),
    subscribeToAll: (subscribeOptions) => inner.subscribeToAll(subscribeOptions),
    headPosition: () => inner.headPosition(),
    countAfter: (position, cap) => inner.countAfter(position, cap),
    close: () => inner.close(),
  };
  Object.defineProperty(store, CHAINED, { value: true });
  return store;
}
