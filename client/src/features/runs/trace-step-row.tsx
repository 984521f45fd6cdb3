// One step of the trace: a one-line summary that expands into the step's details.
import { memo } from 'react';
import { formatCompact, formatCost, formatDuration } from '../../lib/format';
import { Badge, RiskBadge } from '../../ui/badges';
import { ChevronRightIcon } from '../../ui/icons';
import { STEP_STATUS_VIEW } from './step-status';
import { TraceStepDetails } from './trace-step-details';
import type { TraceStep } from './trace-types';

function summaryOf(step: TraceStep): string {
  if (step.thought) return step.thought;
  const rejection = step.rejections.at(-1);
  if (rejection) return rejection.detail;
  const failure = step.failures.at(-1);
  if (failure) return failure.message;
  return 'Waiting for the model…';
}

export const TraceStepRow = memo(function TraceStepRow({
  step,
  expanded,
  onToggle,
}: {
  step: TraceStep;
  expanded: boolean;
  onToggle: (step: number) => void;
}) {
  const view = STEP_STATUS_VIEW[step.status];
  const toolMs = step.toolCalls.reduce((sum, call) => sum + (call.durationMs ?? 0), 0);
  const detailsId = `trace-step-${step.step}-details`;
  return (
    <div className={expanded ? 'trace-row trace-row-expanded' : 'trace-row'}>
      <button
        type="button"
        className="trace-summary"
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        onClick={() => onToggle(step.step)}
      >
        <span className="trace-chevron" aria-hidden="true">
          <ChevronRightIcon size={14} />
        </span>
        <span className="trace-step-number">Step {step.step}</span>
        <span className="trace-status">
          <Badge tone={view.tone} dot live={view.live}>
            {view.label}
          </Badge>
        </span>
        <span className="trace-tool">
          {step.tool ? <span className="chip">{step.tool}</span> : null}
          {step.finish ? <span className="chip">finish</span> : null}
        </span>
        <span className="trace-thought-line">{summaryOf(step)}</span>
        <span className="trace-meta">
          {step.safety ? <RiskBadge risk={step.safety.risk} /> : null}
          <span title="Tokens in / out">
            {formatCompact(step.tokens.input)}/{formatCompact(step.tokens.output)} tok
          </span>
          <span>{formatCost(step.costUsd)}</span>
          <span title="Model latency + tool time">{formatDuration(step.llmLatencyMs + toolMs)}</span>
        </span>
      </button>
      {expanded ? (
        <div id={detailsId}>
          <TraceStepDetails step={step} />
        </div>
      ) : null}
    </div>
  );
});
