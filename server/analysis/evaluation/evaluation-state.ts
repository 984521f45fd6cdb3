// An evaluation folded from its stream (`evaluation-<id>`): pure, the driver's checkpoint.
import { v5 as uuidv5 } from 'uuid';
import type { EvaluationItem, EventDataByType, ScorerSpec } from '../../../schema/events/index.ts';

export interface EvaluationState {
  evaluationId: string;
  datasetId: string;
  agentId: string;
  agentVersion: number;
  scorers: ScorerSpec[];
  concurrency: number;
  items: EvaluationItem[];
  /** Item id → mean score, for the items whose run was scored. */
  scored: Record<string, number>;
  completed: boolean;
  /** Who started it: the runs and scores are recorded as theirs. */
  by: string;
}

// Any fixed namespace would do; this one only has to never change.
const EVALUATION_RUNS = '6f1c2a7e-3b8d-5c4e-9a0f-2d7b8e1c4a55';

/**
 * The id of the run an evaluation gives an item: the same every time, so a driver that restarts
 * finds the run it may have started before the crash instead of starting a second one.
 */
export function evaluationRunId(evaluationId: string, itemId: string): string {
  return uuidv5(`${evaluationId}/${itemId}`, EVALUATION_RUNS);
}

export function evolveEvaluation(
  state: EvaluationState | null,
  event: { type: string; data: unknown },
): EvaluationState | null {
  switch (event.type) {
    case 'EvaluationStarted': {
      const { evaluationId, datasetId, agentId, agentVersion, scorers, concurrency, items, by } =
        event.data as EventDataByType['EvaluationStarted'];
      return {
        evaluationId,
        datasetId,
        agentId,
        agentVersion,
        scorers,
        concurrency,
        items,
        scored: {},
        completed: false,
        by,
      };
    }
    case 'EvaluationItemScored': {
      if (!state) return state;
      const data = event.data as EventDataByType['EvaluationItemScored'];
      return { ...state, scored: { ...state.scored, [data.itemId]: data.score } };
    }
    case 'EvaluationCompleted':
      return state && { ...state, completed: true };
    default:
      return state;
  }
}

/** The mean of the items' scores (0 for none). */
export function meanScore(scores: readonly number[]): number {
  return scores.length === 0 ? 0 : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}
