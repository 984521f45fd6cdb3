import { runStream } from '../../schema/events/index.ts';
import { evolve, initialRunState, type RunEvent, type RunState } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { AppendedEvent, CommandTarget } from './command-handler.ts';
import { loadRunState } from './run-history.ts';

const foldNew = (state: RunState, event: AppendedEvent): RunState => evolve(state, event as RunEvent);

/** A run's stream as a command target: its state folded (a fork's from its source's history too). */
export function runTarget(store: EventStore, runId: string): CommandTarget<RunState> {
  return {
    stream: runStream(runId),
    async load() {
      const state = await loadRunState(store, runId);
      return { state, revision: state.revision };
    },
    evolve: foldNew,
  };
}

/** A run about to start under a fresh id: nothing to read (`no_stream` guards a clash). */
export function newRunTarget(runId: string): CommandTarget<RunState> {
  return {
    stream: runStream(runId),
    load: async () => ({ state: initialRunState, revision: -1 }),
    evolve: foldNew,
  };
}
