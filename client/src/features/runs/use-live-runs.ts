// Live run updates for lists: every run's status and totals (runUpdated with no runId).
import { useSubscriptionCallback } from '../../api/use-live';
import { graphql } from '../../gql';

const AnyRunUpdated = graphql(`
  subscription AnyRunUpdated {
    runUpdated {
      ...RunRowFields
    }
  }
`);

/**
 * Calls `onUpdate` whenever any run changes. The run's new status and totals reach every list
 * through graphcache on their own; `onUpdate` is for what the cache cannot know (a new run, counts).
 */
export function useAnyRunUpdated(
  onUpdate: (run: { id: string; status: string; agentId?: string | null }) => void,
) {
  useSubscriptionCallback(AnyRunUpdated, {}, (data) => onUpdate(data.runUpdated));
}
