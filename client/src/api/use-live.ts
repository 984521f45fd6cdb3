// Hooks for live data: a callback per subscription result, and throttled refetching on events.
import { useCallback, useEffect, useRef } from 'react';
import { type AnyVariables, type TypedDocumentNode, useClient } from 'urql';

/**
 * Calls `onData` for every result of a subscription (not only the latest, as `useSubscription`'s
 * state would after React batches renders). Results also reach graphcache, which updates every
 * query that shows the same entity.
 */
export function useSubscriptionCallback<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onData: (data: Data) => void,
  options: { pause?: boolean } = {},
): void {
  const client = useClient();
  const callback = useRef(onData);
  callback.current = onData;
  const key = JSON.stringify(variables);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `variables` by value.
  useEffect(() => {
    if (options.pause) return;
    const { unsubscribe } = client.subscription(query, variables).subscribe((result) => {
      if (result.data) callback.current(result.data);
    });
    return unsubscribe;
  }, [client, query, key, options.pause]);
}

/**
 * A function that calls `refetch` at most once per `intervalMs` (trailing call included), so a
 * storm of live events (a 5,000-step run) costs a few queries, not thousands.
 */
export function useThrottled(refetch: () => void, intervalMs = 1000): () => void {
  const latest = useRef(refetch);
  latest.current = refetch;
  const state = useRef<{ last: number; timer: number | undefined }>({ last: 0, timer: undefined });
  useEffect(() => () => window.clearTimeout(state.current.timer), []);
  return useCallback(() => {
    const current = state.current;
    if (current.timer !== undefined) return;
    const wait = Math.max(0, current.last + intervalMs - Date.now());
    current.timer = window.setTimeout(() => {
      current.timer = undefined;
      current.last = Date.now();
      latest.current();
    }, wait);
  }, [intervalMs]);
}
