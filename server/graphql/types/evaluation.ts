// Datasets and evaluations (`createDataset`, `addDatasetItems`, `datasets`, `dataset`,
// `startEvaluation`, `evaluation`, `evaluations`). Resolvers map what the evaluation service and the
// read side return.
import type { DatasetItemView, DatasetView } from '../../../projections/datasets/queries.ts';
import type { EvaluationItemView, EvaluationView } from '../../../projections/evaluations/queries.ts';
import {
  MAX_EVALUATION_CONCURRENCY,
  type RunScore,
  ScorerKind as ScorerKindValues,
  type ScorerSpec,
} from '../../../schema/events/index.ts';
import { DEFAULT_EVALUATION_CONCURRENCY } from '../../analysis/evaluation/evaluation-service.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { emailOf } from '../people.ts';
import { actorOf, written } from '../read-your-writes.ts';
import { Agent } from './agent.ts';
import { LlmProvider } from './enums.ts';
import { Run } from './run.ts';

const byEmail = async (context: ApiContext, id: string) => (await emailOf(context, id)) ?? id;

const ScorerKind = builder.enumType('ScorerKind', {
  description:
    'EXACT, CONTAINS, REGEX and JSON_SCHEMA check the final output; TOOL_SEQUENCE the tools called in order; ' +
    'MAX_STEPS, MAX_TOKENS and MAX_COST what the run used; LLM_JUDGE asks a model to grade the output by a rubric.',
  values: {
    EXACT: { value: ScorerKindValues.Exact },
    CONTAINS: { value: ScorerKindValues.Contains },
    REGEX: { value: ScorerKindValues.Regex },
    JSON_SCHEMA: { value: ScorerKindValues.JsonSchema },
    TOOL_SEQUENCE: { value: ScorerKindValues.ToolSequence },
    MAX_STEPS: { value: ScorerKindValues.MaxSteps },
    MAX_TOKENS: { value: ScorerKindValues.MaxTokens },
    MAX_COST: { value: ScorerKindValues.MaxCost },
    LLM_JUDGE: { value: ScorerKindValues.LlmJudge },
  } as const,
});

const EvaluationStatus = builder.enumType('EvaluationStatus', { values: ['RUNNING', 'COMPLETED'] as const });

export const DatasetItem = builder.objectRef<DatasetItemView>('DatasetItem').implement({
  description: 'A goal to run an agent on, with the final output it should give when that is known.',
  fields: (t) => ({
    id: t.exposeID('itemId'),
    goal: t.exposeString('goal'),
    expectedOutput: t.exposeString('expectedOutput', { nullable: true }),
    sourceRunId: t.exposeID('sourceRunId', {
      nullable: true,
      description:
        'The run the item was taken from (goal from its inputs, expected output from its final answer).',
    }),
    addedAt: t.expose('addedAt', { type: 'DateTime' }),
  }),
});

const Score = builder.objectRef<RunScore>('Score').implement({
  description: "One scorer's verdict on a run (`RunScored` on the run's stream).",
  fields: (t) => ({
    scorer: t.exposeString('scorer', { description: 'The scorer’s name.' }),
    kind: t.field({ type: ScorerKind, resolve: (score) => score.kind }),
    score: t.exposeFloat('score', { description: 'From 0 (bad) to 1 (good).' }),
    passed: t.exposeBoolean('passed'),
    reason: t.exposeString('reason'),
  }),
});

const Scorer = builder.objectRef<ScorerSpec>('Scorer').implement({
  description: 'How an evaluation scores each run.',
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.field({ type: ScorerKind, resolve: (spec) => spec.kind }),
    config: t.field({
      type: 'JSON',
      description:
        'The scorer’s settings (value, pattern, flags, schema, tools, max, rubric, provider, model).',
      resolve: ({ kind: _kind, name: _name, ...config }) => config,
    }),
  }),
});

