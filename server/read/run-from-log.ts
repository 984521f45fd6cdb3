import type { RunView } from '../../projections/runs/queries.ts';
import { runStream } from '../../schema/events/index.ts';
import { readRunHistory } from '../application/run-history.ts';
import { foldForkedRun } from '../engine/forked-run.ts';
import type { EventStore } from '../eventstore/port.ts';
import { runTimesOf, runViewFromState } from './state-views.ts';

/**
 * The run folded from its stream (with what a fork inherited), times from its events: for when the
 * runs read model has not seen it yet. Null when the run does not exist.
 */
export async function runViewFromLog(store: EventStore, runId: string): Promise<RunView | null> {
  const { own, inherited } = await readRunHistory(store, runId);
  if (own.length === 0) return null;
  const state = foldForkedRun(own, inherited);
  const position = (
    await store.readStream(runStream(runId), { fromRevision: state.revision, maxCount: 1 })
  )[0]?.position;
  return runViewFromState(state, runId, position ?? '', runTimesOf(own));
}
