import { Link, useLocation } from 'react-router-dom';
import { PageHeader } from '../ui/page-header';
import { EmptyState } from '../ui/states';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <div className="card">
        <EmptyState
          title="Nothing lives at this address"
          action={
            <Link className="btn btn-primary" to="/">
              Go to the dashboard
            </Link>
          }
        >
          <span className="mono">/maestro{location.pathname}</span> is not a page of the console.
        </EmptyState>
      </div>
    </>
  );
}
