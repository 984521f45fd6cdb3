// Replay of a run: closed, nothing is loaded; opened, the run's events are loaded (and followed
// live) and the run as of the chosen revision is their fold up to there.
import { useMemo, useState } from 'react';
import { eventsUpTo } from './trace-events';
import { foldTrace } from './trace-fold';
import type { Trace, TraceEvent } from './trace-types';
import { useRunEvents } from './use-run-events';

export interface Replay {
  open: boolean;
  setOpen: (open: boolean) => void;
  /** The revision replayed, or null for the latest (the live trace). */
  at: number | null;
  setAt: (revision: number | null) => void;
  events: readonly TraceEvent[];
  loading: boolean;
  error: string | null;
  /** The run as of `at` (null unless replaying a revision). */
  trace: Trace | null;
  /** When the event at `at` was recorded. */
  recordedAt: string | null;
}

export function useReplay(runId: string): Replay {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState<number | null>(null);
  const stream = useRunEvents(open ? runId : null);
  const visible = useMemo(
    () => (open && at !== null ? eventsUpTo(stream.events, at) : null),
    [open, at, stream.events],
  );
  const trace = useMemo(() => (visible ? foldTrace(visible) : null), [visible]);
  return {
    open,
    setOpen,
    at: open ? at : null,
    setAt,
    events: stream.events,
    loading: stream.phase === 'connecting',
    error: stream.phase === 'error' ? stream.error : null,
    trace,
    recordedAt: visible?.at(-1)?.recordedAt ?? null,
  };
}
