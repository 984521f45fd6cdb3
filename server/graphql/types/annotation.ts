// Feedback on steps (`annotateStep`, `RunStep.annotations`) and what the agent knew at a step
// (`Run.memoriesAt`). Resolvers map what the run service and the read side return.
import type { AnnotationView } from '../../../projections/annotations/queries.ts';
import { Permission } from '../../auth/roles.ts';
import { ANNOTATION_SCORE_MAX, ANNOTATION_SCORE_MIN } from '../../engine/annotate-step.ts';
import type { RecalledMemoryView } from '../../read/memories-at.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { emailOf } from '../people.ts';
import { actorOf, written } from '../read-your-writes.ts';
import { Run } from './run.ts';
import { RunStep } from './run-step.ts';

export const StepAnnotation = builder.objectRef<AnnotationView>('StepAnnotation').implement({
  description: `Someone's feedback on one step of a run: a label, a score from ${ANNOTATION_SCORE_MIN} (bad) to ${ANNOTATION_SCORE_MAX} (good), an optional comment.`,
  fields: (t) => ({
    id: t.exposeID('annotationId'),
    runId: t.exposeID('runId'),
    step: t.exposeInt('step'),
    label: t.exposeString('label'),
    score: t.exposeFloat('score'),
    comment: t.exposeString('comment', { nullable: true }),
    by: t.string({
      description: 'The email of who annotated.',
      resolve: async (annotation, _args, context) => (await emailOf(context, annotation.by)) ?? annotation.by,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    run: t.field({
      type: Run,
      nullable: true,
      description:
        'The annotated run: its goal and final output are what a dataset item taken from this step needs.',
      resolve: (annotation, _args, context) => context.services.read.run(annotation.runId),
    }),
  }),
});

// A trace asks for every step's annotations: one read per run for the steps resolved together. The
// entry is dropped once read, so a long-lived context (a subscription) never serves stale ones.
const annotationsOfRun = new WeakMap<ApiContext, Map<string, Promise<AnnotationView[]>>>();

function runAnnotations(context: ApiContext, runId: string): Promise<AnnotationView[]> {
  const known = annotationsOfRun.get(context) ?? new Map<string, Promise<AnnotationView[]>>();
  annotationsOfRun.set(context, known);
  const cached = known.get(runId);
  if (cached) return cached;
  const read = context.services.read.runAnnotations(runId);
  const forget = () => setImmediate(() => known.delete(runId));
  read.then(forget, forget);
  known.set(runId, read);
  return read;
}

builder.objectField(RunStep, 'annotations', (t) =>
  t.field({
    type: [StepAnnotation],
    description: 'Feedback on this step (`annotateStep`), oldest first.',
    resolve: async (row, _args, context) =>
      (await runAnnotations(context, row.runId)).filter((annotation) => annotation.step === row.step),
  }),
);

builder.objectField(Run, 'annotations', (t) =>
  t.field({
    type: [StepAnnotation],
    description: "Feedback on the run's steps (`annotateStep`), by step, oldest first.",
    resolve: (run, _args, context) => runAnnotations(context, run.id),
  }),
);

const AnnotateStepInput = builder.inputType('AnnotateStepInput', {
  fields: (t) => ({
    runId: t.id({ required: true }),
    step: t.int({ required: true, description: "A step of the run (1 to the run's latest step)." }),
    label: t.string({ required: true, description: '1 to 100 characters (trimmed).' }),
    score: t.float({
      required: true,
      description: `From ${ANNOTATION_SCORE_MIN} (bad) through 0 (neutral) to ${ANNOTATION_SCORE_MAX} (good).`,
    }),
    comment: t.string({ description: 'At most 2000 characters.' }),
  }),
});

builder.mutationField('annotateStep', (t) =>
  t.field({
    type: StepAnnotation,
    description: 'Records feedback on a step of a run (`StepAnnotated` on its stream), by the caller.',
    authScopes: { permission: Permission.Annotate },
    args: { input: t.arg({ type: AnnotateStepInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const actor = actorOf(context);
      const { step, label, score, comment } = input;
      const result = await context.services.runs.annotate(
        String(input.runId),
        { step, label, score, ...(comment != null && { comment }) },
        actor,
      );
      const fromState = (): AnnotationView => ({
        annotationId: result.annotationId,
        runId: result.runId,
        step,
        label: label.trim(),
        score,
        comment: comment?.trim() || null,
        by: actor.id,
        createdAt: new Date(),
      });
      return written(
        context,
        result.position,
        async () =>
          (await context.services.read.runAnnotations(result.runId)).find(
            (annotation) => annotation.annotationId === result.annotationId,
          ) ?? null,
        fromState,
      );
    },
  }),
);

export const RecalledMemory = builder.objectRef<RecalledMemoryView>('RecalledMemory').implement({
  description: "A memory that was put into a step's prompt, with the score it was recalled with.",
  fields: (t) => ({
    id: t.exposeID('memoryId'),
    score: t.exposeFloat('score', { description: 'Similarity to what the step asked (higher is closer).' }),
    text: t.exposeString('text'),
    kind: t.exposeString('kind'),
    runId: t.exposeID('runId', { description: 'The run that stored the memory.' }),
    step: t.exposeInt('step', { description: 'The step of that run that stored it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.objectField(Run, 'memoriesAt', (t) =>
  t.field({
    type: [RecalledMemory],
    nullable: true,
    description:
      "What the agent knew at a step: the memories recalled into that step's prompt, best first ([] when none was recalled). Null when the step's reasoning did not record its recall (recorded before recall was recorded).",
    args: { step: t.arg.int({ required: true }) },
    resolve: (run, args, context): Promise<RecalledMemoryView[] | null> => {
      if (args.step < 1 || args.step > run.steps) {
        const range = run.steps === 0 ? 'the run has no steps yet' : `the run has steps 1 to ${run.steps}`;
        throw badInput('step', `step must be a step of the run: ${range}`);
      }
      return context.services.read.memoriesAt(run.id, args.step);
    },
  }),
);
