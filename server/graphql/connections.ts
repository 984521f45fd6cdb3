import {
  encodeCursor,
  type Page,
  type PageRequest,
  type TimeIdCursor,
} from '../../projections/pagination.ts';
import { badInput } from './errors.ts';

/** The Relay arguments every connection field takes. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Forward pagination only (`first`/`after`); `last`/`before` are refused as bad input. */
export function pageRequest(args: ConnectionArgs): PageRequest {
  if (args.last != null) throw badInput('last', 'Only forward pagination (first/after) is supported');
  if (args.before != null) throw badInput('before', 'Only forward pagination (first/after) is supported');
  return { ...(args.first == null ? {} : { first: args.first }), after: args.after ?? null };
}

/** A read-model page as a Relay connection; each edge's cursor is its item's sort key. */
export function connectionFromPage<T>(
  page: Page<T>,
  cursorOf: (item: T, index: number) => TimeIdCursor | string,
) {
  const edges = page.items.map((node, index) => {
    const key = cursorOf(node, index);
    return { node, cursor: typeof key === 'string' ? key : encodeCursor(key) };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
