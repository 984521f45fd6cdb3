import type { AuditChainAnchoredData } from '../../schema/events/index.ts';
import { chainAnchorStream } from '../../schema/events/streams.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import { chainHash, GENESIS_HASH, storedHash } from './hash.ts';

/** Where the chain is broken: the first event (or missing event) that does not check out. */
export interface AuditBreak {
  stream: string;
  revision: number;
  reason: string;
}

export interface AuditVerificationResult {
  ok: boolean;
  eventsChecked: number;
  brokenAt: AuditBreak | null;
}

export interface VerifyOptions {
  /** Only this stream (a run's); all streams when omitted. */
  stream?: string;
  /** Events read per page (default 10,000): the walk never holds more than a page of events. */
  pageSize?: number;
}

/** What the anchors claim about one stream. */
interface Claims {
  /** Hash each anchored revision must have. */
  hashes: Map<number, string>;
  /** The highest anchored revision: the stream must reach it. */
  top: number;
  /** Events up to this revision may carry no hash (written before the chain); -1 when none. */
  legacyUpTo: number;
}

interface StreamState {
  next: number;
  hash: string;
}

async function* pages(store: EventStore, options: VerifyOptions): AsyncGenerator<RecordedEvent[]> {
  const size = options.pageSize ?? 10_000;
  if (options.stream) {
    for (let from = 0; ; ) {
      const page = await store.readStream(options.stream, { fromRevision: from, maxCount: size, raw: true });
      if (page.length > 0) yield page;
      if (page.length < size) return;
      from += page.length;
    }
  }
  for (let after: string | null = null; ; ) {
    const page = await store.readAll({ after, maxCount: size, raw: true });
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = (page[page.length - 1] as RecordedEvent).position;
  }
}

async function readClaims(store: EventStore, only?: string): Promise<Map<string, Claims>> {
  const claims = new Map<string, Claims>();
  for (let from = 0; ; ) {
    const page = await store.readStream(chainAnchorStream, { fromRevision: from, maxCount: 1000 });
    for (const event of page) {
      const anchor = event.data as AuditChainAnchoredData;
      for (const head of anchor.heads) {
        if (only !== undefined && head.stream !== only) continue;
        let known = claims.get(head.stream);
        if (!known) {
          known = { hashes: new Map(), top: -1, legacyUpTo: -1 };
          claims.set(head.stream, known);
        }
        known.hashes.set(head.revision, head.hash);
        known.top = Math.max(known.top, head.revision);
        if (anchor.legacy) known.legacyUpTo = Math.max(known.legacyUpTo, head.revision);
      }
    }
    if (page.length < 1000) break;
    from += page.length;
  }
  return claims;
}

/**
 * Recomputes every chain (docs/audit-chain.md) and checks it against the hashes the events carry
 * and the heads the anchors recorded. Names the first break: a changed event (its content no
 * longer hashes to what was written), a missing event (a gap in the revisions), an event without
 * a hash after the migration anchor, and, once every event is read, a stream shorter than an
 * anchor recorded (a deleted tail) or missing altogether (a dropped stream).
 */
export async function verifyChain(
  store: EventStore,
  options: VerifyOptions = {},
): Promise<AuditVerificationResult> {
  const claims = await readClaims(store, options.stream);
  const states = new Map<string, StreamState>();
  let eventsChecked = 0;
  const broken = (stream: string, revision: number, reason: string): AuditVerificationResult => ({
    ok: false,
    eventsChecked,
    brokenAt: { stream, revision, reason },
  });

  for await (const page of pages(store, options)) {
    for (const event of page) {
      const { stream, revision } = event;
      if (stream.startsWith('$')) continue;
      let state = states.get(stream);
      if (!state) {
        state = { next: 0, hash: GENESIS_HASH };
        states.set(stream, state);
      }
      if (revision !== state.next) {
        return broken(
          stream,
          state.next,
          `event at revision ${state.next} is missing (the next one found is ${revision})`,
        );
      }
      const computed = chainHash(state.hash, event);
      const stored = storedHash(event.metadata);
      const claim = claims.get(stream);
      if (stored === undefined) {
        if (!claim || revision > claim.legacyUpTo) {
          return broken(
            stream,
            revision,
            'event carries no chain hash and is not covered by the migration anchor',
          );
        }
      } else if (stored !== computed) {
        return broken(
          stream,
          revision,
          'hash mismatch: the event (or one before it) differs from what was written',
        );
      }
      const anchored = claim?.hashes.get(revision);
      if (anchored !== undefined && anchored !== computed) {
        return broken(
          stream,
          revision,
          'hash differs from the one an anchor recorded: the stream was rewritten',
        );
      }
      state.next = revision + 1;
      state.hash = computed;
      eventsChecked++;
    }
  }

  for (const [stream, claim] of claims) {
    const state = states.get(stream);
    if (!state) {
      return broken(stream, 0, `stream is missing: an anchor recorded it at revision ${claim.top}`);
    }
    if (state.next <= claim.top) {
      return broken(
        stream,
        state.next,
        `tail deleted: an anchor recorded revision ${claim.top}, the stream ends at ${state.next - 1}`,
      );
    }
  }
  return { ok: true, eventsChecked, brokenAt: null };
}
