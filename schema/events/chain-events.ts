// Streams `chain-anchors` and `chain-verifications`: the tamper-evident log (server/audit-chain).
// An anchor records the head (revision and chained hash) of every stream changed since the previous
// anchor, so a deleted tail or a dropped stream no longer matches a recorded head.
import { z } from 'zod';
import { Actor, Count, Id, IsoDateTime, NonEmpty } from './common.ts';
import type { EventDefinition } from './define.ts';

/** A SHA-256 as 64 lowercase hex digits. */
export const ChainHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** The head of one stream when the anchor was taken. */
export const AnchoredHead = z.strictObject({
  stream: NonEmpty,
  revision: Count,
  hash: ChainHash,
});

export const AuditChainAnchored = z.strictObject({
  /** The heads of the streams changed since the previous anchor (at most 2,000 per event). */
  heads: z.array(AnchoredHead).max(2000),
  /**
   * The migration anchor: events up to each head's revision were written before the chain existed
   * and carry no hash; the head's hash is their chain computed when the anchor was taken.
   */
  legacy: z.boolean(),
  /** The global log position the anchor covers up to (inclusive); null for an empty log. */
  through: NonEmpty.nullable(),
  by: Actor,
});

/** Where a verification found the chain broken. */
export const AuditBreakRecord = z.strictObject({
  stream: NonEmpty,
  revision: z.number().int().min(-1),
  reason: NonEmpty,
});

export const AuditChainVerified = z.strictObject({
  /** The run whose stream was checked; null when every stream was. */
  runId: Id.nullable(),
  ok: z.boolean(),
  eventsChecked: Count,
  brokenAt: AuditBreakRecord.nullable(),
  startedAt: IsoDateTime,
  durationMs: Count,
  by: Actor,
});

export const chainEventDefinitions = [
  { type: 'AuditChainAnchored', schemaVersion: 1, schema: AuditChainAnchored },
  { type: 'AuditChainVerified', schemaVersion: 1, schema: AuditChainVerified },
] as const satisfies readonly EventDefinition[];
