// Events record who acted by id (a user id, an API token id, `engine`, `system:seed`): show people
// by email where the viewer may list users, and as "you" for the viewer.
import { useCallback } from 'react';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import { shortId } from '../../lib/format';
import { usePermissions, useViewer } from './viewer';

const ActorNames = graphql(`
  query ActorNames {
    users {
      id
      email
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function useActorName(): (actor: string | null | undefined) => string {
  const viewer = useViewer();
  const can = usePermissions();
  const [{ data }] = useStickyQuery({
    query: ActorNames,
    pause: !can.administer,
    requestPolicy: 'cache-first',
  });
  return useCallback(
    (actor) => {
      if (!actor) return 'unknown';
      if (actor === viewer.id) return viewer.email ? `you (${viewer.email})` : 'you';
      const user = data?.users.find((item) => item.id === actor);
      if (user) return user.email;
      return UUID.test(actor) ? `user ${shortId(actor)}` : actor;
    },
    [viewer, data],
  );
}
