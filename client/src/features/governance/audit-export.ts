// Export of the audit log: every entry the filter matches, fetched page by page from the API (not
// only the page on screen), as CSV or JSON Lines — what an auditor takes away.
import type { Client, OperationResult } from 'urql';
import { graphql } from '../../gql';
import type { AuditExportQuery, AuditLogFilter } from '../../gql/graphql';
import { csvCell } from '../runs/runs-export';

const AuditExport = graphql(`
  query AuditExport($filter: AuditLogFilter, $after: String) {
    auditLog(filter: $filter, first: 200, after: $after) {
      edges {
        node {
          id
          recordedAt
          kind
          actor
          actorId
          target
          clientAddress
          userAgent
          runId
          agentId
          step
          tool
          risk
          decision
          reasons
          policyId
          policyVersion
          comment
          data
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The most entries one export fetches: past this, narrow the filter (the status line says so). */
export const MAX_AUDIT_EXPORT = 100_000;

/** One exported entry, flat: the same fields in both formats. */
export type ExportedAuditEntry = AuditExportQuery['auditLog']['edges'][number]['node'];

const CSV_COLUMNS: readonly (keyof ExportedAuditEntry)[] = [
  'id',
  'recordedAt',
  'kind',
  'actor',
  'actorId',
  'target',
  'clientAddress',
  'userAgent',
  'runId',
  'agentId',
  'step',
  'tool',
  'risk',
  'decision',
  'reasons',
  'policyId',
  'policyVersion',
  'comment',
  'data',
];

/** RFC 4180 CSV with a header row; reasons are joined with `; `, data is JSON. */
export function auditToCsv(entries: readonly ExportedAuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(
      CSV_COLUMNS.map((column) =>
        csvCell(column === 'reasons' ? entry.reasons.join('; ') : entry[column]),
      ).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One JSON object per line, the fields of the CSV with `reasons` as a list. */
export function auditToJsonl(entries: readonly ExportedAuditEntry[]): string {
  return entries
    .map((entry) => `${JSON.stringify(Object.fromEntries(CSV_COLUMNS.map((c) => [c, entry[c] ?? null])))}\n`)
    .join('');
}

/** Every entry `filter` matches, newest first, following the cursor to the end (or MAX_AUDIT_EXPORT). */
export async function fetchAllAuditEntries(
  client: Client,
  filter: AuditLogFilter,
  onProgress: (fetched: number) => void = () => {},
): Promise<{ entries: ExportedAuditEntry[]; truncated: boolean }> {
  const entries: ExportedAuditEntry[] = [];
  let after: string | null = null;
  for (;;) {
    const result: OperationResult<AuditExportQuery> = await client
      .query(AuditExport, { filter, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    const page: AuditExportQuery['auditLog'] | undefined = result.data?.auditLog;
    if (!page) throw new Error('The server sent no audit entries');
    for (const edge of page.edges) entries.push(edge.node);
    onProgress(entries.length);
    if (entries.length >= MAX_AUDIT_EXPORT)
      return { entries: entries.slice(0, MAX_AUDIT_EXPORT), truncated: true };
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { entries, truncated: false };
    after = page.pageInfo.endCursor;
  }
}
