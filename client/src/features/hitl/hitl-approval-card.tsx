// HITLApprovalCard: one tool call waiting for a human (or decided by one). Approve, edit and
// approve, or reject; a CONFLICT means another operator decided first.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type CombinedError, useMutation } from 'urql';
import { describeError, ErrorCode, hasErrorCode } from '../../api/graphql-errors';
import type { HitlCardFieldsFragment } from '../../gql/graphql';
import { shortId } from '../../lib/format';
import { diffReadable } from '../../lib/json-diff';
import { HitlStatusBadge, RiskBadge } from '../../ui/badges';
import { Countdown } from '../../ui/countdown';
import { DateTime } from '../../ui/date-time';
import { AlertIcon, CheckIcon, CloseIcon, EditIcon } from '../../ui/icons';
import { DiffView } from '../../ui/json-view';
import { Callout } from '../../ui/states';
import { useActorName } from '../auth/use-actor-name';
import { usePermissions } from '../auth/viewer';
import { EditApproveDialog } from './edit-approve-dialog';
import { ApproveHitlRequest, RejectHitlRequest } from './hitl-fragments';
import { ParamList } from './param-list';
import { RejectDialog } from './reject-dialog';

function messageOf(error: CombinedError | undefined): string | null {
  if (!error) return null;
  if (hasErrorCode(error, ErrorCode.Conflict)) {
    return `Someone else decided this request first. ${describeError(error)}`;
  }
  return describeError(error);
}

export function HITLApprovalCard({
  request,
  highlighted = false,
  showRun = true,
}: {
  request: HitlCardFieldsFragment;
  highlighted?: boolean;
  showRun?: boolean;
}) {
  const can = usePermissions();
  const [approveState, approve] = useMutation(ApproveHitlRequest);
  const [rejectState, reject] = useMutation(RejectHitlRequest);
  const [dialog, setDialog] = useState<'edit' | 'reject' | null>(null);
  const pending = request.status === 'PENDING';
  const decidable = pending && !request.runEnded && can.approve;
  const busy = approveState.fetching || rejectState.fetching;
  const titleId = `hitl-${request.id}-title`;
  const error = messageOf(approveState.error ?? rejectState.error);

  const approveWith = async (editedParams?: Record<string, unknown>, comment?: string) => {
    const result = await approve({
      id: request.id,
      ...(editedParams ? { editedParams } : {}),
      ...(comment ? { comment } : {}),
    });
    if (!result.error) setDialog(null);
  };

  return (
    <article
      id={request.id}
      className={highlighted ? 'card hitl-card hitl-card-highlight' : 'card hitl-card'}
      aria-labelledby={titleId}
      data-testid="hitl-card"
      data-status={request.status}
    >
      <header className="hitl-card-header">
        <div className="hitl-card-title">
          <h3 id={titleId} className="mono">
            {request.tool}
          </h3>
          <RiskBadge risk={request.risk} />
          <HitlStatusBadge status={request.status} />
          {request.escalated ? (
            <span className="badge badge-critical">
              Escalated{request.escalatedTo ? ` to ${request.escalatedTo}` : ''}
            </span>
          ) : null}
        </div>
        {pending && request.expiresAt ? <Countdown deadline={request.expiresAt} /> : null}
      </header>
      {showRun ? (
        <div className="hitl-card-context">
          <Link to={`/runs/${request.runId}`}>{request.run?.goal ?? `Run ${shortId(request.runId)}`}</Link>
          <span aria-hidden="true">·</span>
          <span>Step {request.step}</span>
          {request.run?.agent ? (
            <>
              <span aria-hidden="true">·</span>
              <Link to={`/agents/${request.run.agent.id}`}>{request.run.agent.name}</Link>
            </>
          ) : null}
          <span aria-hidden="true">·</span>
          <span>
            Requested <DateTime value={request.requestedAt} />
          </span>
        </div>
      ) : null}
      <div className="hitl-card-body">
        {request.reasons.length > 0 ? (
          <ul className="hitl-reasons" aria-label="Why approval is needed">
            {request.reasons.map((reason) => (
              <li key={reason}>
                <AlertIcon size={14} />
                {reason}
              </li>
            ))}
          </ul>
        ) : null}
        <ParamList tool={request.tool} params={request.params} label="Proposed parameters" />
        {!pending ? <Decision request={request} /> : null}
        {pending && request.runEnded ? (
          <Callout tone="warning">The run ended while this was pending: it can no longer be decided.</Callout>
        ) : null}
        {error && dialog === null ? (
          <Callout tone="danger" role="alert">
            {error}
          </Callout>
        ) : null}
      </div>
      {decidable ? (
        <footer className="card-footer hitl-card-actions">
          <span className="muted small">On expiry: {request.onExpiry}</span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={busy}
            onClick={() => setDialog('reject')}
            data-testid="hitl-reject"
          >
            <CloseIcon size={14} />
            Reject
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => setDialog('edit')}
            data-testid="hitl-edit-approve"
          >
            <EditIcon size={14} />
            Edit and approve
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => approveWith()}
            data-testid="hitl-approve"
          >
            <CheckIcon size={14} />
            {approveState.fetching && dialog === null ? 'Approving…' : 'Approve'}
          </button>
        </footer>
      ) : null}
      {dialog === 'edit' ? (
        <EditApproveDialog
          open
          onOpenChange={(open) => setDialog(open ? 'edit' : null)}
          tool={request.tool}
          params={request.params}
          busy={approveState.fetching}
          error={messageOf(approveState.error)}
          onConfirm={(edited, comment) => approveWith(edited, comment)}
        />
      ) : null}
      {dialog === 'reject' ? (
        <RejectDialog
          open
          onOpenChange={(open) => setDialog(open ? 'reject' : null)}
          tool={request.tool}
          busy={rejectState.fetching}
          error={messageOf(rejectState.error)}
          onConfirm={async (comment) => {
            const result = await reject({
              id: request.id,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            });
            if (!result.error) setDialog(null);
          }}
        />
      ) : null}
    </article>
  );
}

function Decision({ request }: { request: HitlCardFieldsFragment }) {
  const actorName = useActorName();
  const when = request.decidedAt ? (
    <>
      {' · '}
      <DateTime value={request.decidedAt} />
    </>
  ) : null;
  const by = request.decidedBy ? actorName(request.decidedBy) : 'the deadline';
  return (
    <div className="hitl-decision" data-testid="hitl-decision">
      {request.status === 'APPROVED' ? (
        <div>
          <strong>Approved</strong> by {by}
          {when}
        </div>
      ) : null}
      {request.status === 'REJECTED' ? (
        <div>
          <strong>Rejected</strong> by {by}
          {when}
        </div>
      ) : null}
      {request.status === 'EXPIRED' ? (
        <div>
          <strong>Expired</strong>
          {when} — on expiry: {request.onExpiry}
        </div>
      ) : null}
      {request.comment ? <div className="hitl-comment">“{request.comment}”</div> : null}
      {request.editedParams ? (
        <>
          <div className="small muted">Approved with edited parameters:</div>
          <DiffView lines={diffReadable(request.params, request.editedParams)} label="Edited parameters" />
        </>
      ) : null}
    </div>
  );
}
