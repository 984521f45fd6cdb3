// The dashboard's pending approvals: the oldest deadline first, one click to review.
import { Link } from 'react-router-dom';
import type { HitlCardFieldsFragment } from '../../gql/graphql';
import { RiskBadge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { ApprovalIcon } from '../../ui/icons';
import { EmptyState } from '../../ui/states';

export function PendingApprovalsPanel({ requests }: { requests: readonly HitlCardFieldsFragment[] }) {
  if (requests.length === 0) {
    return (
      <EmptyState title="No approvals waiting" icon={<ApprovalIcon size={18} />}>
        Risky tool calls wait here for a human.
      </EmptyState>
    );
  }
  const byDeadline = [...requests].sort((a, b) => (a.expiresAt ?? '').localeCompare(b.expiresAt ?? ''));
  return (
    <ul className="pending-list" aria-label="Pending approvals">
      {byDeadline.map((request) => (
        <li key={request.id} className="pending-item">
          <div style={{ minWidth: 0, flex: 1 }}>
            <div className="row">
              <span className="mono" style={{ fontWeight: 600 }}>
                {request.tool}
              </span>
              <RiskBadge risk={request.risk} />
            </div>
            <div className="small muted truncate">
              <Link to={`/runs/${request.runId}`}>{request.run?.goal ?? 'Run'}</Link> · step {request.step}
            </div>
          </div>
          {request.expiresAt ? <Countdown deadline={request.expiresAt} prefix="" /> : null}
          <Link className="btn btn-sm" to={`/hitl#${request.id}`}>
            Review
          </Link>
        </li>
      ))}
    </ul>
  );
}
