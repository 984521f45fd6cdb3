// The tamper-evident log on the governance page: the last verification (from any process, the CLI
// included) and a button that runs one now over every stream. Admins only: the server refuses others.
import { useState } from 'react';
import { type CombinedError, useClient, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AuditVerificationFieldsFragment } from '../../gql/graphql';
import { formatDateTime, formatDuration, formatInteger } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { Callout, ErrorState } from '../../ui/states';

graphql(`
  fragment AuditVerificationFields on AuditVerification {
    ok
    eventsChecked
    brokenAt {
      stream
      revision
      reason
    }
    runId
    verifiedAt
    durationMs
    verifiedBy
  }
`);

const LastAuditVerification = graphql(`
  query LastAuditVerification {
    lastAuditVerification {
      ...AuditVerificationFields
    }
  }
`);

const VerifyAuditChain = graphql(`
  query VerifyAuditChain {
    verifyAuditChain {
      ...AuditVerificationFields
    }
  }
`);

function VerificationSummary({ verification }: { verification: AuditVerificationFieldsFragment }) {
  const scope = verification.runId ? `run ${verification.runId}` : 'every stream';
  return (
    <div className="stack-sm" data-testid="audit-chain-last">
      <div className="row">
        {verification.ok ? <Badge tone="success">Intact</Badge> : <Badge tone="danger">Broken</Badge>}
        <span className="small muted">
          {formatInteger(verification.eventsChecked)} events of {scope} checked{' '}
          {formatDateTime(verification.verifiedAt)} by {verification.verifiedBy} in{' '}
          {formatDuration(verification.durationMs)}
        </span>
      </div>
      {verification.brokenAt ? (
        <Callout tone="danger" role="alert" title="The log does not match its hash chain">
          Stream <code>{verification.brokenAt.stream}</code> at revision {verification.brokenAt.revision}:{' '}
          {verification.brokenAt.reason}
        </Callout>
      ) : null}
    </div>
  );
}

export function AuditChainCard() {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({
    query: LastAuditVerification,
    requestPolicy: 'network-only',
  });
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const verify = async () => {
    setRunning(true);
    setFailure(null);
    const result = await client.query(VerifyAuditChain, {}, { requestPolicy: 'network-only' }).toPromise();
    setRunning(false);
    if (result.error) setFailure(result.error);
    refetch({ requestPolicy: 'network-only' });
  };
  const last = data?.lastAuditVerification ?? null;
  return (
    <section className="card" aria-labelledby="audit-chain-title">
      <div className="card-header">
        <h2 id="audit-chain-title">Tamper-evident log</h2>
        <button type="button" className="btn btn-sm" disabled={running} onClick={() => void verify()}>
          {running ? 'Verifying…' : 'Verify now'}
        </button>
      </div>
      <div className="card-body stack-sm">
        <p className="muted small">
          Every event carries a hash chained to the previous one of its stream; anchors record each stream's
          head. Verifying recomputes the chains and names the first event changed or deleted.
        </p>
        {failure ? <ErrorState error={failure} title="Verification failed" /> : null}
        {error && !data ? <ErrorState error={error} /> : null}
        {last ? (
          <VerificationSummary verification={last} />
        ) : data ? (
          <p className="small muted">Not verified yet.</p>
        ) : null}
      </div>
    </section>
  );
}
