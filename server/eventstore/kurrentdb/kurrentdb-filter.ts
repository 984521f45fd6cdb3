import {
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import { matchesFilter } from '../filter.ts';
import type { AllFilter } from '../port.ts';

/** How one `$all` read or subscription is filtered: part on the server, the rest here. */
export interface AllFilterPlan {
  /** An empty list in the filter: nothing can ever match, so the adapter need not ask the server. */
  none: boolean;
  /** The server-side filter; the server can apply only one (on stream name or on event type). */
  server: Filter;
  /**
   * The full test, applied to every event the server sends: drops system events and checks
   * whichever criterion the server filter could not express.
   */
  accepts(streamId: string, type: string): boolean;
}

const isSystem = (name: string) => name.startsWith('$');

/**
 * Plans the filter of a `$all` reader. The stream prefixes go to the server when given, as they are
 * the more selective criterion (one run, one test); otherwise the event types do, as prefixes (exact names are then checked here, so `RunStarted` does not let
 * `RunStartedV2` through); with neither, the server excludes system events (`$`-prefixed types).
 */
export function planAllFilter(filter: AllFilter | undefined): AllFilterPlan {
  const none = filter?.streamPrefixes?.length === 0 || filter?.eventTypes?.length === 0;
  const { streamPrefixes = [], eventTypes = [] } = filter ?? {};
  const server: Filter =
    streamPrefixes.length > 0
      ? streamNameFilter({ prefixes: [...streamPrefixes] })
      : eventTypes.length > 0
        ? eventTypeFilter({ prefixes: [...eventTypes] })
        : excludeSystemEvents();
  return {
    none,
    server,
    accepts(streamId, type) {
      return !none && !isSystem(streamId) && !isSystem(type) && matchesFilter(filter, streamId, type);
    },
  };
}
