import type { StepRecord } from '../../engine/run-state.ts';
import { builder } from '../builder.ts';

const StepKind = builder.enumType('StepKind', { values: ['ACTION', 'FINISH', 'MALFORMED'] as const });

const kindOf = { action: 'ACTION', finish: 'FINISH', malformed: 'MALFORMED' } as const;

/** `RunStep`: one answered reasoning step, folded from the run's events. */
export const RunStep = builder.objectRef<StepRecord>('RunStep').implement({
  description: 'One reasoning step: what the model thought, what it chose, and how that ended.',
  fields: (t) => ({
    step: t.exposeInt('step'),
    thought: t.exposeString('thought'),
    kind: t.field({ type: StepKind, resolve: (step) => kindOf[step.answer.kind] }),
    tool: t.string({
      nullable: true,
      resolve: (step) => (step.answer.kind === 'action' ? step.answer.tool : null),
    }),
    params: t.field({
      type: 'JSON',
      nullable: true,
      resolve: (step) => (step.answer.kind === 'action' ? (step.edited?.params ?? step.answer.params) : null),
    }),
    output: t.field({
      type: 'JSON',
      nullable: true,
      resolve: (step) => (step.answer.kind === 'finish' ? step.answer.output : null),
    }),
    editedBy: t.string({ nullable: true, resolve: (step) => step.edited?.by ?? null }),
    outcome: t.string({
      nullable: true,
      description: 'succeeded, failed, blocked, rejected or expired; null while under way.',
      resolve: (step) => step.outcome?.kind ?? null,
    }),
    result: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The tool result, error, or block/rejection details.',
      resolve: (step) => {
        if (!step.outcome) return null;
        const { kind: _kind, ...details } = step.outcome;
        return details;
      },
    }),
  }),
});