export const EvaluationItem = builder.objectRef<EvaluationItemView>('EvaluationItem').implement({
  description: "One item of an evaluation: its run and that run's scores, cost and latency.",
  fields: (t) => ({
    itemId: t.exposeID('itemId'),
    index: t.exposeInt('index', { description: 'Position in the dataset (from 0).' }),
    runId: t.exposeID('runId'),
    run: t.field({
      type: Run,
      nullable: true,
      resolve: (item, _args, context) => context.services.read.run(item.runId),
    }),
    goal: t.exposeString('goal'),
    expectedOutput: t.exposeString('expectedOutput', { nullable: true }),
    score: t.exposeFloat('score', {
      nullable: true,
      description: 'The mean of its scores; null until scored.',
    }),
    passed: t.exposeBoolean('passed', {
      nullable: true,
      description: 'Every scorer passed; null until scored.',
    }),
    scores: t.field({ type: [Score], resolve: (item) => item.scores }),
    runStatus: t.exposeString('runStatus', { nullable: true }),
    output: t.field({ type: 'JSON', nullable: true, resolve: (item) => item.output }),
    steps: t.exposeInt('steps'),
    tokens: t.exposeInt('tokens'),
    costUsd: t.exposeFloat('costUsd'),
    latencyMs: t.exposeInt('latencyMs', {
      nullable: true,
      description: 'The run’s wall time, once it ended.',
    }),
    scoredAt: t.expose('scoredAt', { type: 'DateTime', nullable: true }),
  }),
});

export const Dataset = builder.objectRef<DatasetView>('Dataset');
export const Evaluation = builder.objectRef<EvaluationView>('Evaluation');

