// The audit log: every safety verdict, approval event and policy change, newest first, filtered
// by kind, paged by cursor.
import { ToggleGroup } from 'radix-ui';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { AuditKind } from '../../gql/graphql';
import { formatDateTime, humanizeEnum, shortId } from '../../lib/format';
import { Badge, RiskBadge } from '../../ui/badges';
import { CursorPager, useCursorPages } from '../../ui/cursor-pager';
import { PolicyIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useActorName } from '../auth/use-actor-name';

const AuditLogQuery = graphql(`
  query AuditLog($after: String, $kinds: [AuditKind!]) {
    auditLog(first: 25, after: $after, kinds: $kinds) {
      edges {
        node {
          id
          kind
          recordedAt
          actor
          runId
          step
          tool
          risk
          decision
          reasons
          policyId
          policyVersion
          comment
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const KINDS: { kind: AuditKind; label: string }[] = [
  { kind: 'SAFETY_EVALUATED', label: 'Safety verdicts' },
  { kind: 'APPROVAL_REQUESTED', label: 'Requested' },
  { kind: 'APPROVAL_GRANTED', label: 'Approved' },
  { kind: 'APPROVAL_REJECTED', label: 'Rejected' },
  { kind: 'APPROVAL_EXPIRED', label: 'Expired' },
  { kind: 'APPROVAL_ESCALATED', label: 'Escalated' },
  { kind: 'POLICY_CREATED', label: 'Policy created' },
  { kind: 'POLICY_UPDATED', label: 'Policy updated' },
  { kind: 'LOGIN_THROTTLED', label: 'Login back-off' },
];

const KIND_TONE: Partial<
  Record<AuditKind, 'success' | 'danger' | 'warning' | 'info' | 'primary' | 'neutral'>
> = {
  SAFETY_EVALUATED: 'info',
  APPROVAL_REQUESTED: 'warning',
  APPROVAL_GRANTED: 'success',
  APPROVAL_REJECTED: 'danger',
  APPROVAL_EXPIRED: 'neutral',
  APPROVAL_ESCALATED: 'warning',
  POLICY_CREATED: 'primary',
  POLICY_UPDATED: 'primary',
  LOGIN_THROTTLED: 'danger',
};

export function AuditLog() {
  const actorName = useActorName();
  const [kinds, setKinds] = useState<AuditKind[]>([]);
  const pages = useCursorPages();
  const after = pages.after;
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: AuditLogQuery,
    variables: { after, kinds: kinds.length > 0 ? kinds : null },
  });
  const entries = data?.auditLog.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.auditLog.pageInfo;
  return (
    <div className="stack">
      <ToggleGroup.Root
        type="multiple"
        className="chip-toggles"
        value={kinds}
        aria-label="Show only these kinds"
        onValueChange={(value) => {
          setKinds(value as AuditKind[]);
          pages.reset();
        }}
      >
        {KINDS.map(({ kind, label }) => (
          <ToggleGroup.Item key={kind} value={kind} className="chip-toggle">
            {label}
          </ToggleGroup.Item>
        ))}
      </ToggleGroup.Root>
      <div className="card">
        {error && !data ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : null}
        {fetching && !data ? <LoadingState label="Loading the audit log…" /> : null}
        {data && entries.length === 0 ? (
          <EmptyState title="Nothing recorded" icon={<PolicyIcon size={20} />}>
            {kinds.length > 0
              ? 'No entry of these kinds.'
              : 'Verdicts and approvals appear as runs ask for tools.'}
          </EmptyState>
        ) : null}
        {entries.length > 0 ? (
          <div className="table-wrap">
            <table className="table" aria-label="Audit log">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Event</th>
                  <th>Tool</th>
                  <th>Risk</th>
                  <th>Decision</th>
                  <th>By</th>
                  <th>Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap small">{formatDateTime(entry.recordedAt)}</td>
                    <td>
                      <Badge tone={KIND_TONE[entry.kind] ?? 'neutral'}>
                        {KINDS.find((item) => item.kind === entry.kind)?.label ?? humanizeEnum(entry.kind)}
                      </Badge>
                    </td>
                    <td>
                      {entry.tool ? (
                        <span className="chip">{entry.tool}</span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                      {entry.runId ? (
                        <div className="cell-sub">
                          <Link to={`/runs/${entry.runId}`}>run {shortId(entry.runId)}</Link>
                          {entry.step != null ? ` · step ${entry.step}` : ''}
                        </div>
                      ) : null}
                    </td>
                    <td>{entry.risk ? <RiskBadge risk={entry.risk} /> : <span className="muted">—</span>}</td>
                    <td className="small">{entry.decision ? humanizeEnum(entry.decision) : '—'}</td>
                    <td className="small">
                      {entry.actor ? actorName(entry.actor) : <span className="muted">system</span>}
                    </td>
                    <td className="small" style={{ maxWidth: 360 }}>
                      {entry.reasons.length > 0 ? <div>{entry.reasons.join(' ')}</div> : null}
                      {entry.comment ? <div className="hitl-comment">“{entry.comment}”</div> : null}
                      {entry.policyId ? (
                        <div className="muted">
                          Policy {shortId(entry.policyId)}
                          {entry.policyVersion != null ? ` v${entry.policyVersion}` : ''}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <CursorPager pages={pages} pageInfo={pageInfo} showPageNumber />
      </div>
    </div>
  );
}
