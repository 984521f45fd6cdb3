// Feedback on one step of a run: the annotations it has (`Run.annotations`, this step's) and, for
// those who may annotate, a small form that records one (`annotateStep`).
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import { Badge } from '../../ui/badges';
import { DateTime } from '../../ui/date-time';
import { Callout } from '../../ui/states';
import { usePermissions } from '../auth/viewer';

export const RunAnnotations = graphql(`
  query RunAnnotations($runId: ID!) {
    run(id: $runId) {
      id
      annotations {
        id
        step
        label
        score
        comment
        by
        createdAt
      }
    }
  }
`);

const AnnotateStep = graphql(`
  mutation AnnotateStep($input: AnnotateStepInput!) {
    annotateStep(input: $input) {
      id
      step
      label
      score
      comment
      by
      createdAt
    }
  }
`);

/** The scores the form offers: the API takes any number from -1 to 1. */
const SCORES = [
  { value: 1, label: '+1 good' },
  { value: 0.5, label: '+0.5' },
  { value: 0, label: '0 neutral' },
  { value: -0.5, label: '-0.5' },
  { value: -1, label: '-1 bad' },
] as const;

/** How many annotations each step has. */
export function feedbackByStep(annotations: readonly { step: number }[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { step } of annotations) counts.set(step, (counts.get(step) ?? 0) + 1);
  return counts;
}

const scoreTone = (score: number) => (score > 0 ? 'success' : score < 0 ? 'danger' : 'neutral');

export function StepAnnotations({ runId, step }: { runId: string; step: number }) {
  const [{ data, error }, refetch] = useQuery({ query: RunAnnotations, variables: { runId } });
  const annotations = (data?.run?.annotations ?? []).filter((annotation) => annotation.step === step);
  const { annotate } = usePermissions();
  return (
    <div className="stack-sm">
      {error && !data ? <Callout tone="danger">{describeError(error)}</Callout> : null}
      {annotations.length === 0 && data ? <p className="muted small">No feedback on this step yet.</p> : null}
      {annotations.length > 0 ? (
        <ul className="trace-list" aria-label={`Feedback on step ${step}`}>
          {annotations.map((annotation) => (
            <li key={annotation.id}>
              <Badge tone={scoreTone(annotation.score)}>{annotation.label}</Badge>{' '}
              <span className="mono">{annotation.score > 0 ? `+${annotation.score}` : annotation.score}</span>
              {annotation.comment ? ` “${annotation.comment}”` : ''}
              <span className="muted small">
                {' '}
                — {annotation.by}, <DateTime value={annotation.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {annotate ? (
        <AnnotateStepForm
          runId={runId}
          step={step}
          onAnnotated={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : null}
    </div>
  );
}

export function AnnotateStepForm({
  runId,
  step,
  onAnnotated,
}: {
  runId: string;
  step: number;
  onAnnotated: () => void;
}) {
  const [label, setLabel] = useState('');
  const [score, setScore] = useState<number>(1);
  const [comment, setComment] = useState('');
  const [state, annotateStep] = useMutation(AnnotateStep);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (label.trim() === '') return;
    const input = {
      runId,
      step,
      label: label.trim(),
      score,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const result = await annotateStep({ input });
    if (result.error) return;
    setLabel('');
    setComment('');
    onAnnotated();
  };
  const id = `annotate-step-${step}`;
  return (
    <form className="row-wrap" onSubmit={submit} aria-label={`Add feedback on step ${step}`}>
      <label className="visually-hidden" htmlFor={`${id}-label`}>
        Label
      </label>
      <input
        id={`${id}-label`}
        className="input"
        style={{ width: 160 }}
        placeholder="Label, e.g. wrong-tool"
        maxLength={100}
        value={label}
        onChange={(event) => setLabel(event.target.value)}
      />
      <label className="visually-hidden" htmlFor={`${id}-score`}>
        Score
      </label>
      <select
        id={`${id}-score`}
        className="select"
        style={{ width: 120 }}
        value={score}
        onChange={(event) => setScore(Number(event.target.value))}
      >
        {SCORES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${id}-comment`}>
        Comment
      </label>
      <input
        id={`${id}-comment`}
        className="input"
        placeholder="Comment (optional)"
        maxLength={2000}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      <button type="submit" className="btn" disabled={label.trim() === '' || state.fetching}>
        {state.fetching ? 'Saving…' : 'Add feedback'}
      </button>
      {state.error ? (
        <Callout tone="danger" role="alert">
          {describeError(state.error)}
        </Callout>
      ) : null}
    </form>
  );
}
