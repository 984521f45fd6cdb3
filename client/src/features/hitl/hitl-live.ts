// The live feed of approval requests (new ones and every decision), shared by the sidebar badge,
// the alerts and the approvals page. Each result also updates the request in graphcache, so every
// open card of it changes at once.
import { useSubscriptionCallback } from '../../api/use-live';
import { graphql } from '../../gql';
import type { HitlLiveSubscription } from '../../gql/graphql';

const HitlLive = graphql(`
  subscription HitlLive {
    hitlUpdated {
      ...HitlCardFields
    }
  }
`);

export type HitlLiveEvent = HitlLiveSubscription['hitlUpdated'];

/** Calls `onEvent` for every approval request change seen live. */
export function useHitlEvents(
  onEvent: (request: HitlLiveEvent) => void,
  options: { pause?: boolean } = {},
): void {
  useSubscriptionCallback(HitlLive, {}, (data) => onEvent(data.hitlUpdated), options);
}
