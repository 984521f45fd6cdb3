// /maestro/hitl: approvals. Pending first; decided ones in their own tab. Live on every console.
import { Tabs } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useThrottled } from '../api/use-live';
import { useStickyQuery } from '../api/use-sticky-query';
import { HITLApprovalCard } from '../features/hitl/hitl-approval-card';
import { useHitlEvents } from '../features/hitl/hitl-live';
import { cardsOnScreen, emptyPendingOnScreen, withLiveRequest } from '../features/hitl/pending-on-screen';
import { graphql } from '../gql';
import type { HitlCardFieldsFragment } from '../gql/graphql';
import { ApprovalIcon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';

const HitlRequests = graphql(`
  query HitlRequests($status: HitlStatus, $first: Int!) {
    hitlRequests(status: $status, first: $first) {
      edges {
        node {
          ...HitlCardFields
        }
      }
    }
  }
`);

export function HitlPage() {
  const location = useLocation();
  const focusId = location.hash.replace(/^#/, '') || null;
  const [tab, setTab] = useState('pending');
  const [pendingResult, refetchPending] = useStickyQuery({
    query: HitlRequests,
    variables: { status: 'PENDING', first: 100 },
  });
  const [allResult, refetchAll] = useStickyQuery({
    query: HitlRequests,
    variables: { first: 100 },
    pause: tab !== 'decided',
  });
  const refresh = useThrottled(() => {
    refetchPending({ requestPolicy: 'network-only' });
    if (tab === 'decided') refetchAll({ requestPolicy: 'network-only' });
  }, 500);
  // Requests decided while on screen stay, with their decision (pending-on-screen.ts).
  const [onScreen, setOnScreen] = useState(emptyPendingOnScreen<HitlCardFieldsFragment>);
  const order = useRef<readonly string[]>([]);
  useHitlEvents((request) => {
    setOnScreen((current) => withLiveRequest({ ...current, order: order.current }, request));
    refresh();
  });

  const listed = pendingResult.data?.hitlRequests.edges.map((edge) => edge.node) ?? [];
  const shown = cardsOnScreen({ ...onScreen, order: order.current }, listed);
  order.current = shown.order;
  const pending = shown.cards;
  const pendingCount = pending.filter((request) => request.status === 'PENDING').length;
  const decided =
    allResult.data?.hitlRequests.edges
      .map((edge) => edge.node)
      .filter((request) => request.status !== 'PENDING') ?? [];

  // Arriving from an alert's "Review" link: bring that card into view.
  useEffect(() => {
    if (!focusId || pending.length === 0) return;
    document.getElementById(focusId)?.scrollIntoView({ block: 'center' });
  }, [focusId, pending.length]);

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Tool calls that a policy judged risky wait here for a human decision."
      />
      <Tabs.Root value={tab} onValueChange={setTab}>
        <Tabs.List className="tabs-list" aria-label="Approval requests">
          <Tabs.Trigger value="pending" className="tabs-trigger">
            Pending
            <span className="tabs-count">{pendingCount}</span>
          </Tabs.Trigger>
          <Tabs.Trigger value="decided" className="tabs-trigger">
            Decided
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="pending">
          {pendingResult.error && !pendingResult.data ? (
            <ErrorState
              error={pendingResult.error}
              onRetry={() => refetchPending({ requestPolicy: 'network-only' })}
            />
          ) : null}
          {pendingResult.fetching && !pendingResult.data ? <LoadingState label="Loading approvals…" /> : null}
          {pendingResult.data && pending.length === 0 ? (
            <div className="card">
              <EmptyState title="Nothing waits for you" icon={<ApprovalIcon size={20} />}>
                New requests appear here, and as an alert on every page, the moment an agent asks.
              </EmptyState>
            </div>
          ) : null}
          <div className="hitl-list">
            {pending.map((request) => (
              <HITLApprovalCard key={request.id} request={request} highlighted={request.id === focusId} />
            ))}
          </div>
        </Tabs.Content>
        <Tabs.Content value="decided">
          {allResult.error && !allResult.data ? (
            <ErrorState
              error={allResult.error}
              onRetry={() => refetchAll({ requestPolicy: 'network-only' })}
            />
          ) : null}
          {allResult.fetching && !allResult.data ? <LoadingState label="Loading decisions…" /> : null}
          {allResult.data && decided.length === 0 ? (
            <div className="card">
              <EmptyState title="No decisions yet" icon={<ApprovalIcon size={20} />}>
                Approved, rejected and expired requests are listed here.
              </EmptyState>
            </div>
          ) : null}
          <div className="hitl-list">
            {decided.map((request) => (
              <HITLApprovalCard key={request.id} request={request} />
            ))}
          </div>
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
