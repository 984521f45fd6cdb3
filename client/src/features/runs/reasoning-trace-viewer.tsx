// ReasoningTraceViewer: one row per step, virtualized (a 5,000-step run scrolls like a 5-step
// one), following the newest step while the reader is at the bottom. The rows may arrive in pages:
// `count` is every step of the run, `rows` those loaded so far (in step order); the rest show as
// placeholders until their page arrives, so the scrollbar has its final size from the start.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ChevronDownIcon } from '../../ui/icons';
import type { StepSummary } from './step-rows';
import { TraceStepRow } from './trace-step-row';

const FOLLOW_SLACK_PX = 48;

export function ReasoningTraceViewer({
  rows,
  count = rows.length,
  renderDetails,
  follow,
  emptyText = 'No steps yet: the agent is about to think.',
}: {
  rows: readonly StepSummary[];
  /** How many steps the run has (at least `rows.length`). */
  count?: number;
  /** The expanded part of a row (it may load the step's events). */
  renderDetails: (row: StepSummary) => ReactNode;
  /** Keep the newest step in view while the reader has not scrolled away (off when replaying). */
  follow: boolean;
  emptyText?: string;
}) {
  const scrollRef = useRef<HTMLElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [atBottom, setAtBottom] = useState(true);
  const total = Math.max(count, rows.length);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 52,
    overscan: 10,
    getItemKey: (index) => rows[index]?.step ?? `pending-${index}`,
  });

  const toggle = useCallback((step: number) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(step)) next.delete(step);
      else next.add(step);
      return next;
    });
  }, []);

  useEffect(() => {
    if (follow && atBottom && total > 0) virtualizer.scrollToIndex(total - 1, { align: 'end' });
  }, [follow, atBottom, total, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    setAtBottom(element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_SLACK_PX);
  };

  return (
    <div className="trace-frame">
      <section
        ref={scrollRef}
        className="trace-scroll"
        aria-label="Reasoning trace"
        data-testid="reasoning-trace"
        data-trace-steps={total}
        data-trace-loaded={rows.length}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        tabIndex={0}
        onScroll={onScroll}
      >
        {total === 0 ? (
          <div className="trace-empty">{emptyText}</div>
        ) : (
          <ul className="trace-list-root" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  data-step={row?.step}
                  data-status={row?.status}
                  ref={virtualizer.measureElement}
                  className="trace-item"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row ? (
                    <TraceStepRow
                      row={row}
                      expanded={expanded.has(row.step)}
                      onToggle={toggle}
                      details={expanded.has(row.step) ? renderDetails(row) : null}
                    />
                  ) : (
                    <div className="trace-row trace-row-pending" aria-busy="true">
                      <span className="trace-summary muted small">Loading step…</span>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {follow && !atBottom && total > 0 ? (
        <button
          type="button"
          className="btn btn-sm trace-jump"
          onClick={() => {
            virtualizer.scrollToIndex(total - 1, { align: 'end' });
            setAtBottom(true);
          }}
        >
          <ChevronDownIcon size={14} />
          Jump to latest
        </button>
      ) : null}
    </div>
  );
}
