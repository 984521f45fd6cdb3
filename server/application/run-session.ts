import { runStream } from '../../schema/events/index.ts';
import { makeStorable } from '../../schema/events/storable-text.ts';
import { evolve, type RunEvent, type RunState, toRunEvent } from '../engine/run-state.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore, ExpectedRevision } from '../eventstore/port.ts';
import { SANITIZED_METADATA_KEY } from '../eventstore/prepare.ts';
import { loadRunState } from './run-history.ts';

export type NewRunEvent = { type: string; data: Record<string, unknown> };

/**
 * Events others may append to a run while a worker drives it that change nothing the engine
 * decides on (feedback on a step, an evaluation's scores). Coming in between, they are folded in and the worker's events
 * appended after them: refusing the append would throw away a paid model answer.
 */
const FACTS: ReadonlySet<string> = new Set(['StepAnnotated', 'RunScored']);
/** How many times a commit folds in facts that came in between before giving up. */
const FACT_RETRIES = 3;

/** A recorded event made storable, with the paths its repair changed (noted in its metadata). */
type PendingEvent = NewRunEvent & { repaired: string[] };

/**
 * One worker's view of a run while it drives it: the folded state including events decided but not
 * yet appended. Events of one decision accumulate and are appended together (one round trip, one
 * commit) right before the next side effect, so a step costs two appends: the previous step's memory
 * + reasoning + safety + tool start, then the tool's outcome. After an append the state is folded
 * locally, never re-read.
 */
export class RunSession {
  private pending: PendingEvent[] = [];
  /** An append started by `commitInBackground` and not yet awaited by `settle`. */
  private inflight: Promise<void> | null = null;
  private constructor(
    private readonly store: EventStore,
    readonly runId: string,
    private durable: RunState,
    private current: RunState,
    private readonly now: () => Date,
  ) {}

  /** Folds the run (a fork resumes from its source's state at the fork point, see `loadRunState`). */
  static async load(store: EventStore, runId: string, now: () => Date): Promise<RunSession> {
    const state = await loadRunState(store, runId);
    return new RunSession(store, runId, state, state, now);
  }

  /** The state with every recorded event, appended or not: what the next decision is made on. */
  get state(): RunState {
    return this.current;
  }

  /** The types of the events recorded but not yet appended, in order. */
  pendingTypes(): string[] {
    return this.pending.map((event) => event.type);
  }

  /** Records events of the current decision; they become durable with the next `commit`. */
  record(events: readonly NewRunEvent[]): void {
    let revision = this.current.revision;
    for (const event of events) {
      // The worker acts on exactly what the log will hold: a NUL or lone surrogate from a model or a
      // tool is repaired here, before anything is decided on it, not only when the store writes it.
      const { value: data, changedPaths } = makeStorable(event.data);
      this.current = evolve(this.current, {
        type: event.type,
        data,
        revision: ++revision,
        recordedAt: this.now(),
      } as RunEvent);
      this.pending.push({ type: event.type, data, repaired: changedPaths });
    }
  }

  /**
   * Appends everything recorded (and `more`) in one call with the durable revision as expected,
   * after any append still in flight. Facts that came in between (feedback on a step) are folded
   * in and the append retried.
   * @throws WrongExpectedVersionError when someone else appended anything else first (nothing of
   * ours is written).
   */
  async commit(more: readonly NewRunEvent[] = []): Promise<void> {
    if (more.length) this.record(more);
    await this.settle();
    await this.appendPending();
  }

  /**
   * Starts `task` (which appends through `appendPending`) after any append in flight, without
   * waiting for it: the worker goes on with what needs no durability yet (embedding, recall) while
   * the database commits. `settle`, and every later `commit`, wait for it and throw what it threw.
   */
  commitInBackground(task: () => Promise<void>): void {
    const previous = this.inflight;
    const run = (async () => {
      if (previous) await previous;
      await task();
    })();
    // Observed by settle(); without this a failure nobody settles yet would be reported unhandled.
    run.catch(() => {});
    this.inflight = run;
  }

  /** Waits for the append started in the background, if any. @throws what it threw. */
  async settle(): Promise<void> {
    const inflight = this.inflight;
    if (!inflight) return;
    try {
      await inflight;
    } finally {
      if (this.inflight === inflight) this.inflight = null;
    }
  }

  /**
   * Appends what is recorded now (not waiting for any other append: for a background task, or
   * after `settle`). Events recorded while it is in flight stay pending for the next append.
   * `expected: 'any'` is only for a tool's outcome, which must be kept even if a cancel came in
   * (the session is then behind the log: read it again before deciding on it).
   */
  async appendPending(expected?: ExpectedRevision): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    let upTo = this.current;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.append(batch, expected);
          break;
        } catch (error) {
          const retry = error instanceof WrongExpectedVersionError && expected === undefined;
          if (!retry || attempt > FACT_RETRIES) throw error;
          const refolded = await this.foldInFacts(batch);
          if (!refolded) throw error;
          upTo = refolded;
        }
      }
    } catch (error) {
      // Nothing of the batch was written: it is pending again, before what was recorded since.
      this.pending = [...batch, ...this.pending];
      throw error;
    }
    this.durable = upTo;
  }

  /**
   * After a conflict: when everything appended since the durable revision is a fact (`FACTS`),
   * folds it into the durable state, and `batch` and what was recorded after it on top of it again;
   * returns the state after `batch` (the append may be retried), or null.
   */
  private async foldInFacts(batch: readonly PendingEvent[]): Promise<RunState | null> {
    const newer = await this.store.readStream(runStream(this.runId), {
      fromRevision: this.durable.revision + 1,
    });
    if (newer.length === 0 || newer.some((event) => !FACTS.has(event.type))) return null;
    let durable = this.durable;
    for (const recorded of newer) {
      const event = toRunEvent(recorded);
      if (event) durable = evolve(durable, event);
    }
    const refold = (from: RunState, events: readonly PendingEvent[]) => {
      let state = from;
      let revision = from.revision;
      for (const { type, data } of events) {
        state = evolve(state, { type, data, revision: ++revision, recordedAt: this.now() } as RunEvent);
      }
      return state;
    };
    const afterBatch = refold(durable, batch);
    this.durable = durable;
    this.current = refold(afterBatch, this.pending);
    return afterBatch;
  }

  private async append(
    events: readonly PendingEvent[],
    expected: ExpectedRevision | undefined,
  ): Promise<void> {
    await this.store.append(
      runStream(this.runId),
      events.map((event) => ({
        id: newEventId(),
        type: event.type,
        data: event.data,
        metadata: {
          actor: 'engine',
          correlationId: this.runId,
          ...(event.repaired.length > 0 ? { [SANITIZED_METADATA_KEY]: { data: event.repaired } } : {}),
        },
      })),
      { expected: expected ?? this.durable.revision },
    );
  }

  /** Drops what was not appended and re-reads the run (after a conflict). */
  async reload(): Promise<RunState> {
    // An append in flight lands (or fails) first: the state read must hold it.
    await this.settle().catch(() => {});
    const fresh = await RunSession.load(this.store, this.runId, this.now);
    this.pending = [];
    this.durable = fresh.durable;
    this.current = fresh.current;
    return this.current;
  }
}
