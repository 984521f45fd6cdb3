// Real-time alerts, on every page, when an agent asks for approval; not over a page that already
// shows the request's card (the approvals page, the run's page), where an alert would cover it.
import { Toast } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { shortId } from '../../lib/format';
import { AlertIcon, CloseIcon } from '../../ui/icons';
import { type HitlLiveEvent, useHitlEvents } from '../hitl/hitl-live';
import { createAlertedRequests } from './alerted-requests';
import { pageShowsApproval } from './approval-on-page';

const MAX_OPEN = 3;
/** A request this recent when the console opens was asked for while it loaded: alert it too. */
const RECENT_MS = 30_000;

const RecentPendingApprovals = graphql(`
  query RecentPendingApprovals {
    hitlRequests(status: PENDING, first: 10) {
      edges {
        node {
          ...HitlCardFields
        }
      }
    }
  }
`);

export function ApprovalAlerts() {
  const [alerts, setAlerts] = useState<HitlLiveEvent[]>([]);
  const [seen] = useState(createAlertedRequests);
  // The card on screen is the alert: a request it shows counts as seen, and its open alert goes.
  const { pathname } = useLocation();
  const onPage = useRef(pathname);
  onPage.current = pathname;
  useEffect(() => {
    setAlerts((current) => {
      const left = current.filter((request) => !pageShowsApproval(pathname, request));
      return left.length === current.length ? current : left;
    });
  }, [pathname]);
  const alert = (request: HitlLiveEvent) => {
    if (seen.has(request.id)) return;
    seen.add(request.id);
    if (pageShowsApproval(onPage.current, request)) return;
    setAlerts((current) => [...current, request].slice(-MAX_OPEN));
  };
  useHitlEvents((request) => {
    // Decided (here or on another console): its alert has nothing left to ask.
    if (request.status !== 'PENDING') {
      seen.add(request.id);
      setAlerts((current) => current.filter((item) => item.id !== request.id));
      return;
    }
    alert(request);
  });
  // The live feed starts once the console has loaded: a request made while it loaded is only in
  // the list. Read it at mount and once more when the feed is surely up.
  const [{ data }, refetch] = useQuery({ query: RecentPendingApprovals, requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = window.setTimeout(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => window.clearTimeout(timer);
  }, [refetch]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new list; `alert` dedupes.
  useEffect(() => {
    const now = Date.now();
    for (const { node } of data?.hitlRequests.edges ?? []) {
      if (now - Date.parse(node.requestedAt) < RECENT_MS) alert(node);
    }
  }, [data]);
  const dismiss = (id: string) => setAlerts((current) => current.filter((alert) => alert.id !== id));
  return (
    <>
      {alerts.map((request) => (
        <Toast.Root
          key={request.id}
          className="toast"
          duration={20_000}
          type="foreground"
          data-testid="approval-toast"
          onOpenChange={(open) => {
            if (!open) dismiss(request.id);
          }}
        >
          <span className="toast-icon">
            <AlertIcon size={18} />
          </span>
          <Toast.Title className="toast-title">Approval requested</Toast.Title>
          <Toast.Description className="toast-description">
            <span className="mono">{request.tool}</span> ({request.risk.toLowerCase()} risk) in run{' '}
            {shortId(request.runId)}, step {request.step}
          </Toast.Description>
          <div className="toast-actions">
            <Toast.Action asChild altText="Review the approval request on the approvals page">
              <Link
                className="btn btn-primary btn-sm"
                to={`/hitl#${request.id}`}
                onClick={() => dismiss(request.id)}
              >
                Review
              </Link>
            </Toast.Action>
            <Toast.Close className="btn btn-ghost btn-sm" aria-label="Dismiss">
              <CloseIcon />
            </Toast.Close>
          </div>
        </Toast.Root>
      ))}
    </>
  );
}
