import type { AllFilter } from './port.ts';

/** True when an event passes an `AllFilter` (every given criterion must match). */
export function matchesFilter(filter: AllFilter | undefined, stream: string, type: string): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => stream.startsWith(prefix)))
    return false;
  if (filter.eventTypes && !filter.eventTypes.includes(type)) return false;
  return true;
}
