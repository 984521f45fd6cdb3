// annotateStep(): what feedback on one step of a run comes to. Pure: the StepAnnotated event to
// append, or a refusal naming the input at fault. An annotation is a fact about the run, not a
// decision of it, so any run (running or ended) may be annotated, as long as the step exists.
import {
  MAX_ANNOTATION_COMMENT,
  MAX_ANNOTATION_LABEL,
  type StepAnnotatedData,
} from '../../schema/events/index.ts';
import { badInput, type Decision, notFound } from './refusal.ts';
import type { RunState } from './run-state.ts';

/** Scores run from -1 (bad) through 0 (neutral) to 1 (good). */
export const ANNOTATION_SCORE_MIN = -1;
export const ANNOTATION_SCORE_MAX = 1;

export interface AnnotateStepCommand {
  /** A fresh id for the annotation (the caller's, so the decision stays pure). */
  annotationId: string;
  step: number;
  label: string;
  score: number;
  comment?: string | null;
  /** Who annotates: the actor's id. */
  by: string;
}

/** The problem with the input, as a refusal, or null when it is acceptable for this run. */
function problem(state: RunState, command: AnnotateStepCommand): Decision | null {
  const { step, score } = command;
  if (!Number.isInteger(step) || step < 1 || step > state.step) {
    const range = state.step === 0 ? 'the run has no steps yet' : `the run has steps 1 to ${state.step}`;
    return badInput('step', `step must be a step of the run: ${range}`);
  }
  const label = command.label.trim();
  if (label === '' || label.length > MAX_ANNOTATION_LABEL) {
    return badInput('label', `label must have 1 to ${MAX_ANNOTATION_LABEL} characters`);
  }
  if (!Number.isFinite(score) || score < ANNOTATION_SCORE_MIN || score > ANNOTATION_SCORE_MAX) {
    return badInput(
      'score',
      `score must be a number from ${ANNOTATION_SCORE_MIN} to ${ANNOTATION_SCORE_MAX}`,
    );
  }
  if ((command.comment ?? '').length > MAX_ANNOTATION_COMMENT) {
    return badInput('comment', `comment must have at most ${MAX_ANNOTATION_COMMENT} characters`);
  }
  return null;
}

/** Annotates a step of the run `state` (folded from its stream; a fork's inherited steps count). */
export function annotateStep(state: RunState, command: AnnotateStepCommand): Decision {
  if (state.runId === null) return notFound('Run not found');
  const refused = problem(state, command);
  if (refused) return refused;
  const comment = command.comment?.trim();
  const data: StepAnnotatedData = {
    annotationId: command.annotationId,
    step: command.step,
    label: command.label.trim(),
    score: command.score,
    ...(comment ? { comment } : {}),
    by: command.by,
  };
  return { events: [{ type: 'StepAnnotated', data: { ...data } }] };
}
