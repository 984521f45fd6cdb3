import type { RunStepRow } from '../../../projections/run-steps/step-row.ts';
import { runStream } from '../../../schema/events/index.ts';
import type { SqlQueryable } from '../../db/sql-database.ts';
import type { EventStore } from '../../eventstore/port.ts';
import type { EventHub, HubSubscribeOptions } from '../../graphql/live/event-hub.ts';
import { currentSteps } from '../step-lineage.ts';

/**
 * A run's step rows as they change, from the log: first the rows the read model may not show yet
 * (see `currentSteps`: the latest step and whatever the log's tail changed), then each row again
 * after every event that changes it. Listens before it reads, and skips events already folded, so
 * nothing falls between the two. Rows come from the projection's own fold: equal to what it writes.
 */
export function runStepUpdates(
  deps: { db: SqlQueryable; store: EventStore; hub: EventHub },
  runId: string,
  options: HubSubscribeOptions = {},
): AsyncIterableIterator<RunStepRow> {
  const live = deps.hub.subscribe({ stream: runStream(runId) }, options);
  let state: Awaited<ReturnType<typeof currentSteps>> | null = null;
  const pending: RunStepRow[] = [];
  const iterator: AsyncIterableIterator<RunStepRow> = {
    async next() {
      if (state === null) {
        state = await currentSteps(deps.db, deps.store, runId);
        pending.push(...state.recent);
      }
      while (pending.length === 0) {
        const result = await live.next();
        if (result.done) return { value: undefined, done: true };
        const event = result.value;
        if (event.revision <= state.revision) continue;
        state.revision = event.revision;
        pending.push(...state.fold.apply(event).filter((row) => row.runId === runId));
      }
      return { value: pending.shift() as RunStepRow, done: false };
    },
    return: async () => {
      await live.return();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
