// useQuery that keeps showing the last data it had while a refetch fails (a server restart, a lost
// network): a page stays readable under the "Connection lost" banner instead of turning into an
// error. The error is still returned, for pages that want to say the data may be stale.
import { useRef } from 'react';
import { type AnyVariables, type UseQueryArgs, type UseQueryResponse, useQuery } from 'urql';

export function useStickyQuery<Data, Variables extends AnyVariables = AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
): UseQueryResponse<Data, Variables> {
  const [result, execute] = useQuery<Data, Variables>(args);
  const last = useRef<{ key: string; data: Data } | null>(null);
  const key = JSON.stringify(args.variables ?? null);
  if (result.data !== undefined) last.current = { key, data: result.data };
  const data = result.data ?? (last.current?.key === key ? last.current.data : undefined);
  return [{ ...result, data }, execute];
}
