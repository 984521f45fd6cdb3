import { runStream } from '../../../schema/events/index.ts';
import type { EventStore, RecordedEvent } from '../../eventstore/port.ts';
import type { EventHub, HubSubscribeOptions } from '../../graphql/live/event-hub.ts';

/**
 * A run's events strictly after `after` (a position; null: from the first), oldest first: the
 * history, then live events, with no gap and no duplicate. It listens first, then reads the
 * history, then drains the live queue skipping every position already sent: an event is either
 * in the history read (committed before it) or delivered live (the hub saw it after we listened),
 * and positions of one stream grow with its revisions.
 */
/** History is read in pages, so the first event goes out before a long run is read whole. */
const HISTORY_PAGE = 500;

/**
 * The first revision of `stream` whose position is after `after` (the stream's length when none
 * is). Positions grow with revisions within a stream, so an exponential then binary search finds
 * it in O(log n) one-event reads instead of reading the whole history to skip what was sent.
 */
export async function firstRevisionAfter(
  store: EventStore,
  stream: string,
  after: string | null,
): Promise<number> {
  if (!after) return 0;
  const positionAt = async (revision: number) =>
    (await store.readStream(stream, { fromRevision: revision, maxCount: 1 }))[0]?.position ?? null;
  const isAfter = async (revision: number) => {
    const position = await positionAt(revision);
    return position === null || position > after; // past the end counts as "after"
  };
  let low = 0; // invariant: every revision < low is at or before `after`
  let high = 1;
  while (!(await isAfter(high - 1))) {
    low = high;
    high *= 2;
  }
  // the answer lies in [low, high - 1]
  let answerHigh = high - 1;
  while (low < answerHigh) {
    const mid = Math.floor((low + answerHigh) / 2);
    if (await isAfter(mid)) answerHigh = mid;
    else low = mid + 1;
  }
  return low;
}

export function runEventStream(
  deps: { store: EventStore; hub: EventHub },
  runId: string,
  after: string | null,
  options: HubSubscribeOptions = {},
): AsyncIterableIterator<RecordedEvent> {
  const stream = runStream(runId);
  const live = deps.hub.subscribe({ stream }, options);
  let page: RecordedEvent[] = [];
  let index = 0;
  let nextRevision: number | null = null;
  let historyDone = false;
  let last = after ?? '';
  const iterator: AsyncIterableIterator<RecordedEvent> = {
    async next() {
      while (!historyDone) {
        if (index < page.length) {
          const event = page[index++] as RecordedEvent;
          if (event.position > last) {
            last = event.position;
            return { value: event, done: false };
          }
          continue;
        }
        nextRevision ??= await firstRevisionAfter(deps.store, stream, after);
        page = await deps.store.readStream(stream, { fromRevision: nextRevision, maxCount: HISTORY_PAGE });
        index = 0;
        nextRevision += page.length;
        if (page.length < HISTORY_PAGE) historyDone = page.length === 0;
      }
      for (;;) {
        const result = await live.next();
        if (result.done || result.value.position > last) {
          if (!result.done) last = result.value.position;
          return result;
        }
      }
    },
    return: () => live.return(),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** One page of a run's events after `after`, for the `Run.events` connection. */
export async function readRunEvents(
  store: EventStore,
  runId: string,
  after: string | null,
  first: number,
): Promise<{ events: RecordedEvent[]; hasNextPage: boolean }> {
  const stream = runStream(runId);
  const from = await firstRevisionAfter(store, stream, after);
  const events = await store.readStream(stream, { fromRevision: from, maxCount: first + 1 });
  return { events: events.slice(0, first), hasNextPage: events.length > first };
}
