// ReasoningTraceViewer: one row per step, virtualized (a 5,000-step run scrolls like a 5-step
// one), following the newest step while the reader is at the bottom.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ChevronDownIcon } from '../../ui/icons';
import { TraceStepRow } from './trace-step-row';
import type { TraceStep } from './trace-types';

const FOLLOW_SLACK_PX = 48;

export function ReasoningTraceViewer({
  steps,
  follow,
  emptyText = 'No steps yet: the agent is about to think.',
}: {
  steps: readonly TraceStep[];
  /** Keep the newest step in view while the reader has not scrolled away (off when replaying). */
  follow: boolean;
  emptyText?: string;
}) {
  const scrollRef = useRef<HTMLElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [atBottom, setAtBottom] = useState(true);
  const virtualizer = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 52,
    overscan: 10,
    getItemKey: (index) => steps[index]?.step ?? index,
  });

  const toggle = useCallback((step: number) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(step)) next.delete(step);
      else next.add(step);
      return next;
    });
  }, []);

  const count = steps.length;
  useEffect(() => {
    if (follow && atBottom && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [follow, atBottom, count, virtualizer]);

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
        data-trace-steps={count}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        tabIndex={0}
        onScroll={onScroll}
      >
        {count === 0 ? (
          <div className="trace-empty">{emptyText}</div>
        ) : (
          <ul className="trace-list-root" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const step = steps[item.index] as TraceStep;
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  data-step={step.step}
                  data-status={step.status}
                  ref={virtualizer.measureElement}
                  className="trace-item"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <TraceStepRow step={step} expanded={expanded.has(step.step)} onToggle={toggle} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {follow && !atBottom && count > 0 ? (
        <button
          type="button"
          className="btn btn-sm trace-jump"
          onClick={() => {
            virtualizer.scrollToIndex(count - 1, { align: 'end' });
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
