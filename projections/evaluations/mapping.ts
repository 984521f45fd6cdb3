// Pure: evaluation events and `RunScored` → row changes, in log order. No I/O.
import type { EventDataByType, RunScore, ScorerSpec } from '../../schema/events/index.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

export type EvaluationChange =
  | {
      kind: 'started';
      evaluationId: string;
      datasetId: string;
      agentId: string;
      agentVersion: number;
      scorers: ScorerSpec[];
      concurrency: number;
      startedBy: string;
      startedAt: Date;
      items: { itemId: string; idx: number; runId: string; goal: string; expectedOutput: string | null }[];
    }
  | {
      kind: 'scored';
      evaluationId: string;
      itemId: string;
      score: number;
      scores: RunScore[];
      scoredAt: Date;
    }
  | { kind: 'completed'; evaluationId: string; score: number; completedAt: Date };

const mean = (scores: readonly RunScore[]) =>
  scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + s.score, 0) / scores.length;

/** Maps a batch (any streams, log order) to the changes of evaluations and their items. */
export function mapEvaluationEvents(events: readonly RecordedEvent[]): EvaluationChange[] {
  const changes: EvaluationChange[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'EvaluationStarted': {
        const data = event.data as unknown as EventDataByType['EvaluationStarted'];
        changes.push({
          kind: 'started',
          evaluationId: data.evaluationId,
          datasetId: data.datasetId,
          agentId: data.agentId,
          agentVersion: data.agentVersion,
          scorers: data.scorers,
          concurrency: data.concurrency,
          startedBy: data.by,
          startedAt: event.recordedAt,
          items: data.items.map((item, idx) => ({
            itemId: item.itemId,
            idx,
            runId: item.runId,
            goal: item.goal,
            expectedOutput: item.expectedOutput ?? null,
          })),
        });
        break;
      }
      case 'RunScored': {
        const data = event.data as unknown as EventDataByType['RunScored'];
        changes.push({
          kind: 'scored',
          evaluationId: data.evaluationId,
          itemId: data.itemId,
          score: mean(data.scores),
          scores: data.scores,
          scoredAt: event.recordedAt,
        });
        break;
      }
      case 'EvaluationCompleted': {
        const data = event.data as unknown as EventDataByType['EvaluationCompleted'];
        changes.push({
          kind: 'completed',
          evaluationId: data.evaluationId,
          score: data.score,
          completedAt: event.recordedAt,
        });
        break;
      }
    }
  }
  return changes;
}
