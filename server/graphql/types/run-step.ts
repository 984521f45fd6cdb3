import type { RunStepRow } from '../../../projections/run-steps/step-row.ts';
import { RunStepStatus as StatusValues } from '../../../projections/run-steps/step-row.ts';
import type { RiskLevel as Risk } from '../../../schema/events/index.ts';
import { builder } from '../builder.ts';
import { emailOf } from '../people.ts';
import { RiskLevel, SafetyDecision } from './enums.ts';

const StepKind = builder.enumType('StepKind', { values: ['ACTION', 'FINISH', 'MALFORMED'] as const });

const RunStepStatus = builder.enumType('RunStepStatus', { values: Object.values(StatusValues) });

const kindOf = { action: 'ACTION', finish: 'FINISH', malformed: 'MALFORMED' } as const;

/** `RunStep`: one row of the `run_steps` read model (or of the live fold that writes it). */
export const RunStep = builder.objectRef<RunStepRow>('RunStep').implement({
  description:
    'One step of a run: what the model thought and chose, the verdict, the outcome, its usage and times. Steps a fork inherited have revisions -1.',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    step: t.exposeInt('step'),
    status: t.field({ type: RunStepStatus, resolve: (row) => row.status }),
    kind: t.field({
      type: StepKind,
      description: 'ACTION until the model answered (status REASONING).',
      resolve: (row) => kindOf[row.kind ?? 'action'],
    }),
    thought: t.exposeString('thought'),
    tool: t.exposeString('tool', { nullable: true }),
    paramsSummary: t.exposeString('paramsSummary', {
      nullable: true,
      description: 'The params as one line of at most 200 characters.',
    }),
    params: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The params the tool ran (or runs) with: the edited ones when an operator edited them.',
      resolve: (row) => row.params,
    }),
    output: t.field({
      type: 'JSON',
      nullable: true,
      resolve: (row) => (row.kind === 'finish' ? row.output : null),
    }),
    outcome: t.exposeString('outcome', {
      nullable: true,
      description: 'succeeded, failed, blocked, rejected or expired; null while under way.',
    }),
    result: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The tool result, error, block or rejection details, or why an answer was malformed.',
      resolve: (row) => row.result ?? null,
    }),
    editedBy: t.string({
      nullable: true,
      description: 'The email of who approved with edited params.',
      resolve: (row, _args, context) => emailOf(context, row.editedBy),
    }),
    risk: t.field({ type: RiskLevel, nullable: true, resolve: (row) => row.risk as Risk | null }),
    decision: t.field({ type: SafetyDecision, nullable: true, resolve: (row) => row.decision }),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    cachedTokens: t.exposeInt('cachedTokens'),
    reasoningTokens: t.exposeInt('reasoningTokens'),
    costUsd: t.float({ resolve: (row) => row.costNanoUsd / 1_000_000_000 }),
    latencyMs: t.exposeInt('latencyMs', { nullable: true, description: 'How long the model took.' }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      description: "When the step's first event was recorded.",
    }),
    finishedAt: t.expose('finishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the event that ended the step was recorded.',
    }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    firstRevision: t.exposeInt('firstRevision'),
    lastRevision: t.exposeInt('lastRevision'),
  }),
});

const RunStepEdge = builder.objectRef<{ cursor: string; node: RunStepRow }>('RunStepEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: RunStep, resolve: (edge) => edge.node }),
  }),
});

/** A page of a run's steps, Relay-style, with how many steps the run has. */
export interface RunStepConnectionShape {
  edges: { cursor: string; node: RunStepRow }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when the client selects `totalCount`. */
  totalCount: () => Promise<number>;
}

export const RunStepConnection = builder.objectRef<RunStepConnectionShape>('RunStepConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [RunStepEdge], resolve: (connection) => connection.edges }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (connection) => connection.pageInfo }),
    totalCount: t.int({ resolve: (connection) => connection.totalCount() }),
  }),
});
