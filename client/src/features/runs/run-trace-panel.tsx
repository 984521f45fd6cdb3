// The run page's trace: the live rows from the steps read model, or, while replaying a revision,
// the rows folded from the events up to it; the replay scrubber above them.
import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '../../ui/states';
import { LiveThought } from './live-thought';
import { ReasoningTraceViewer } from './reasoning-trace-viewer';
import { ReplayScrubber } from './replay-scrubber';
import { feedbackByStep, RunAnnotations } from './step-annotations';
import { StepEventsDetails } from './step-events-details';
import { type StepSummary, summaryOfRunStep, summaryOfTraceStep } from './step-rows';
import { isStepInProgress } from './trace-fold';
import { TraceStepDetails } from './trace-step-details';
import type { Replay } from './use-replay';
import type { RunStepsState } from './use-run-steps';

export function RunTracePanel({
  runId,
  runEnded,
  steps,
  replay,
}: {
  runId: string;
  runEnded: boolean;
  steps: RunStepsState;
  replay: Replay;
}) {
  const replayed = replay.trace;
  // Feedback per step for the rows (the step details read the same query, so adding one updates both).
  const [{ data: annotated }] = useQuery({ query: RunAnnotations, variables: { runId } });
  const feedback = useMemo(() => feedbackByStep(annotated?.run?.annotations ?? []), [annotated]);
  const withFeedback = useCallback(
    (row: StepSummary): StepSummary => ({ ...row, feedback: feedback.get(row.step) ?? 0 }),
    [feedback],
  );
  const liveRows = useMemo(
    () => steps.steps.map((node) => withFeedback(summaryOfRunStep(node, runEnded))),
    [steps.steps, runEnded, withFeedback],
  );
  const replayRows = useMemo(
    () =>
      replayed?.steps.map((step) => withFeedback(summaryOfTraceStep(step, isStepInProgress(step.status)))) ??
      null,
    [replayed, withFeedback],
  );
  const renderLive = useCallback(
    (row: StepSummary) => <StepEventsDetails runId={runId} step={row.step} lastRevision={row.lastRevision} />,
    [runId],
  );
  const renderReplayed = useCallback(
    (row: StepSummary) => {
      const step = replayed?.steps.find((item) => item.step === row.step);
      return step ? <TraceStepDetails step={step} runId={runId} /> : null;
    },
    [replayed, runId],
  );
  return (
    <div className={replayed ? 'card trace-card-replaying' : 'card'}>
      <ReplayScrubber
        open={replay.open}
        onOpenChange={replay.setOpen}
        events={replay.events}
        loading={replay.loading}
        ended={runEnded}
        revision={replay.at}
        onRevisionChange={replay.setAt}
      />
      {replay.error ? <ErrorState error={replay.error} /> : null}
      <LiveThought runId={runId} steps={steps.steps} paused={runEnded || replayed !== null} />
      {replayRows ? (
        <ReasoningTraceViewer rows={replayRows} renderDetails={renderReplayed} follow={false} />
      ) : steps.phase === 'error' ? (
        <ErrorState error={steps.error ?? 'The trace could not be loaded.'} />
      ) : steps.phase === 'loading' ? (
        <LoadingState label="Loading the trace…" />
      ) : (
        <ReasoningTraceViewer
          rows={liveRows}
          count={steps.total}
          renderDetails={renderLive}
          follow={!runEnded}
        />
      )}
    </div>
  );
}
