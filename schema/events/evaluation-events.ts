// Streams `dataset-<datasetId>` (goals to evaluate an agent on) and `evaluation-<evaluationId>` (one
// agent version run over a dataset and scored). The scores themselves are `RunScored` on each run.
import { z } from 'zod';
import { Actor, Count, Id, JsonObject, NonEmpty } from './common.ts';
import type { EventDefinition } from './define.ts';

/** Longest dataset name and description, goal and expected output (characters). */
export const MAX_DATASET_NAME = 200;
export const MAX_DATASET_DESCRIPTION = 2000;
export const MAX_ITEM_GOAL = 20_000;
export const MAX_ITEM_EXPECTED = 50_000;
/** Most items one `DatasetItemsAdded` (one `addDatasetItems`) carries. */
export const MAX_ITEMS_PER_ADD = 500;
/** Most runs an evaluation drives at once. */
export const MAX_EVALUATION_CONCURRENCY = 32;

/** One goal to run the agent on, with the final output it should give when that is known. */
export const DatasetItem = z.strictObject({
  itemId: Id,
  goal: NonEmpty.max(MAX_ITEM_GOAL),
  expectedOutput: z.string().max(MAX_ITEM_EXPECTED).optional(),
  /** The run it was taken from (goal from its inputs, expected output from its final answer). */
  sourceRunId: Id.optional(),
});
export type DatasetItem = z.infer<typeof DatasetItem>;

export const DatasetCreated = z.strictObject({
  datasetId: Id,
  name: NonEmpty.max(MAX_DATASET_NAME),
  description: z.string().max(MAX_DATASET_DESCRIPTION).optional(),
  by: Actor,
});

export const DatasetItemsAdded = z.strictObject({
  datasetId: Id,
  items: z.array(DatasetItem).min(1).max(MAX_ITEMS_PER_ADD),
  by: Actor,
});

/** The kinds of scorer; rule-based ones read the run's record, `llm_judge` asks a model. */
export const ScorerKind = {
  Exact: 'exact',
  Contains: 'contains',
  Regex: 'regex',
  JsonSchema: 'json_schema',
  ToolSequence: 'tool_sequence',
  MaxSteps: 'max_steps',
  MaxTokens: 'max_tokens',
  MaxCost: 'max_cost',
  LlmJudge: 'llm_judge',
} as const;
export type ScorerKind = (typeof ScorerKind)[keyof typeof ScorerKind];

const named = { name: NonEmpty.max(100) };

/**
 * How one score is given. `exact` and `contains` compare the final output with `value`, or with the
 * item's expected output when there is no `value`.
 */
export const ScorerSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exact'), ...named, value: z.string().optional() }),
  z.strictObject({ kind: z.literal('contains'), ...named, value: z.string().optional() }),
  z.strictObject({
    kind: z.literal('regex'),
    ...named,
    pattern: NonEmpty.max(2000),
    flags: z.string().max(8),
  }),
  z.strictObject({ kind: z.literal('json_schema'), ...named, schema: JsonObject }),
  z.strictObject({ kind: z.literal('tool_sequence'), ...named, tools: z.array(NonEmpty).min(1).max(100) }),
  z.strictObject({ kind: z.literal('max_steps'), ...named, max: Count }),
  z.strictObject({ kind: z.literal('max_tokens'), ...named, max: Count }),
  z.strictObject({ kind: z.literal('max_cost'), ...named, max: z.number().nonnegative() }),
  z.strictObject({
    kind: z.literal('llm_judge'),
    ...named,
    rubric: NonEmpty.max(10_000),
    provider: z.enum(['openai', 'anthropic', 'demo']),
    model: NonEmpty,
    endpoint: NonEmpty.optional(),
  }),
]);
export type ScorerSpec = z.infer<typeof ScorerSpec>;

/** An item as the evaluation runs it: the dataset's item and the run id it gets (fixed before any run starts). */
export const EvaluationItem = z.strictObject({
  itemId: Id,
  runId: Id,
  goal: NonEmpty.max(MAX_ITEM_GOAL),
  expectedOutput: z.string().max(MAX_ITEM_EXPECTED).optional(),
});
export type EvaluationItem = z.infer<typeof EvaluationItem>;

/**
 * An agent version is to be run over a dataset as it was at this moment (its items are copied, so
 * items added later do not change this evaluation), at most `concurrency` runs at a time.
 */
export const EvaluationStarted = z.strictObject({
  evaluationId: Id,
  datasetId: Id,
  agentId: Id,
  agentVersion: z.number().int().positive(),
  scorers: z.array(ScorerSpec).min(1).max(50),
  concurrency: z.number().int().min(1).max(MAX_EVALUATION_CONCURRENCY),
  items: z.array(EvaluationItem).min(1),
  by: Actor,
});

/** An item's run ended and was scored (`RunScored` on the run): the driver's checkpoint. */
export const EvaluationItemScored = z.strictObject({
  itemId: Id,
  runId: Id,
  score: z.number().min(0).max(1),
});

/** Every item was scored. */
export const EvaluationCompleted = z.strictObject({
  evaluationId: Id,
  score: z.number().min(0).max(1),
});

export const datasetEventDefinitions = [
  { type: 'DatasetCreated', schemaVersion: 1, schema: DatasetCreated },
  { type: 'DatasetItemsAdded', schemaVersion: 1, schema: DatasetItemsAdded },
] as const satisfies readonly EventDefinition[];

export const evaluationEventDefinitions = [
  { type: 'EvaluationStarted', schemaVersion: 1, schema: EvaluationStarted },
  { type: 'EvaluationItemScored', schemaVersion: 1, schema: EvaluationItemScored },
  { type: 'EvaluationCompleted', schemaVersion: 1, schema: EvaluationCompleted },
] as const satisfies readonly EventDefinition[];
