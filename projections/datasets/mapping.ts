// Pure: dataset events → rows. No I/O.
import type { EventDataByType } from '../../schema/events/index.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

export interface DatasetRow {
  datasetId: string;
  name: string;
  description: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface DatasetItemRow {
  itemId: string;
  datasetId: string;
  goal: string;
  expectedOutput: string | null;
  sourceRunId: string | null;
  addedAt: Date;
  position: string;
  idx: number;
}

export interface DatasetChanges {
  datasets: DatasetRow[];
  items: DatasetItemRow[];
  /** Dataset id → when it last changed (its items were added). */
  touched: Map<string, Date>;
}

/** Maps a batch (any streams, log order) to the datasets created and items added. */
export function mapDatasetEvents(events: readonly RecordedEvent[]): DatasetChanges {
  const changes: DatasetChanges = { datasets: [], items: [], touched: new Map() };
  for (const event of events) {
    if (event.type === 'DatasetCreated') {
      const data = event.data as unknown as EventDataByType['DatasetCreated'];
      changes.datasets.push({
        datasetId: data.datasetId,
        name: data.name,
        description: data.description ?? null,
        createdBy: data.by,
        createdAt: event.recordedAt,
      });
    } else if (event.type === 'DatasetItemsAdded') {
      const data = event.data as unknown as EventDataByType['DatasetItemsAdded'];
      data.items.forEach((item, idx) => {
        changes.items.push({
          itemId: item.itemId,
          datasetId: data.datasetId,
          goal: item.goal,
          expectedOutput: item.expectedOutput ?? null,
          sourceRunId: item.sourceRunId ?? null,
          addedAt: event.recordedAt,
          position: event.position,
          idx,
        });
      });
      changes.touched.set(data.datasetId, event.recordedAt);
    }
  }
  return changes;
}
