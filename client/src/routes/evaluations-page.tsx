// /maestro/evaluations: datasets, evaluations of agent versions over them, and their comparison.
import { EvaluationsWorkspace } from '../features/evaluations/evaluations-workspace';
import { PageHeader } from '../ui/page-header';

export function EvaluationsPage() {
  return (
    <>
      <PageHeader
        title="Evaluations"
        description="Run an agent version over a dataset of goals, score every run, and compare two evaluations item by item."
      />
      <EvaluationsWorkspace />
    </>
  );
}
