// The expanded part of a live trace row: the step's own events (`Run.stepEvents`), fetched only
// when the row is opened, folded as replay folds them, and fetched again as the step changes.
import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { ErrorState, LoadingState } from '../../ui/states';
import { foldTrace } from './trace-fold';
import { TraceStepDetails } from './trace-step-details';

const RunStepEvents = graphql(`
  query RunStepEvents($runId: ID!, $step: Int!) {
    run(id: $runId) {
      id
      stepEvents(step: $step) {
        id
        position
        revision
        type
        data
        recordedAt
      }
    }
  }
`);

export function StepEventsDetails({
  runId,
  step,
  lastRevision,
}: {
  runId: string;
  step: number;
  /** The step's latest revision: when it moves, the events are read again. */
  lastRevision: number;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: RunStepEvents,
    variables: { runId, step },
    requestPolicy: 'network-only',
  });
  const known = data?.run?.stepEvents.at(-1)?.revision ?? null;
  useEffect(() => {
    if (known !== null && known < lastRevision) refetch({ requestPolicy: 'network-only' });
  }, [known, lastRevision, refetch]);
  const folded = useMemo(() => {
    const events = data?.run?.stepEvents;
    if (!events) return null;
    return foldTrace(events).steps.find((item) => item.step === step) ?? null;
  }, [data, step]);
  if (error && !data)
    return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !folded) return <LoadingState label="Loading the step…" />;
  if (!folded) return <p className="muted small trace-details">No events recorded for this step yet.</p>;
  return <TraceStepDetails step={folded} runId={runId} />;
}
