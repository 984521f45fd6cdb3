// One step of the trace: a one-line summary that expands into the step's details.
import { memo, type ReactNode } from 'react';
import { formatCompact, formatCost, formatDuration } from '../../lib/format';
import { Badge, RiskBadge } from '../../ui/badges';
import { ChevronRightIcon } from '../../ui/icons';
import type { StepSummary } from './step-rows';
import { STEP_STATUS_VIEW } from './step-status';

export const TraceStepRow = memo(function TraceStepRow({
  row,
  expanded,
  onToggle,
  details,
}: {
  row: StepSummary;
  expanded: boolean;
  onToggle: (step: number) => void;
  /** Shown when expanded. */
  details: ReactNode;
}) {
  const view = STEP_STATUS_VIEW[row.status];
  const detailsId = `trace-step-${row.step}-details`;
  return (
    <div className={expanded ? 'trace-row trace-row-expanded' : 'trace-row'}>
      <button
        type="button"
        className="trace-summary"
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        onClick={() => onToggle(row.step)}
      >
        <span className="trace-chevron" aria-hidden="true">
          <ChevronRightIcon size={14} />
        </span>
        <span className="trace-step-number">Step {row.step}</span>
        <span className="trace-status">
          <Badge tone={view.tone} dot live={view.live}>
            {view.label}
          </Badge>
        </span>
        <span className="trace-tool">
          {row.tool ? (
            <span className="chip" title={row.paramsSummary ?? undefined}>
              {row.tool}
            </span>
          ) : null}
          {row.finished ? <span className="chip">finish</span> : null}
          {row.feedback ? (
            <span className="chip" title="Feedback on this step (open the step to read or add)">
              {row.feedback} feedback
            </span>
          ) : null}
        </span>
        <span className="trace-thought-line">{row.text}</span>
        <span className="trace-meta">
          {row.risk ? <RiskBadge risk={row.risk} /> : null}
          <span title="Tokens in / out">
            {formatCompact(row.inputTokens)}/{formatCompact(row.outputTokens)} tok
          </span>
          <span>{formatCost(row.costUsd)}</span>
          <span title="Step duration">{formatDuration(row.durationMs)}</span>
        </span>
      </button>
      {expanded ? <div id={detailsId}>{details}</div> : null}
    </div>
  );
});
