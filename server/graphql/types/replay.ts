import type { ReplayDivergence as ReplayDivergenceView } from '../../analysis/replay-history.ts';
import type { ReplayReport as ReplayReportView } from '../../analysis/replay-run.ts';
import type { RunDiffStep as RunDiffStepView, RunDiffView } from '../../analysis/run-diff.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { RunStep } from './run-step.ts';

const ReplayDivergence = builder.objectRef<ReplayDivergenceView>('ReplayDivergence').implement({
  description:
    'The first point where the engine, today’s agent checks or policies decide otherwise than the log.',
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: 'Revision of the recorded event that differs.' }),
    step: t.exposeInt('step', { description: 'The step the run was at.' }),
    expected: t.exposeString('expected', { description: 'The recorded event.' }),
    actual: t.exposeString('actual', { description: 'What the engine decides now at that point.' }),
  }),
});

const ReplayReport = builder.objectRef<ReplayReportView>('ReplayReport').implement({
  description: 'A verified replay: the run re-driven from its own events, with no model, tool or mail call.',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    matched: t.exposeBoolean('matched'),
    decisionsCompared: t.exposeInt('decisionsCompared'),
    firstDivergence: t.field({
      type: ReplayDivergence,
      nullable: true,
      resolve: (report) => report.firstDivergence,
    }),
  }),
});

builder.queryField('replayRun', (t) =>
  t.field({
    type: ReplayReport,
    description:
      'Re-drives the pure engine over the run’s recorded events (every model answer, tool outcome, embedding ' +
      'and approval served from the log) and compares each decision with the recorded one.',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id({ required: true }) },
    resolve: (_root, { runId }, context) => context.services.analysis.replayRun(String(runId)),
  }),
);

builder.queryField('exportRun', (t) =>
  t.field({
    type: 'JSON',
    description:
      'The run as a self-contained regression fixture (format spark-ops/run-fixture, version 1): agent config, ' +
      'inputs, every event with secrets redacted, the tools and policies it ran under. `npm run replay-check` reads it.',
    authScopes: { permission: Permission.Read },
    args: { runId: t.arg.id({ required: true }) },
    resolve: (_root, { runId }, context) => context.services.analysis.exportRun(String(runId)),
  }),
);

const RunDiffKind = builder.enumType('RunDiffKind', {
  description: 'How a step of run a compares with the same step of run b.',
  values: ['SAME', 'CHANGED', 'ONLY_A', 'ONLY_B'] as const,
});

const RunDiffStep = builder.objectRef<RunDiffStepView>('RunDiffStep').implement({
  description:
    'One step of either run, aligned by step number: thought, tool, params, result, tokens, cost and latency on each side.',
  fields: (t) => ({
    step: t.exposeInt('step'),
    kind: t.field({ type: RunDiffKind, resolve: (row) => row.kind }),
    changes: t.exposeStringList('changes', {
      description: 'What differs: "tool", "params: <paths>", "thought", "finished", "status", "result".',
    }),
    inherited: t.exposeBoolean('inherited', {
      description: 'The step is history a fork inherited from the other run.',
    }),
    a: t.field({ type: RunStep, nullable: true, resolve: (row) => row.a }),
    b: t.field({ type: RunStep, nullable: true, resolve: (row) => row.b }),
  }),
});

const RunDiff = builder.objectRef<RunDiffView>('RunDiff').implement({
  description: 'Two runs compared step by step (the console’s Compare).',
  fields: (t) => ({
    a: t.exposeID('a'),
    b: t.exposeID('b'),
    differingSteps: t.exposeInt('differingSteps'),
    steps: t.field({ type: [RunDiffStep], resolve: (diff) => diff.steps }),
  }),
});

builder.queryField('runDiff', (t) =>
  t.field({
    type: RunDiff,
    description: 'Runs a and b step by step, from the steps read model.',
    authScopes: { permission: Permission.Read },
    args: { a: t.arg.id({ required: true }), b: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.services.analysis.runDiff(String(args.a), String(args.b)),
  }),
);
