// Datasets (`dataset-<id>` streams): goals to evaluate an agent on, written by hand or taken from
// recorded runs. Folded from their own stream; the read model only serves lists.
import { randomUUID } from 'node:crypto';
import {
  type DatasetItem,
  datasetStream,
  type EventDataByType,
  MAX_ITEMS_PER_ADD,
} from '../../../schema/events/index.ts';
import type { AppendedEvent, CommandHandler, CommandTarget } from '../../application/command-handler.ts';
import { InvalidInputError, NotFoundError } from '../../application/errors.ts';
import type { Actor } from '../../application/event-writer.ts';
import { loadRunState } from '../../application/run-history.ts';
import type { EventStore } from '../../eventstore/port.ts';
import { outputText } from './scorers.ts';

export interface DatasetState {
  datasetId: string;
  name: string;
  description: string | null;
  items: DatasetItem[];
  createdBy: string;
  createdAt: Date;
}

/** An item to add: a hand-written goal (with an optional expected output), or a run to take it from. */
export type NewDatasetItem =
  | { goal: string; expectedOutput?: string | undefined; runId?: undefined }
  | { runId: string; goal?: undefined; expectedOutput?: undefined };

function evolveDataset(
  state: DatasetState | null,
  event: { type: string; data: unknown; recordedAt: Date },
): DatasetState | null {
  if (event.type === 'DatasetCreated') {
    const data = event.data as EventDataByType['DatasetCreated'];
    return {
      datasetId: data.datasetId,
      name: data.name,
      description: data.description ?? null,
      items: [],
      createdBy: data.by,
      createdAt: event.recordedAt,
    };
  }
  if (event.type === 'DatasetItemsAdded' && state) {
    const data = event.data as EventDataByType['DatasetItemsAdded'];
    return { ...state, items: [...state.items, ...data.items] };
  }
  return state;
}

function datasetTarget(store: EventStore, datasetId: string): CommandTarget<DatasetState | null> {
  return {
    stream: datasetStream(datasetId),
    async load() {
      const events = await store.readStream(datasetStream(datasetId));
      return { state: events.reduce<DatasetState | null>(evolveDataset, null), revision: events.length - 1 };
    },
    evolve: (state: DatasetState | null, event: AppendedEvent) => evolveDataset(state, event),
  };
}

/** The dataset folded from its stream. @throws NotFoundError */
export async function loadDataset(store: EventStore, datasetId: string): Promise<DatasetState> {
  const { state } = await datasetTarget(store, datasetId).load();
  if (state === null) throw new NotFoundError('Dataset', datasetId);
  return state;
}

/** Goal from the run's inputs, expected output from its final answer (none when it did not complete). */
async function itemFromRun(store: EventStore, runId: string, index: number): Promise<DatasetItem> {
  const run = await loadRunState(store, runId);
  if (run.revision === -1 || run.inputs === null) {
    throw new InvalidInputError(`items.${index}.runId`, `Run ${runId} does not exist`);
  }
  const output = run.ending?.kind === 'completed' ? outputText(run.ending.output) : undefined;
  return {
    itemId: randomUUID(),
    goal: run.inputs.goal,
    ...(output !== undefined && { expectedOutput: output }),
    sourceRunId: runId,
  };
}

export function createDatasets(deps: { store: EventStore; commands: CommandHandler }) {
  const { store, commands } = deps;
  return {
    /** @throws InvalidInputError (name, description). */
    async create(input: { name: string; description?: string | null }, actor: Actor) {
      const datasetId = randomUUID();
      const name = input.name.trim();
      if (name === '') throw new InvalidInputError('name', 'the name must not be empty');
      const description = input.description?.trim();
      const data = { datasetId, name, ...(description ? { description } : {}), by: actor.id };
      const result = await commands.execute(
        { ...datasetTarget(store, datasetId), load: async () => ({ state: null, revision: -1 }) },
        () => ({ events: [{ type: 'DatasetCreated', data }] }),
        actor,
      );
      return { datasetId, position: result.position as string };
    },

    /**
     * Appends items (all or none). Items taken from a run read its `RunStarted` and `RunCompleted`.
     * @throws NotFoundError (dataset), InvalidInputError (`items.<i>.<field>`: empty goal, unknown run, too many).
     */
    async addItems(datasetId: string, items: readonly NewDatasetItem[], actor: Actor) {
      if (items.length === 0) throw new InvalidInputError('items', 'give at least one item');
      if (items.length > MAX_ITEMS_PER_ADD) {
        throw new InvalidInputError(
          'items',
          `at most ${MAX_ITEMS_PER_ADD} items at once (got ${items.length})`,
        );
      }
      const resolved: DatasetItem[] = [];
      for (const [index, item] of items.entries()) {
        if (item.runId !== undefined) {
          resolved.push(await itemFromRun(store, item.runId, index));
          continue;
        }
        const goal = item.goal.trim();
        if (goal === '') throw new InvalidInputError(`items.${index}.goal`, 'the goal must not be empty');
        const expected = item.expectedOutput;
        resolved.push({ itemId: randomUUID(), goal, ...(expected != null && { expectedOutput: expected }) });
      }
      const result = await commands.execute(
        datasetTarget(store, datasetId),
        (state) =>
          state === null
            ? { refusal: { code: 'NOT_FOUND', message: `Dataset ${datasetId} does not exist` } }
            : { events: [{ type: 'DatasetItemsAdded', data: { datasetId, items: resolved, by: actor.id } }] },
        actor,
      );
      return {
        datasetId,
        items: resolved,
        state: result.state as DatasetState,
        position: result.position as string,
      };
    },
  };
}

export type Datasets = ReturnType<typeof createDatasets>;
