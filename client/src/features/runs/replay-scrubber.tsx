// The replay scrubber: a slider over the run's events. The run is event-sourced, so the run "as of
// revision n" is the fold of its first n + 1 events. The events are loaded only once replay is
// opened (the live trace comes from the steps read model); positions are counted in events, the
// same unit as the total, so "event 7 of 21" and "21 events" agree.
import { Slider } from 'radix-ui';
import { humanizeEnum } from '../../lib/format';
import { DateTime } from '../../ui/date-time';
import type { TraceEvent } from './trace-types';

export function ReplayScrubber({
  open,
  onOpenChange,
  events,
  loading,
  ended,
  revision,
  onRevisionChange,
}: {
  /** Replay shown; closed, the scrubber is a button and no event is loaded. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
  events: readonly TraceEvent[];
  /** The history is still arriving: the slider waits for it. */
  loading: boolean;
  /** The run has ended: its latest state is final, not live. */
  ended: boolean;
  /** The revision shown, or null for the latest. */
  revision: number | null;
  onRevisionChange: (revision: number | null) => void;
}) {
  if (!open) {
    return (
      <div className="scrubber" data-testid="replay-scrubber">
        <div className="scrubber-head">
          <span className="scrubber-title">Replay</span>
          <span className="scrubber-position muted">Step through the run event by event.</span>
          <span className="spacer" />
          <button type="button" className="btn btn-sm" onClick={() => onOpenChange(true)}>
            Open replay
          </button>
        </div>
      </div>
    );
  }
  const last = events.at(-1)?.revision ?? 0;
  const value = revision ?? last;
  const index = indexOfRevision(events, value);
  const event = events[index];
  const replaying = revision !== null && revision < last;
  const go = (next: number) => onRevisionChange(next >= last ? null : Math.max(0, next));
  const latestLabel = ended ? 'Ended' : 'Live';
  return (
    <div className="scrubber" data-testid="replay-scrubber" data-replaying={replaying}>
      <div className="scrubber-head">
        <span className="scrubber-title">Replay</span>
        <span className="scrubber-position" aria-live="polite">
          {loading && events.length === 0 ? (
            'Loading the history…'
          ) : replaying ? (
            <>
              Event <strong>{index + 1}</strong> of {events.length}
              {event ? (
                <>
                  {' '}
                  · {humanizeEnum(event.type.replace(/([a-z])([A-Z])/g, '$1_$2'))} ·{' '}
                  <DateTime value={event.recordedAt} />
                </>
              ) : null}
            </>
          ) : (
            <>
              {latestLabel} · {events.length} events
            </>
          )}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" disabled={value <= 0} onClick={() => go(value - 1)}>
          Previous event
        </button>
        <button type="button" className="btn btn-sm" disabled={!replaying} onClick={() => go(value + 1)}>
          Next event
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!replaying}
          onClick={() => onRevisionChange(null)}
        >
          {ended ? 'Back to the end' : 'Back to live'}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            onRevisionChange(null);
            onOpenChange(false);
          }}
        >
          Close replay
        </button>
      </div>
      <Slider.Root
        className="slider"
        min={0}
        max={Math.max(last, 1)}
        step={1}
        value={[value]}
        disabled={events.length < 2}
        onValueChange={([next]) => go(next ?? last)}
      >
        <Slider.Track className="slider-track">
          <Slider.Range className="slider-range" />
        </Slider.Track>
        <Slider.Thumb className="slider-thumb" aria-label="Replay position (revision)" />
      </Slider.Root>
    </div>
  );
}

/** Where `revision` is in `events` (sorted by revision): the last event at or before it. */
function indexOfRevision(events: readonly TraceEvent[], revision: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((events[mid]?.revision ?? 0) <= revision) low = mid + 1;
    else high = mid;
  }
  return Math.max(0, low - 1);
}
