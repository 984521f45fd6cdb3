import type { AuditChainAnchoredData } from '../../schema/events/index.ts';
import { chainAnchorStream } from '../../schema/events/streams.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';
import { chainHash, GENESIS_HASH, storedHash } from './hash.ts';

/** Heads per anchor event, so that one stays far below the store's 1 MiB event cap. */
export const HEADS_PER_ANCHOR = 2000;
const PAGE = 5000;

type Head = AuditChainAnchoredData['heads'][number];

/** Streams the chain does not cover: the anchors themselves, and KurrentDB's system streams. */
export function isChainedStream(stream: string): boolean {
  return stream !== chainAnchorStream && !stream.startsWith('$');
}

export interface AnchorOutcome {
  /** Streams whose head this anchor recorded (0: nothing changed, or another process anchored first). */
  streams: number;
  /** The anchor stream's revision after this anchor, or null when none was written. */
  revision: number | null;
}

/**
 * Writes anchors: the head of every stream changed since the previous anchor, appended to
 * `chain-anchors` at the revision this process read last. Two processes may both try; the
 * expected revision lets one win, and the other's next round covers whatever it missed.
 */
export interface Anchorer {
  /** The one-time anchor of the heads written before the chain (idempotent: only the first writes). */
  migrate(by: string): Promise<AnchorOutcome>;
  anchor(by: string): Promise<AnchorOutcome>;
}

export function createAnchorer(store: EventStore): Anchorer {
  // What this process last read of the anchor stream: its revision and the position covered.
  let revision = -1;
  let through: string | null = null;

  const refresh = async () => {
    for (;;) {
      const page = await store.readStream(chainAnchorStream, { fromRevision: revision + 1, maxCount: PAGE });
      for (const event of page) {
        revision = event.revision;
        through = (event.data as AuditChainAnchoredData).through ?? through;
      }
      if (page.length < PAGE) return;
    }
  };

  // One append (atomic) of as many anchor events as the heads need; legacy heads in their own.
  const write = async (
    groups: { heads: Head[]; legacy: boolean }[],
    upTo: string | null,
    by: string,
  ): Promise<AnchorOutcome> => {
    const chunks: { heads: Head[]; legacy: boolean }[] = [];
    for (const { heads, legacy } of groups)
      for (let i = 0; i < heads.length; i += HEADS_PER_ANCHOR)
        chunks.push({ heads: heads.slice(i, i + HEADS_PER_ANCHOR), legacy });
    if (chunks.length === 0) chunks.push({ heads: [], legacy: true });
    try {
      const result = await store.append(
        chainAnchorStream,
        chunks.map(({ heads, legacy }) => ({
          id: newEventId(),
          type: 'AuditChainAnchored',
          data: { heads, legacy, through: upTo, by } satisfies AuditChainAnchoredData,
          metadata: { actor: by },
        })),
        { expected: revision < 0 ? 'no_stream' : revision },
      );
      revision = result.nextExpectedRevision;
      through = upTo;
      return { streams: groups.reduce((sum, group) => sum + group.heads.length, 0), revision };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      await refresh();
      return { streams: 0, revision: null };
    }
  };

  const scan = async (
    after: string | null,
    visit: (event: RecordedEvent) => void,
  ): Promise<string | null> => {
    let cursor = after;
    for (;;) {
      const page = await store.readAll({ after: cursor, maxCount: PAGE, raw: true });
      for (const event of page) if (isChainedStream(event.stream)) visit(event);
      if (page.length > 0) cursor = (page[page.length - 1] as RecordedEvent).position;
      if (page.length < PAGE) return cursor;
    }
  };

  const migrate = async (by: string): Promise<AnchorOutcome> => {
    await refresh();
    if (revision >= 0) return { streams: 0, revision: null };
    // Each stream's leading events without a hash, chained as the writer would have chained them;
    // and the head of each stream already chained, as any anchor records it.
    const legacy = new Map<string, Head & { open: boolean }>();
    const chained = new Map<string, Head>();
    const upTo = await scan(null, (event) => {
      const stored = storedHash(event.metadata);
      if (stored !== undefined)
        chained.set(event.stream, { stream: event.stream, revision: event.revision, hash: stored });
      const known = legacy.get(event.stream);
      if (known && !known.open) return;
      if (stored !== undefined || event.revision !== (known?.revision ?? -1) + 1) {
        if (known) known.open = false;
        else
          legacy.set(event.stream, { stream: event.stream, revision: -1, hash: GENESIS_HASH, open: false });
        return;
      }
      const hash = chainHash(known?.hash ?? GENESIS_HASH, event);
      legacy.set(event.stream, { stream: event.stream, revision: event.revision, hash, open: true });
    });
    const heads = [...legacy.values()]
      .filter((head) => head.revision >= 0)
      .map(({ stream, revision: at, hash }) => ({ stream, revision: at, hash }));
    // An empty log has nothing to vouch for: the first anchor of a later round migrates then.
    if (heads.length === 0 && chained.size === 0) return { streams: 0, revision: null };
    return write(
      [
        { heads, legacy: true },
        { heads: [...chained.values()], legacy: false },
      ],
      upTo,
      by,
    );
  };

  return {
    migrate,
    async anchor(by) {
      await refresh();
      if (revision < 0) return migrate(by);
      const changed = new Map<string, Head>();
      const upTo = await scan(through, (event) => {
        const hash = storedHash(event.metadata);
        if (hash !== undefined)
          changed.set(event.stream, { stream: event.stream, revision: event.revision, hash });
      });
      if (changed.size === 0) return { streams: 0, revision: null };
      return write([{ heads: [...changed.values()], legacy: false }], upTo, by);
    },
  };
}
