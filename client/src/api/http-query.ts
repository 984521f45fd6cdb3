// One query over HTTP, outside urql's cache, with the session's token: for the first page of a long
// list a page keeps itself (a run's steps), so it does not wait for the socket's handshake.
import { getToken } from './session-store';

/** The query's data, or a rejection with its first error (or the HTTP status). */
export async function queryOverHttp<T>(
  payload: { query: string; variables: Record<string, unknown> },
  signal?: AbortSignal,
): Promise<T> {
  const token = getToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(payload),
    signal,
  });
  let body: { data?: T | null; errors?: { message?: string }[] };
  try {
    body = await response.json();
  } catch {
    throw new Error(`Query failed (HTTP ${response.status})`);
  }
  if (body.errors?.length) throw new Error(body.errors[0]?.message ?? 'Query failed');
  if (body.data === undefined || body.data === null)
    throw new Error(`Query failed (HTTP ${response.status})`);
  return body.data;
}
