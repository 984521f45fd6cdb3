// Newer/Older paging over a Relay connection: the cursors of the pages seen so far, "Older" pushes
// the page's end cursor, "Newer" pops it. One implementation for every paged list.
import { useState } from 'react';

export interface CursorPages {
  /** The `after` of the current page (null: the first page). */
  after: string | null;
  /** 1 for the first page. */
  page: number;
  older(endCursor: string): void;
  newer(): void;
  /** Back to the first page (e.g. when a filter changes). */
  reset(): void;
}

export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length,
    older: (endCursor) => setCursors((current) => [...current, endCursor]),
    newer: () => setCursors((current) => current.slice(0, -1)),
    reset: () => setCursors([null]),
  };
}

/** The footer with "Newer" and "Older"; nothing when there is only one page. */
export function CursorPager({
  pages,
  pageInfo,
  showPageNumber = false,
}: {
  pages: CursorPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  showPageNumber?: boolean;
}) {
  if (pages.page <= 1 && !pageInfo?.hasNextPage) return null;
  return (
    <div className="card-footer">
      {showPageNumber ? <span className="muted small">Page {pages.page}</span> : null}
      <span className="spacer" />
      <button type="button" className="btn btn-sm" disabled={pages.page <= 1} onClick={pages.newer}>
        Newer
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!pageInfo?.hasNextPage || !pageInfo.endCursor}
        onClick={() => {
          const cursor = pageInfo?.endCursor;
          if (cursor) pages.older(cursor);
        }}
      >
        Older
      </button>
    </div>
  );
}
