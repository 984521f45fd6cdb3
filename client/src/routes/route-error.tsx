import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';

/** Shown when a page throws while rendering or fails to load its code (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div className="content">
      <div className="callout callout-danger" role="alert">
        <div style={{ flex: 1 }}>
          <div className="callout-title">This page failed to load</div>
          <div>{message}</div>
        </div>
        <button type="button" className="btn btn-sm" onClick={() => window.location.reload()}>
          Reload
        </button>
        <Link className="btn btn-sm" to="/">
          Dashboard
        </Link>
      </div>
    </div>
  );
}
