// Export of the runs explorer's selection: every run the filter matches, fetched page by page from
// the API (not only the page on screen), as CSV or JSON Lines.
import type { Client, OperationResult } from 'urql';
import { graphql } from '../../gql';
import type { RunExportRowFragment, RunFilter, RunSort, RunsExportQuery } from '../../gql/graphql';

export const RunExportRow = graphql(`
  fragment RunExportRow on Run {
    id
    status
    agentId
    agentVersion
    goal
    startedAt
    finishedAt
    output
    error {
      message
      code
    }
    metrics {
      steps
      inputTokens
      outputTokens
      costUsd
      durationMs
    }
  }
`);

const RunsExport = graphql(`
  query RunsExport($filter: RunFilter, $sort: RunSort, $after: String) {
    runs(filter: $filter, sort: $sort, first: 200, after: $after) {
      edges {
        node {
          ...RunExportRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The most runs one export fetches: past this, narrow the filter (the file says it was cut). */
export const MAX_EXPORT_ROWS = 100_000;

export type ExportFormat = 'csv' | 'jsonl';

/** One exported run, flat: the same fields in both formats. */
export interface ExportedRun {
  id: string;
  status: string;
  agentId: string | null;
  agentVersion: number | null;
  goal: string | null;
  startedAt: string;
  finishedAt: string | null;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  durationMs: number | null;
  error: string | null;
  errorCode: string | null;
  output: unknown;
}

export function flattenRun(run: RunExportRowFragment): ExportedRun {
  return {
    id: run.id,
    status: run.status,
    agentId: run.agentId ?? null,
    agentVersion: run.agentVersion ?? null,
    goal: run.goal ?? null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    steps: run.metrics.steps,
    inputTokens: run.metrics.inputTokens,
    outputTokens: run.metrics.outputTokens,
    costUsd: run.metrics.costUsd,
    durationMs: run.metrics.durationMs ?? null,
    error: run.error?.message ?? null,
    errorCode: run.error?.code ?? null,
    output: run.output ?? null,
  };
}

const CSV_COLUMNS: readonly (keyof ExportedRun)[] = [
  'id',
  'status',
  'agentId',
  'agentVersion',
  'goal',
  'startedAt',
  'finishedAt',
  'steps',
  'inputTokens',
  'outputTokens',
  'costUsd',
  'durationMs',
  'error',
  'errorCode',
  'output',
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. A leading = + - @
 * is prefixed with ' so that a spreadsheet shows a goal as text instead of running it as a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function runsToCsv(runs: readonly ExportedRun[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const run of runs) lines.push(CSV_COLUMNS.map((column) => csvCell(run[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function runsToJsonl(runs: readonly ExportedRun[]): string {
  return runs.map((run) => `${JSON.stringify(run)}\n`).join('');
}

/**
 * Every run `filter` matches in `sort` order, following the cursor until the last page (or
 * MAX_EXPORT_ROWS). Throws the API's error as it is.
 */
export async function fetchAllRuns(
  client: Client,
  filter: RunFilter,
  sort: RunSort,
  onProgress: (fetched: number) => void = () => {},
): Promise<{ runs: ExportedRun[]; truncated: boolean }> {
  const runs: ExportedRun[] = [];
  let after: string | null = null;
  for (;;) {
    const result: OperationResult<RunsExportQuery> = await client
      .query(RunsExport, { filter, sort, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    const page: RunsExportQuery['runs'] | undefined = result.data?.runs;
    if (!page) throw new Error('The server sent no runs');
    for (const edge of page.edges) runs.push(flattenRun(edge.node as RunExportRowFragment));
    onProgress(runs.length);
    if (runs.length >= MAX_EXPORT_ROWS) return { runs: runs.slice(0, MAX_EXPORT_ROWS), truncated: true };
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { runs, truncated: false };
    after = page.pageInfo.endCursor;
  }
}

/** Hands a file to the browser's download. */
export function downloadFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
