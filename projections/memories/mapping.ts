// Pure: MemoryStored events → memory rows; RunStarted → which agent a run belongs to. No I/O.
import { embeddingVector } from '../../schema/events/embedding-vector.ts';
import type { RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

/** A memory as stored, with its embedding. */
export interface MemoryRow {
  memoryId: string;
  runId: string;
  /** Null when the run's RunStarted is not in this batch: the writer looks it up in `memory_runs`. */
  agentId: string | null;
  step: number;
  kind: string;
  text: string;
  embeddingModel: string;
  dims: number;
  vector: number[];
  createdAt: Date;
  position: string;
}

/** MemoryStored does not name the agent: the projection keeps run → agent from RunStarted. */
export interface MemoryRunRow {
  runId: string;
  agentId: string;
}

export interface MemoryChanges {
  runs: MemoryRunRow[];
  memories: MemoryRow[];
}

/** Maps a batch of events (any streams, log order) to new run → agent links and new memories. */
export function mapMemoryEvents(events: readonly RecordedEvent[]): MemoryChanges {
  const agentOfRun = new Map<string, string>();
  const runs: MemoryRunRow[] = [];
  const memories: MemoryRow[] = [];
  for (const event of events) {
    if (event.type === 'RunStarted') {
      const runId = parseStream(event.stream).id;
      const { agentId } = event.data as unknown as RunEventDataByType['RunStarted'];
      if (agentOfRun.has(runId)) continue;
      agentOfRun.set(runId, agentId);
      runs.push({ runId, agentId });
    } else if (event.type === 'MemoryStored') {
      const runId = parseStream(event.stream).id;
      const data = event.data as unknown as RunEventDataByType['MemoryStored'];
      memories.push({
        memoryId: data.memoryId,
        runId,
        agentId: agentOfRun.get(runId) ?? null,
        step: data.step,
        kind: data.kind,
        text: data.text,
        embeddingModel: data.embedding.model,
        dims: data.embedding.dims,
        vector: embeddingVector(data.embedding),
        createdAt: event.recordedAt,
        position: event.position,
      });
    }
  }
  return { runs, memories };
}
