/**
 * The event store port: the one interface every adapter (postgres, kurrentdb, memory) implements with
 * the same semantics, proven by the contract suite in `contract.ts`.
 *
 * Conventions follow KurrentDB so that one port serves both backends: revisions are 0-based, the
 * expected state is `any | no_stream | stream_exists | <revision>`, event ids are client-generated
 * UUIDv7 and positions are opaque strings that compare in log order with plain string comparison.
 */

/** What a writer expects the stream to look like before its append. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Context every event carries; `schemaVersion` is filled from the catalogue when omitted. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  actor?: string;
  schemaVersion?: number;
  [key: string]: unknown;
}

/** An event as a writer hands it to `append`. */
export interface NewEvent {
  /** UUID (v7 recommended, see `newEventId`). Re-appending the same id is idempotent. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: EventMetadata;
}

/** An event as the store returns it. */
export interface RecordedEvent {
  id: string;
  stream: string;
  revision: number;
  /** Opaque, totally ordered: `a < b` as strings iff a comes before b in the global log. */
  position: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendOptions {
  expected?: ExpectedRevision;
  /**
   * Test seam: awaited after the events are written and before they become visible (before COMMIT
   * on Postgres). The contract suite uses it to hold a transaction open and prove late commits are
   * never skipped. Production code never passes it.
   */
  beforeCommit?: () => Promise<void>;
}

export interface AppendResult {
  /** The revision of the last event in the stream: pass it as `expected` for the next append. */
  nextExpectedRevision: number;
  /** Position of the last appended event. */
  position: string;
  /** True when every event id had already been appended identically and nothing new was written. */
  replayed: boolean;
}

/** Server-side filter for `$all` reads: an event matches when it matches every given criterion. */
export interface AllFilter {
  streamPrefixes?: readonly string[];
  eventTypes?: readonly string[];
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
  /** Data exactly as stored, upcasters not applied: what the audit chain's hashes cover. */
  raw?: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: only events strictly after this position. Omitted: from the start of the log. */
  after?: string | null;
  maxCount?: number;
  filter?: AllFilter;
  /** Data exactly as stored, upcasters not applied: what the audit chain's hashes cover. */
  raw?: boolean;
}

export interface SubscribeToStreamOptions {
  /** Exclusive: only events with a revision above this. Omitted: from revision 0. */
  afterRevision?: number | null;
  signal: AbortSignal;
}

export interface SubscribeToAllOptions {
  after?: string | null;
  filter?: AllFilter;
  signal: AbortSignal;
  /** How many events a catch-up read fetches at once. */
  batchSize?: number;
  /**
   * The least time between two reads once caught up (default 0): appends that come faster are
   * delivered together, a read for several instead of one each. Adapters that push may ignore it.
   */
  minReadIntervalMs?: number;
}

/**
 * The event store. Implementations: `createPostgresEventStore` (PGlite or a PostgreSQL server),
 * `createKurrentDbEventStore`, `createMemoryEventStore`.
 */
export interface EventStore {
  readonly name: string;
  /**
   * Appends events to a stream atomically.
   * @throws WrongExpectedVersionError when `expected` does not match (carries the actual revision).
   * @throws EventIdConflictError when an event id was already used for other content or position.
   * @throws EventValidationError / PayloadTooLargeError before anything is written.
   */
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in revision order; `[]` when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of the global log in position order, never skipping a transaction that commits late. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live. Ends cleanly when the signal aborts; survives connection loss by resuming. */
  subscribeToStream(stream: string, options: SubscribeToStreamOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up then live over the global log. Never skips, never duplicates. */
  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Position of the newest event visible to global readers, or null for an empty log. On Postgres
   * any transaction open in the database can hold it behind events already committed (the readers'
   * horizon): to wait for your own writes, wait for the position `append` returned.
   */
  headPosition(): Promise<string | null>;
  /** How many events of the global log lie after `position`, counting at most `cap`. */
  countAfter(position: string | null, cap: number): Promise<number>;
  close(): Promise<void>;
}
