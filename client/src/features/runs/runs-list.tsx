// A live list of runs for a filter: loads a page, keeps itself current through runUpdated, and
// pages further with "Show more".
import { useState } from 'react';
import { useThrottled } from '../../api/use-live';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { RunFilter, RunRowFieldsFragment } from '../../gql/graphql';
import { PlayIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { RunsTable } from './runs-table';
import { useAnyRunUpdated } from './use-live-runs';

const RunsPage = graphql(`
  query RunsPage($filter: RunFilter, $after: String) {
    runs(filter: $filter, first: 15, after: $after) {
      edges {
        node {
          ...RunRowFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RUNS_PAGE_SIZE = 15;

/** Whether a live run update belongs in a list with this filter. */
function matches(filter: RunFilter, run: { status: string; agentId?: string | null }): boolean {
  if (filter.agentId && run.agentId !== filter.agentId) return false;
  if (filter.status && !filter.status.includes(run.status as never)) return false;
  return true;
}

export function RunsList({
  filter,
  label,
  showAgent = true,
  emptyTitle = 'No runs yet',
  emptyText,
  pageable = true,
}: {
  filter: RunFilter;
  label: string;
  showAgent?: boolean;
  emptyTitle?: string;
  emptyText?: string;
  pageable?: boolean;
}) {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <RunsPages
      filter={filter}
      pages={pages}
      label={label}
      showAgent={showAgent}
      emptyTitle={emptyTitle}
      emptyText={emptyText}
      onMore={pageable ? (cursor) => setPages((current) => [...current, cursor]) : undefined}
    />
  );
}

function RunsPages({
  filter,
  pages,
  label,
  showAgent,
  emptyTitle,
  emptyText,
  onMore,
}: {
  filter: RunFilter;
  pages: (string | null)[];
  label: string;
  showAgent: boolean;
  emptyTitle: string;
  emptyText?: string | undefined;
  onMore: ((cursor: string) => void) | undefined;
}) {
  // The first page is live; later pages are older runs that rarely change.
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: RunsPage,
    variables: { filter, after: null },
  });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 1500);
  useAnyRunUpdated((run) => {
    const known = data?.runs.edges.some((edge) => edge.node.id === run.id);
    // A known run updates itself through the cache; a new one, or a status change that moves a run
    // in or out of a status filter, needs the list again.
    if (!known ? matches(filter, run) : filter.status !== undefined && filter.status !== null) refresh();
  });
  if (error && !data)
    return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingState label="Loading runs…" />;
  const first = data?.runs.edges.map((edge) => edge.node) ?? [];
  if (first.length === 0) {
    return (
      <EmptyState title={emptyTitle} icon={<PlayIcon size={18} />}>
        {emptyText}
      </EmptyState>
    );
  }
  return (
    <>
      <RunsTable runs={first} showAgent={showAgent} label={label} />
      {pages.slice(1).map((cursor) => (
        <OlderRuns
          key={cursor}
          filter={filter}
          after={cursor as string}
          showAgent={showAgent}
          label={label}
        />
      ))}
      <MoreButton filter={filter} pages={pages} firstPage={data} onMore={onMore} />
    </>
  );
}

function OlderRuns({
  filter,
  after,
  showAgent,
  label,
}: {
  filter: RunFilter;
  after: string;
  showAgent: boolean;
  label: string;
}) {
  const [{ data, error }] = useStickyQuery({ query: RunsPage, variables: { filter, after } });
  if (error) return <ErrorState error={error} />;
  if (!data) return <LoadingState label="Loading more runs…" />;
  const runs: RunRowFieldsFragment[] = data.runs.edges.map((edge) => edge.node);
  return <RunsTable runs={runs} showAgent={showAgent} label={`${label} (older)`} />;
}

function MoreButton({
  filter,
  pages,
  firstPage,
  onMore,
}: {
  filter: RunFilter;
  pages: (string | null)[];
  firstPage: { runs: { pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } | undefined;
  onMore: ((cursor: string) => void) | undefined;
}) {
  const last = pages.at(-1) ?? null;
  const [{ data }] = useStickyQuery({
    query: RunsPage,
    variables: { filter, after: last },
    pause: last === null,
  });
  const info = last === null ? firstPage?.runs.pageInfo : data?.runs.pageInfo;
  if (!onMore || !info?.hasNextPage || !info.endCursor) return null;
  const cursor = info.endCursor;
  return (
    <div className="card-footer" style={{ justifyContent: 'center' }}>
      <button type="button" className="btn btn-sm" onClick={() => onMore(cursor)}>
        Show older runs
      </button>
    </div>
  );
}
