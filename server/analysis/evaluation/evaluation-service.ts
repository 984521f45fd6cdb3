// Datasets and evaluations behind one service: the GraphQL resolvers' only entry.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_EVALUATION_CONCURRENCY, ScorerSpec } from '../../../schema/events/index.ts';
import type { ProviderRegistry } from '../../activities/providers/create-provider.ts';
import { loadAgentVersion } from '../../application/agent-versions.ts';
import type { CommandHandler } from '../../application/command-handler.ts';
import { InvalidInputError } from '../../application/errors.ts';
import type { Actor } from '../../application/event-writer.ts';
import type { EventStore } from '../../eventstore/port.ts';
import { createDatasets, loadDataset, type NewDatasetItem } from './datasets.ts';
import { evaluationTarget } from './evaluation-driver.ts';
import { evaluationRunId } from './evaluation-state.ts';
import { compileScorers } from './scorers.ts';

/** Runs an evaluation drives at once when its input does not say. */
export const DEFAULT_EVALUATION_CONCURRENCY = 4;

export interface StartEvaluationInput {
  datasetId: string;
  agentId: string;
  agentVersion: number;
  /** Scorer specs as the API received them; checked here (see `ScorerSpec`). */
  scorers: readonly unknown[];
  concurrency?: number | null;
}

export function createEvaluationService(deps: {
  store: EventStore;
  commands: CommandHandler;
  providers: ProviderRegistry;
  /** Called once an evaluation is recorded: the worker's driver starts it (without a worker, a worker's poll finds it). */
  onStarted(evaluationId: string): void;
}) {
  const { store, commands, providers } = deps;
  const datasets = createDatasets({ store, commands });

  function parseScorers(scorers: readonly unknown[]): ScorerSpec[] {
    const parsed = z.array(ScorerSpec).min(1).max(50).safeParse(scorers);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const path = ['scorers', ...(issue?.path ?? [])].map(String).join('.');
    throw new InvalidInputError(path, `${path}: ${issue?.message ?? 'is invalid'}`);
  }

  return {
    createDataset: datasets.create,
    addDatasetItems: (datasetId: string, items: readonly NewDatasetItem[], actor: Actor) =>
      datasets.addItems(datasetId, items, actor),

    /**
     * Records the evaluation (the dataset's items as they are now, each with its run id) and starts
     * driving it. Everything is checked first: the dataset has items, the agent has that version and is
     * not archived, every scorer compiles (regex, JSON schema) and every judge's provider is configured.
     * @throws NotFoundError (dataset, agent, version), InvalidInputError (`scorers.<i>.<field>`, `concurrency`, `datasetId`).
     */
    async startEvaluation(input: StartEvaluationInput, actor: Actor) {
      const concurrency = input.concurrency ?? DEFAULT_EVALUATION_CONCURRENCY;
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_EVALUATION_CONCURRENCY) {
        throw new InvalidInputError(
          'concurrency',
          `concurrency must be from 1 to ${MAX_EVALUATION_CONCURRENCY}`,
        );
      }
      const scorers = parseScorers(input.scorers);
      const dataset = await loadDataset(store, input.datasetId);
      if (dataset.items.length === 0) {
        throw new InvalidInputError('datasetId', `Dataset ${dataset.name} has no items: add some first`);
      }
      const agent = await loadAgentVersion(store, input.agentId, input.agentVersion);
      const latest = await loadAgentVersion(store, input.agentId);
      if (latest.archived) throw new InvalidInputError('agentId', `Agent ${input.agentId} is archived`);
      const evaluationId = randomUUID();
      const items = dataset.items.map((item) => ({
        itemId: item.itemId,
        runId: evaluationRunId(evaluationId, item.itemId),
        goal: item.goal,
        ...(item.expectedOutput !== undefined && { expectedOutput: item.expectedOutput }),
      }));
      compileScorers(scorers, items);
      for (const [index, spec] of scorers.entries()) {
        if (spec.kind !== 'llm_judge') continue;
        try {
          providers.get(spec.provider, spec.endpoint);
        } catch (error) {
          throw new InvalidInputError(`scorers.${index}.provider`, (error as Error).message, {
            cause: error,
          });
        }
      }
      const data = {
        evaluationId,
        datasetId: dataset.datasetId,
        agentId: agent.agentId,
        agentVersion: agent.version,
        scorers,
        concurrency,
        items,
        by: actor.id,
      };
      const result = await commands.execute(
        { ...evaluationTarget(store, evaluationId), load: async () => ({ state: null, revision: -1 }) },
        () => ({ events: [{ type: 'EvaluationStarted', data }] }),
        actor,
      );
      deps.onStarted(evaluationId);
      return { evaluationId, evaluation: data, position: result.position as string };
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
