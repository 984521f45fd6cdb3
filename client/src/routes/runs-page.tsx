// /maestro/runs: the runs explorer.
import { RunsExplorer } from '../features/runs/runs-explorer';
import { PageHeader } from '../ui/page-header';

export function RunsPage() {
  return (
    <>
      <PageHeader
        title="Runs"
        description="Every run: filter, search what agents were asked, thought and answered, sort and export."
      />
      <RunsExplorer />
    </>
  );
}
