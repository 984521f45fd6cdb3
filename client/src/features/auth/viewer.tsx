// Who is signed in: the `me` query, shared through context with the sidebar and role-aware pages.
import { createContext, type ReactNode, useContext } from 'react';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { ViewerQuery } from '../../gql/graphql';

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      email
      role
      viaLoginLink
    }
  }
`);

export type Viewer = ViewerQuery['me'];

const ViewerContext = createContext<Viewer | null>(null);

/** Loads the viewer; children render once it is known (an invalid token signs out instead). */
export function ViewerProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [{ data, error }, refetch] = useStickyQuery({ query: ViewerDocument, requestPolicy: 'cache-first' });
  if (data?.me) return <ViewerContext.Provider value={data.me}>{children}</ViewerContext.Provider>;
  if (error && !data) {
    return (
      <div className="content">
        <div className="callout callout-danger" role="alert">
          <div style={{ flex: 1 }}>
            <div className="callout-title">Cannot load your session</div>
            <div>{error.message}</div>
          </div>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => refetch({ requestPolicy: 'network-only' })}
          >
            Retry
          </button>
        </div>
      </div>
    );
  }
  return <>{fallback}</>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer must be used inside <ViewerProvider>');
  return viewer;
}

/**
 * What the viewer's role allows: the matrix of server/auth/roles.ts, so the UI hides what the
 * server would refuse (the server still decides).
 */
export function permissionsOf(role: string) {
  const admin = role === 'ADMIN';
  const operator = role === 'OPERATOR';
  return {
    administer: admin,
    configure: admin,
    startRun: admin || operator || role === 'INTEGRATOR',
    operateRun: admin || operator,
    approve: admin || operator,
    fork: admin || role === 'ANALYST',
    annotate: admin || operator || role === 'ANALYST',
    evaluate: admin || operator || role === 'ANALYST',
  };
}

export function usePermissions() {
  return permissionsOf(useViewer().role);
}
