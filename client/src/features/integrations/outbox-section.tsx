// The outbox: every email send_email delivered (or kept, in outbox mode), newest first.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import { shortId } from '../../lib/format';
import { CursorPager, useCursorPages } from '../../ui/cursor-pager';
import { DateTime } from '../../ui/date-time';
import { ChevronRightIcon, MailIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';

const Outbox = graphql(`
  query Outbox($after: String) {
    outbox(first: 20, after: $after) {
      edges {
        node {
          id
          subject
          to
          body
          createdAt
          runId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function OutboxSection() {
  const pages = useCursorPages();
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: Outbox,
    variables: { after: pages.after },
  });
  const [open, setOpen] = useState<string | null>(null);
  const messages = data?.outbox.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.outbox.pageInfo;
  return (
    <section className="card" id="outbox" aria-labelledby="outbox-title" data-testid="outbox">
      <div className="card-header">
        <h2 id="outbox-title">Outbox</h2>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => refetch({ requestPolicy: 'network-only' })}
        >
          Refresh
        </button>
      </div>
      {error && !data ? <ErrorState error={error} /> : null}
      {fetching && !data ? <LoadingState /> : null}
      {data && messages.length === 0 ? (
        <EmptyState title="No email sent yet" icon={<MailIcon size={18} />}>
          Emails that agents send with send_email, once approved, appear here.
        </EmptyState>
      ) : null}
      <ul className="outbox-list" aria-label="Sent emails">
        {messages.map((message) => {
          const expanded = open === message.id;
          return (
            <li key={message.id} className="outbox-item" data-testid="outbox-message">
              <button
                type="button"
                className="outbox-summary"
                aria-expanded={expanded}
                onClick={() => setOpen(expanded ? null : message.id)}
              >
                <span
                  className="trace-chevron"
                  aria-hidden="true"
                  style={expanded ? { transform: 'rotate(90deg)' } : undefined}
                >
                  <ChevronRightIcon size={14} />
                </span>
                <span style={{ minWidth: 0, flex: 1 }}>
                  <span className="outbox-subject">{message.subject}</span>
                  <span className="outbox-to">To: {message.to.join(', ')}</span>
                </span>
                <span className="small muted nowrap">
                  <DateTime value={message.createdAt} />
                </span>
              </button>
              <div className={expanded ? 'outbox-body' : 'outbox-body outbox-body-collapsed'}>
                <pre className="prose-pre">{message.body}</pre>
                {message.runId ? (
                  <div className="small" style={{ marginTop: 8 }}>
                    Sent by <Link to={`/runs/${message.runId}`}>run {shortId(message.runId)}</Link>
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      <CursorPager pages={pages} pageInfo={pageInfo} />
    </section>
  );
}
