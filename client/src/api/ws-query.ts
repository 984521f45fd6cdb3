// One query over the graphql-ws socket, outside urql's cache: for long lists that a page keeps
// itself (a run's events or steps), where normalising thousands of records would cost more than
// the request.
import type { Client as WsClient } from 'graphql-ws';

/** The query's data, or a rejection with its first error. */
export function queryOnce<T>(
  wsClient: WsClient,
  payload: { query: string; variables: Record<string, unknown> },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let data: T | null = null;
    wsClient.subscribe<T>(payload, {
      next: (result) => {
        if (result.errors?.length) reject(new Error(result.errors[0]?.message ?? 'Query failed'));
        else data = (result.data ?? null) as T | null;
      },
      error: (error) => reject(error instanceof Error ? error : new Error('Query failed')),
      complete: () => (data === null ? reject(new Error('No data')) : resolve(data)),
    });
  });
}
