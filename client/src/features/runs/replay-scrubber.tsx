// The replay scrubber: a slider over the run's revisions. The run is event-sourced, so the trace
// "as of revision n" is the fold of its first n + 1 events; nothing is fetched again.
import { Slider } from 'radix-ui';
import { formatDateTime, humanizeEnum } from '../../lib/format';
import type { TraceEvent } from './trace-types';

export function ReplayScrubber({
  events,
  revision,
  onRevisionChange,
}: {
  events: readonly TraceEvent[];
  /** The revision shown, or null for live (always the latest). */
  revision: number | null;
  onRevisionChange: (revision: number | null) => void;
}) {
  const last = events.at(-1)?.revision ?? 0;
  const value = revision ?? last;
  const event = events.find((item) => item.revision === value);
  const replaying = revision !== null && revision < last;
  const go = (next: number) => onRevisionChange(next >= last ? null : Math.max(0, next));
  return (
    <div className="scrubber" data-testid="replay-scrubber">
      <div className="scrubber-head">
        <span className="scrubber-title">Replay</span>
        <span className="scrubber-position" aria-live="polite">
          {replaying ? (
            <>
              Revision <strong>{value}</strong> of {last}
              {event ? (
                <>
                  {' '}
                  · {humanizeEnum(event.type.replace(/([a-z])([A-Z])/g, '$1_$2'))} ·{' '}
                  {formatDateTime(event.recordedAt)}
                </>
              ) : null}
            </>
          ) : (
            <>Live · {events.length} events</>
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
          Back to live
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
