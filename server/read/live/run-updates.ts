import type { RunView } from '../../../projections/runs/queries.ts';
import { runStream } from '../../../schema/events/index.ts';
import { NotFoundError } from '../../application/errors.ts';
import { readRunHistory } from '../../application/run-history.ts';
import { foldForkedRun } from '../../engine/forked-run.ts';
import { evolve, type RunState, toRunEvent } from '../../engine/run-state.ts';
import type { EventStore, RecordedEvent } from '../../eventstore/port.ts';
import type { EventHub, HubSubscribeOptions } from '../../graphql/live/event-hub.ts';
import { type RunViewTimes, runTimesAfter, runTimesOf, runViewFromState } from '../state-views.ts';

/**
 * The run as a view now, then again after each of its events: folded from the stream (listen
 * first, then read), so the totals are exact and never behind the events already sent. When the
 * runs read model already holds every event of the run, its row is the first view and the stream
 * is folded only when a new event comes: opening a finished 5,000-step run no longer folds its
 * 20,000 events (over a second of the server's time) before the page's first update.
 */
export function runUpdates(
  deps: { store: EventStore; hub: EventHub; readView?: (runId: string) => Promise<RunView | null> },
  runId: string,
  options: HubSubscribeOptions = {},
): AsyncIterableIterator<RunView> {
  const live = deps.hub.subscribe({ stream: runStream(runId) }, options);
  let state: RunState | null = null;
  let times: RunViewTimes = { updatedAt: new Date(0), finishedAt: null };
  let position = '';
  const apply = (event: RecordedEvent) => {
    const runEvent = toRunEvent(event);
    if (state && runEvent && event.revision > state.revision) {
      state = evolve(state, runEvent);
      times = runTimesAfter(times, event);
    }
    position = event.position;
  };
  /** The revision the read model's view was served at (no fold yet), or null. */
  let servedFromReadModel: number | null = null;
  const readModelView = async (): Promise<RunView | null> => {
    const view = deps.readView ? await deps.readView(runId) : null;
    if (!view) return null;
    const newer = await deps.store.readStream(runStream(runId), {
      fromRevision: view.lastRevision + 1,
      maxCount: 1,
    });
    return newer.length === 0 ? view : null;
  };
  const iterator: AsyncIterableIterator<RunView> = {
    async next() {
      if (state === null && servedFromReadModel === null) {
        const view = await readModelView();
        if (view) {
          servedFromReadModel = view.lastRevision;
          return { value: view, done: false };
        }
      }
      while (state === null && servedFromReadModel !== null) {
        const result = await live.next();
        if (result.done) return { value: undefined, done: true };
        // An event the served view already counted; anything newer: fold the stream now.
        if (result.value.revision > servedFromReadModel) break;
      }
      if (state === null) {
        const events = await deps.store.readStream(runStream(runId));
        position = events.at(-1)?.position ?? '';
        if (events.length === 0) throw new NotFoundError('Run', runId);
        const own = events.map(toRunEvent).filter((event) => event !== null);
        // A fork resumes from its source's state at the fork point (see `foldForkedRun`).
        const inherited =
          own[0]?.type === 'RunStarted' && own[0].data.forkedFrom
            ? (await readRunHistory(deps.store, runId)).inherited
            : [];
        state = foldForkedRun(own, inherited);
        times = runTimesOf(events);
        return { value: runViewFromState(state, runId, position, times), done: false };
      }
      for (;;) {
        const result = await live.next();
        if (result.done) return { value: undefined, done: true };
        const before = state.revision;
        apply(result.value);
        if (state.revision > before)
          return { value: runViewFromState(state, runId, position, times), done: false };
      }
    },
    return: async () => {
      await live.return();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
