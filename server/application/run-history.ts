import { runStream } from '../../schema/events/index.ts';
import { foldForkedRun } from '../engine/forked-run.ts';
import { MAX_FORK_DEPTH } from '../engine/handle-fork.ts';
import { type RunEvent, type RunState, toRunEvent } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';

export { MAX_FORK_DEPTH };

/** What a run's state is folded from (`foldForkedRun(own, inherited)`). */
export interface RunHistory {
  /** The run's own `run-<id>` stream; empty when the run does not exist. */
  own: RunEvent[];
  /**
   * For a fork: its source's events up to the fork point without the source's `RunStarted`, after
   * (for a fork of a fork) what the source itself inherited. Empty for a run that is not a fork.
   */
  inherited: RunEvent[];
  /** How many forks deep the run is: 0 when it is not a fork. */
  forkDepth: number;
}

/**
 * A fork whose source history cannot be read as its `forkedFrom` says (the source stream is missing
 * or shorter, or the chain is deeper than `MAX_FORK_DEPTH`). `forkRun` refuses all of these, so this
 * means the store was changed behind the application's back.
 */
export class BrokenForkError extends Error {
  readonly code = 'BROKEN_FORK';
  constructor(runId: string, reason: string) {
    super(`Run ${runId} cannot be loaded: ${reason}`);
    this.name = new.target.name;
  }
}

async function readRunEvents(store: EventStore, runId: string, maxCount?: number): Promise<RunEvent[]> {
  const recorded = await store.readStream(runStream(runId), maxCount === undefined ? {} : { maxCount });
  return recorded.map(toRunEvent).filter((event) => event !== null);
}

function forkedFromOf(events: readonly RunEvent[]) {
  const first = events[0];
  return first?.type === 'RunStarted' ? (first.data.forkedFrom ?? null) : null;
}

/**
 * Reads a run's stream and, when it is a fork, its sources' events up to each fork point (forks of
 * forks follow the chain). Nothing is copied between streams: the source's history is read here.
 * @throws BrokenForkError when a source is missing, too short, or the chain is too deep.
 */
export async function readRunHistory(store: EventStore, runId: string): Promise<RunHistory> {
  const own = await readRunEvents(store, runId);
  const segments: RunEvent[][] = [];
  let from = forkedFromOf(own);
  while (from !== null) {
    if (segments.length === MAX_FORK_DEPTH) {
      throw new BrokenForkError(runId, `its forks nest deeper than ${MAX_FORK_DEPTH}`);
    }
    const source = await readRunEvents(store, from.runId, from.atRevision + 1);
    if (source[0]?.type !== 'RunStarted' || source.at(-1)?.revision !== from.atRevision) {
      throw new BrokenForkError(runId, `source run ${from.runId} has no revision ${from.atRevision}`);
    }
    segments.unshift(source.slice(1));
    from = forkedFromOf(source);
  }
  return { own, inherited: segments.flat(), forkDepth: segments.length };
}

/**
 * A run's state as drivers and deciders need it: for a fork, resumed from its source's folded state
 * at the fork point (see `foldForkedRun`); `revision` is always the run's own stream revision (-1
 * when the run does not exist).
 * @throws BrokenForkError (see `readRunHistory`).
 */
export async function loadRunState(store: EventStore, runId: string): Promise<RunState> {
  const { own, inherited } = await readRunHistory(store, runId);
  return foldForkedRun(own, inherited);
}
