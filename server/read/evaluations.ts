// The read side of datasets and evaluations: the datasets and evaluations read models.
import {
  type DatasetItemView,
  type DatasetView,
  getDataset,
  listDatasetItems,
  listDatasets,
} from '../../projections/datasets/queries.ts';
import {
  type EvaluationItemView,
  type EvaluationView,
  getEvaluation,
  listEvaluationItems,
  listEvaluations,
} from '../../projections/evaluations/queries.ts';
import type { SqlQueryable } from '../db/sql-database.ts';

export interface EvaluationReads {
  datasets(): Promise<DatasetView[]>;
  dataset(datasetId: string): Promise<DatasetView | null>;
  datasetItems(datasetId: string): Promise<DatasetItemView[]>;
  evaluations(filter?: { datasetId?: string | undefined }): Promise<EvaluationView[]>;
  evaluation(evaluationId: string): Promise<EvaluationView | null>;
  evaluationItems(evaluationId: string): Promise<EvaluationItemView[]>;
}

export function createEvaluationReads(db: SqlQueryable): EvaluationReads {
  return {
    datasets: () => listDatasets(db),
    dataset: (datasetId) => getDataset(db, datasetId),
    datasetItems: (datasetId) => listDatasetItems(db, datasetId),
    evaluations: (filter = {}) => listEvaluations(db, filter),
    evaluation: (evaluationId) => getEvaluation(db, evaluationId),
    evaluationItems: (evaluationId) => listEvaluationItems(db, evaluationId),
  };
}