Dataset.implement({
  description: 'Goals to evaluate agents on (hand-written or taken from runs).',
  fields: (t) => ({
    id: t.exposeID('datasetId'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    itemCount: t.exposeInt('itemCount'),
    items: t.field({
      type: [DatasetItem],
      resolve: (dataset, _args, context) => context.services.read.evaluations.datasetItems(dataset.datasetId),
    }),
    evaluations: t.field({
      type: [Evaluation],
      description: 'Its evaluations, newest first.',
      resolve: (dataset, _args, context) =>
        context.services.read.evaluations.evaluations({ datasetId: dataset.datasetId }),
    }),
    createdBy: t.string({ resolve: (dataset, _args, context) => byEmail(context, dataset.createdBy) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

Evaluation.implement({
  description:
    'An agent version run over every item of a dataset, each run scored. Totals are over the items scored so far.',
  fields: (t) => ({
    id: t.exposeID('evaluationId'),
    datasetId: t.exposeID('datasetId'),
    dataset: t.field({
      type: Dataset,
      nullable: true,
      resolve: (evaluation, _args, context) =>
        context.services.read.evaluations.dataset(evaluation.datasetId),
    }),
    agentId: t.exposeID('agentId'),
    agent: t.field({
      type: Agent,
      nullable: true,
      resolve: (evaluation, _args, context) => context.services.read.agent(evaluation.agentId),
    }),
    agentVersion: t.exposeInt('agentVersion'),
    scorers: t.field({ type: [Scorer], resolve: (evaluation) => evaluation.scorers }),
    concurrency: t.exposeInt('concurrency', { description: 'Most runs it drives at once.' }),
    status: t.field({ type: EvaluationStatus, resolve: (evaluation) => evaluation.status }),
    itemCount: t.exposeInt('itemCount'),
    scoredCount: t.exposeInt('scoredCount'),
    passedCount: t.exposeInt('passedCount', { description: 'Items whose every scorer passed.' }),
    score: t.exposeFloat('score', {
      nullable: true,
      description: 'Mean item score (null before the first).',
    }),
    costUsd: t.exposeFloat('costUsd', { description: 'What its runs cost so far.' }),
    meanLatencyMs: t.exposeFloat('meanLatencyMs', {
      nullable: true,
      description: 'Mean wall time of its ended runs.',
    }),
    startedBy: t.string({ resolve: (evaluation, _args, context) => byEmail(context, evaluation.startedBy) }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    items: t.field({
      type: [EvaluationItem],
      description: 'Per item: its run, scores, cost and latency, in dataset order.',
      resolve: (evaluation, _args, context) =>
        context.services.read.evaluations.evaluationItems(evaluation.evaluationId),
    }),
  }),
});

const CreateDatasetInput = builder.inputType('CreateDatasetInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: '1 to 200 characters (trimmed).' }),
    description: t.string(),
  }),
});

const DatasetItemInput = builder.inputType('DatasetItemInput', {
  description:
    'Either a hand-written `goal` (with an optional `expectedOutput`), or a `runId` to take the item from.',
  fields: (t) => ({
    goal: t.string(),
    expectedOutput: t.string(),
    runId: t.id({
      description: "Goal from the run's inputs, expected output from its final answer (if it completed).",
    }),
  }),
});

const ScorerInput = builder.inputType('ScorerInput', {
  description:
    'One scorer: `kind` and the fields it uses. EXACT/CONTAINS: `value` (default: the item’s expected output); ' +
    'REGEX: `pattern`, `flags`; JSON_SCHEMA: `schema`; TOOL_SEQUENCE: `tools`; MAX_STEPS/MAX_TOKENS/MAX_COST: `max`; ' +
    'LLM_JUDGE: `rubric`, `provider`, `model` (and `endpoint` for a named OpenAI-compatible one). `name` defaults to the kind.',
  fields: (t) => ({
    kind: t.field({ type: ScorerKind, required: true }),
    name: t.string(),
    value: t.string(),
    pattern: t.string(),
    flags: t.string(),
    schema: t.field({ type: 'JSON' }),
    tools: t.stringList(),
    max: t.float(),
    rubric: t.string(),
    provider: t.field({ type: LlmProvider }),
    model: t.string(),
    endpoint: t.string(),
  }),
});

const StartEvaluationInput = builder.inputType('StartEvaluationInput', {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    agentId: t.id({ required: true }),
    agentVersion: t.int({ required: true }),
    scorers: t.field({ type: [ScorerInput], required: true }),
    concurrency: t.int({
      description: `Most runs at once, 1 to ${MAX_EVALUATION_CONCURRENCY} (default ${DEFAULT_EVALUATION_CONCURRENCY}).`,
    }),
  }),
});

type ScorerArgs = { kind: ScorerSpec['kind'] } & Record<string, unknown>;

/** The scorer spec from its input: the fields given (the service checks them), the name defaulted. */
function toSpec(input: ScorerArgs): Record<string, unknown> {
  const spec: Record<string, unknown> = { kind: input.kind, name: input.name ?? input.kind };
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'kind' && key !== 'name' && value !== null && value !== undefined) spec[key] = value;
  }
  if (input.kind === 'regex' && spec.flags === undefined) spec.flags = '';
  return spec;
}

builder.queryFields((t) => ({
  datasets: t.field({
    type: [Dataset],
    description: 'Every dataset, newest first (at most 200).',
    authScopes: { permission: Permission.Read },
    resolve: (_root, _args, context) => context.services.read.evaluations.datasets(),
  }),
  dataset: t.field({
    type: Dataset,
    nullable: true,
    authScopes: { permission: Permission.Read },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => context.services.read.evaluations.dataset(String(id)),
  }),
  evaluations: t.field({
    type: [Evaluation],
    description: 'Evaluations newest first (at most 200), of one dataset or all.',
    authScopes: { permission: Permission.Read },
    args: { datasetId: t.arg.id() },
    resolve: (_root, { datasetId }, context) =>
      context.services.read.evaluations.evaluations({
        datasetId: datasetId == null ? undefined : String(datasetId),
      }),
  }),
  evaluation: t.field({
    type: Evaluation,
    nullable: true,
    description: 'An evaluation with per-item and total scores, cost and latency.',
    authScopes: { permission: Permission.Read },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => context.services.read.evaluations.evaluation(String(id)),
  }),
}));

builder.mutationFields((t) => ({
  createDataset: t.field({
    type: Dataset,
    description: 'Creates an empty dataset (`DatasetCreated` on its own stream).',
    authScopes: { permission: Permission.Evaluate },
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const actor = actorOf(context);
      const { datasetId, position } = await context.services.evaluations.createDataset(input, actor);
      const fromState = (): DatasetView => {
        const now = new Date();
        const description = input.description?.trim() || null;
        return {
          datasetId,
          name: input.name.trim(),
          description,
          itemCount: 0,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        };
      };
      return written(
        context,
        position,
        () => context.services.read.evaluations.dataset(datasetId),
        fromState,
      );
    },
  }),
  addDatasetItems: t.field({
    type: Dataset,
    description:
      'Adds items to a dataset, all or none (`DatasetItemsAdded`): hand-written goals, or taken from runs.',
    authScopes: { permission: Permission.Evaluate },
    args: {
      datasetId: t.arg.id({ required: true }),
      items: t.arg({ type: [DatasetItemInput], required: true }),
    },
    resolve: async (_root, args, context) => {
      const items = args.items.map((item, index) => {
        if (item.runId != null) {
          if (item.goal != null || item.expectedOutput != null) {
            throw badInput(
              `items.${index}.runId`,
              'give either runId or goal (with expectedOutput), not both',
            );
          }
          return { runId: String(item.runId) };
        }
        if (item.goal == null) throw badInput(`items.${index}.goal`, 'give a goal or a runId');
        return { goal: item.goal, expectedOutput: item.expectedOutput ?? undefined };
      });
      const datasetId = String(args.datasetId);
      const result = await context.services.evaluations.addDatasetItems(datasetId, items, actorOf(context));
      const { state } = result;
      const fromState = (): DatasetView => ({
        datasetId,
        name: state.name,
        description: state.description,
        itemCount: state.items.length,
        createdBy: state.createdBy,
        createdAt: state.createdAt,
        updatedAt: new Date(),
      });
      return written(
        context,
        result.position,
        () => context.services.read.evaluations.dataset(datasetId),
        fromState,
      );
    },
  }),
  startEvaluation: t.field({
    type: Evaluation,
    description:
      'Runs the agent version over every item of the dataset (at most `concurrency` runs at once) and scores each ' +
      'run when it ends (`RunScored` on the run). Every scorer is checked first: a bad regex or JSON schema is refused here.',
    authScopes: { permission: Permission.Evaluate },
    args: { input: t.arg({ type: StartEvaluationInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const actor = actorOf(context);
      const { evaluation, position } = await context.services.evaluations.startEvaluation(
        {
          datasetId: String(input.datasetId),
          agentId: String(input.agentId),
          agentVersion: input.agentVersion,
          scorers: input.scorers.map((scorer) => toSpec(scorer as unknown as ScorerArgs)),
          concurrency: input.concurrency ?? null,
        },
        actor,
      );
      const fromState = (): EvaluationView => ({
        evaluationId: evaluation.evaluationId,
        datasetId: evaluation.datasetId,
        agentId: evaluation.agentId,
        agentVersion: evaluation.agentVersion,
        scorers: evaluation.scorers,
        concurrency: evaluation.concurrency,
        status: 'RUNNING',
        itemCount: evaluation.items.length,
        scoredCount: 0,
        passedCount: 0,
        score: null,
        costUsd: 0,
        meanLatencyMs: null,
        startedBy: actor.id,
        startedAt: new Date(),
        completedAt: null,
      });
      return written(
        context,
        position,
        () => context.services.read.evaluations.evaluation(evaluation.evaluationId),
        fromState,
      );
    },
  }),
}));
