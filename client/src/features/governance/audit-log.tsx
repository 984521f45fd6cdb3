// The audit log: every privileged action (agents, runs, approvals, policies, users, tokens,
// logins) and safety verdict, newest first, filtered by kind, actor, target and time, paged by
// cursor, and exported whole as CSV or JSON Lines.
import { ToggleGroup } from 'radix-ui';
import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useClient } from 'urql';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { AuditKind, AuditLogFilter } from '../../gql/graphql';
import { formatInteger, humanizeEnum, shortId } from '../../lib/format';
import { Badge, RiskBadge } from '../../ui/badges';
import { CursorPager, useCursorPages } from '../../ui/cursor-pager';
import { DateTime } from '../../ui/date-time';
import { PolicyIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useActorName } from '../auth/use-actor-name';
import { downloadFile } from '../runs/runs-export';
import { auditToCsv, auditToJsonl, fetchAllAuditEntries } from './audit-export';

const AuditLogQuery = graphql(`
  query AuditLog($after: String, $filter: AuditLogFilter) {
    auditLog(first: 25, after: $after, filter: $filter) {
      edges {
        node {
          id
          kind
          recordedAt
          actor
          target
          clientAddress
          userAgent
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
  { kind: 'POLICY_ARCHIVED', label: 'Policy archived' },
  { kind: 'AGENT_CREATED', label: 'Agent created' },
  { kind: 'AGENT_UPDATED', label: 'Agent updated' },
  { kind: 'AGENT_ARCHIVED', label: 'Agent archived' },
  { kind: 'RUN_STARTED', label: 'Run started' },
  { kind: 'RUN_CANCELLED', label: 'Run cancelled' },
  { kind: 'RUN_FORKED', label: 'Run forked' },
  { kind: 'USER_CREATED', label: 'User created' },
  { kind: 'USER_ROLE_CHANGED', label: 'Role changed' },
  { kind: 'USER_DEACTIVATED', label: 'User deactivated' },
  { kind: 'USER_REACTIVATED', label: 'User reactivated' },
  { kind: 'USER_REMOVED', label: 'User removed' },
  { kind: 'API_TOKEN_CREATED', label: 'Token created' },
  { kind: 'API_TOKEN_REVOKED', label: 'Token revoked' },
  { kind: 'LOGIN_SUCCEEDED', label: 'Login' },
  { kind: 'LOGIN_FAILED', label: 'Login failed' },
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
  POLICY_ARCHIVED: 'neutral',
  AGENT_ARCHIVED: 'neutral',
  RUN_CANCELLED: 'warning',
  USER_DEACTIVATED: 'warning',
  USER_REMOVED: 'danger',
  API_TOKEN_REVOKED: 'warning',
  LOGIN_FAILED: 'danger',
  LOGIN_THROTTLED: 'danger',
};

/** The text filters as typed: who, on what, and a day range (local days, `to` inclusive). */
interface TextFilters {
  actor: string;
  target: string;
  from: string;
  to: string;
}

const NO_TEXT_FILTERS: TextFilters = { actor: '', target: '', from: '', to: '' };

/** The API filter of the console's controls; the `to` day is included whole. */
export function auditFilterOf(kinds: readonly AuditKind[], text: TextFilters): AuditLogFilter {
  const filter: AuditLogFilter = {};
  if (kinds.length > 0) filter.kinds = [...kinds];
  if (text.actor.trim()) filter.actor = text.actor.trim();
  if (text.target.trim()) filter.target = text.target.trim();
  if (text.from) filter.from = new Date(`${text.from}T00:00:00`).toISOString();
  if (text.to) {
    const end = new Date(`${text.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filter.to = end.toISOString();
  }
  return filter;
}

export function AuditLog() {
  const actorName = useActorName();
  const [kinds, setKinds] = useState<AuditKind[]>([]);
  const [text, setText] = useState<TextFilters>(NO_TEXT_FILTERS);
  const [draft, setDraft] = useState<TextFilters>(NO_TEXT_FILTERS);
  const pages = useCursorPages();
  const after = pages.after;
  const filter = useMemo(() => auditFilterOf(kinds, text), [kinds, text]);
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: AuditLogQuery,
    variables: { after, filter },
  });
  const entries = data?.auditLog.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.auditLog.pageInfo;
  const filtered = kinds.length > 0 || Object.values(text).some((value) => value !== '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setText(draft);
    pages.reset();
  };
  return (
    <div className="stack">
      <form className="toolbar" aria-label="Filter the audit log" onSubmit={apply}>
        <label className="small">
          Who{' '}
          <input
            className="input"
            placeholder="email or id"
            value={draft.actor}
            onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          />
        </label>
        <label className="small">
          On{' '}
          <input
            className="input"
            placeholder="run:…, user:…, or an id"
            value={draft.target}
            onChange={(event) => setDraft({ ...draft, target: event.target.value })}
          />
        </label>
        <label className="small">
          From{' '}
          <input
            className="input"
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </label>
        <label className="small">
          To{' '}
          <input
            className="input"
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </label>
        <button type="submit" className="btn btn-sm">
          Apply
        </button>
        <AuditExportButtons filter={filter} />
      </form>
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
            {filtered
              ? 'No entry matches these filters.'
              : 'Changes, logins, verdicts and approvals appear as people and runs act.'}
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
                  <th>From</th>
                  <th>Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap small">
                      <DateTime value={entry.recordedAt} />
                    </td>
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
                    <td className="small">
                      {entry.clientAddress ? (
                        <span className="mono" title={entry.userAgent ?? undefined}>
                          {entry.clientAddress}
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="small" style={{ maxWidth: 360 }}>
                      {entry.target && !entry.runId ? <div className="mono">{entry.target}</div> : null}
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

function AuditExportButtons({ filter }: { filter: AuditLogFilter }) {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; fetched: number; message: string | null }>({
    busy: false,
    fetched: 0,
    message: null,
  });
  const run = async (format: 'csv' | 'jsonl') => {
    setState({ busy: true, fetched: 0, message: null });
    try {
      const { entries, truncated } = await fetchAllAuditEntries(client, filter, (fetched) =>
        setState((current) => ({ ...current, fetched })),
      );
      const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
      if (format === 'csv') downloadFile(`audit-${stamp}.csv`, 'text/csv', auditToCsv(entries));
      else downloadFile(`audit-${stamp}.jsonl`, 'application/x-ndjson', auditToJsonl(entries));
      setState({
        busy: false,
        fetched: entries.length,
        message: `Exported ${formatInteger(entries.length)} entries${truncated ? ' (the most one export holds: narrow the filter for the rest)' : ''}.`,
      });
    } catch (error) {
      setState({ busy: false, fetched: 0, message: `Export failed: ${(error as Error).message}` });
    }
  };
  return (
    <>
      <button type="button" className="btn btn-sm" disabled={state.busy} onClick={() => run('csv')}>
        Export CSV
      </button>
      <button type="button" className="btn btn-sm" disabled={state.busy} onClick={() => run('jsonl')}>
        Export JSONL
      </button>
      <span className="muted small" role="status" aria-label="Audit export">
        {state.busy ? `Fetching… ${formatInteger(state.fetched)} entries` : (state.message ?? '')}
      </span>
    </>
  );
}
