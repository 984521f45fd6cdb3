/**
 * The model's thought as it is generated, per run: pushed from the engine (the process that calls
 * the model) to live subscribers, never stored. The step's `ReasoningCompleted` (or
 * `ReasoningFailed`) stays the record; a console replaces the live text with it.
 *
 * In-process only: a subscriber sees the thoughts of runs driven by the process it is connected to.
 * With the API and the worker in separate processes, the API's subscribers get no deltas (the run
 * page still shows each thought when `ReasoningCompleted` arrives). Relaying through PostgreSQL
 * NOTIFY was weighed and left out: a delta every few milliseconds per running LLM call would
 * multiply the NOTIFY traffic the wake signal is sized for, for text that is thrown away anyway.
 */

/** One update of a run's live thought. `text` is the whole thought so far, so any one update can be shown alone. */
export interface RunThoughtDelta {
  runId: string;
  step: number;
  /**
   * The provider attempt this text belongs to (1-based). A retry (the stream broke, a 5xx) starts
   * a new attempt with empty text: a viewer shows `text`, so the failed attempt's words disappear.
   */
  attempt: number;
  /** What arrived since the previous update of this subscriber (may span several chunks). */
  delta: string;
  text: string;
}

/** The engine's side: what it calls while a step's model call streams. */
export interface RunThoughtPublisher {
  /** Text arrived for `step` of `runId`. */
  append(runId: string, step: number, delta: string): void;
  /** The provider retries: the text starts over (a new attempt). */
  restart(runId: string, step: number): void;
  /** The step's call ended (recorded or failed): nothing more is live for it. */
  end(runId: string, step: number): void;
}

export interface RunThoughtSubscribeOptions {
  /** Updates held for a slow subscriber before they are merged into one (default 64). */
  bufferLimit?: number;
}

/** The read side's: live thoughts of one run. */
export interface RunThoughts extends RunThoughtPublisher {
  /**
   * The run's live thought: the text so far (when a call is streaming now), then every update,
   * until `return()`. A subscriber that falls behind gets merged updates (`delta` joined, the
   * latest `text`), never a closed connection: the text is a view, not a record.
   */
  subscribe(runId: string, options?: RunThoughtSubscribeOptions): AsyncIterableIterator<RunThoughtDelta>;
  /** Runs with a live thought now (tests, metrics). */
  activeRuns(): number;
  /** Ends every subscription (the platform is closing). */
  stop(): void;
}

interface Subscriber {
  pending: RunThoughtDelta[];
  limit: number;
  wake: (() => void) | null;
  closed: boolean;
}

/** Builds the in-process hub of live thoughts. */
export function createRunThoughts(): RunThoughts {
  const current = new Map<string, RunThoughtDelta>();
  const subscribers = new Map<string, Set<Subscriber>>();

  const deliver = (update: RunThoughtDelta) => {
    for (const subscriber of subscribers.get(update.runId) ?? []) {
      const last = subscriber.pending.at(-1);
      if (
        subscriber.pending.length >= subscriber.limit &&
        last &&
        last.step === update.step &&
        last.attempt === update.attempt
      ) {
        subscriber.pending[subscriber.pending.length - 1] = {
          ...update,
          delta: last.delta + update.delta,
        };
      } else {
        subscriber.pending.push(update);
      }
      subscriber.wake?.();
    }
  };

  return {
    append(runId, step, delta) {
      if (delta === '') return;
      const before = current.get(runId);
      const same = before && before.step === step;
      const update: RunThoughtDelta = {
        runId,
        step,
        attempt: same ? before.attempt : 1,
        delta,
        text: (same ? before.text : '') + delta,
      };
      current.set(runId, update);
      deliver(update);
    },
    restart(runId, step) {
      const before = current.get(runId);
      const attempt = before && before.step === step ? before.attempt + 1 : 2;
      const update: RunThoughtDelta = { runId, step, attempt, delta: '', text: '' };
      current.set(runId, update);
      deliver(update);
    },
    end(runId, step) {
      if (current.get(runId)?.step === step) current.delete(runId);
    },
    activeRuns: () => current.size,
    stop() {
      current.clear();
      for (const set of [...subscribers.values()])
        for (const subscriber of [...set]) {
          subscriber.closed = true;
          subscriber.wake?.();
        }
      subscribers.clear();
    },
    subscribe(runId, options = {}) {
      const subscriber: Subscriber = {
        pending: [],
        limit: Math.max(1, options.bufferLimit ?? 64),
        wake: null,
        closed: false,
      };
      const now = current.get(runId);
      if (now) subscriber.pending.push({ ...now, delta: now.text });
      let set = subscribers.get(runId);
      if (!set) {
        set = new Set();
        subscribers.set(runId, set);
      }
      set.add(subscriber);
      const close = () => {
        subscriber.closed = true;
        subscriber.wake?.();
        const runSubscribers = subscribers.get(runId);
        runSubscribers?.delete(subscriber);
        if (runSubscribers?.size === 0) subscribers.delete(runId);
      };
      const iterator: AsyncIterableIterator<RunThoughtDelta> = {
        async next() {
          while (subscriber.pending.length === 0 && !subscriber.closed) {
            await new Promise<void>((resolve) => {
              subscriber.wake = resolve;
            });
            subscriber.wake = null;
          }
          if (subscriber.closed) return { value: undefined, done: true };
          return { value: subscriber.pending.shift() as RunThoughtDelta, done: false };
        },
        async return() {
          close();
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
  };
}
