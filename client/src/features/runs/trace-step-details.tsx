// The expanded part of a trace row: everything recorded for one step.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatCompact, formatCost, formatDuration, humanizeEnum, shortId } from '../../lib/format';
import { diffReadable } from '../../lib/json-diff';
import { RiskBadge } from '../../ui/badges';
import { DateTime } from '../../ui/date-time';
import { DiffView, JsonView } from '../../ui/json-view';
import { useActorName } from '../auth/use-actor-name';
import { StepAnnotations } from './step-annotations';
import type { ApprovalView, TraceStep } from './trace-types';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="trace-section">
      <h4 className="trace-section-title">{title}</h4>
      {children}
    </section>
  );
}

export function TraceStepDetails({
  step,
  runId,
}: {
  step: TraceStep;
  /** The run the step belongs to: with it, the step's feedback and a form to add some are shown. */
  runId?: string;
}) {
  return (
    <div className="trace-details">
      {step.thought ? (
        <Section title="Thought">
          <p className="trace-thought">{step.thought}</p>
        </Section>
      ) : null}
      {step.tool ? (
        <Section title={`Action: ${step.tool}`}>
          <JsonView value={step.params ?? {}} label="Parameters" maxHeight={260} />
        </Section>
      ) : null}
      {step.finish ? (
        <Section title="Final answer">
          <FinishOutput output={step.finish.output} />
        </Section>
      ) : null}
      {step.rejections.length > 0 ? (
        <Section title="Unusable model answers">
          <ul className="trace-list">
            {step.rejections.map((rejection, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rejections only grow, in order.
              <li key={index}>
                <strong>{humanizeEnum(rejection.problem)}</strong>: {rejection.detail}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {step.failures.length > 0 ? (
        <Section title="Model errors">
          <ul className="trace-list">
            {step.failures.map((failure) => (
              <li key={failure.attempt}>
                Attempt {failure.attempt}: {failure.message}
                {failure.code ? <span className="mono muted"> ({failure.code})</span> : null}
                {failure.retryable ? ' — retried' : ' — not retryable'}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {step.safety ? (
        <Section title="Safety decision">
          <div className="row-wrap" style={{ marginBottom: 6 }}>
            <RiskBadge risk={step.safety.risk} />
            <span className="trace-decision">{humanizeEnum(step.safety.decision)}</span>
            <span className="muted small">
              {step.safety.policyId
                ? `Policy ${shortId(step.safety.policyId)} v${step.safety.policyVersion}`
                : 'Tool default risk (no policy rule matched)'}
            </span>
          </div>
          <ul className="trace-list">
            {step.safety.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      {step.approval ? (
        <Section title="Approval">
          <ApprovalDetails approval={step.approval} />
        </Section>
      ) : null}
      {step.toolCalls.map((call) => (
        <Section key={call.callId} title={call.status === 'failed' ? 'Tool error' : 'Tool result'}>
          <div className="muted small" style={{ marginBottom: 6 }}>
            {humanizeEnum(call.status)}
            {call.durationMs != null ? ` in ${formatDuration(call.durationMs)}` : ''}
            {call.idempotent ? ' · idempotent' : ' · not idempotent'}
            {call.truncatedBytes ? ` · truncated from ${formatCompact(call.truncatedBytes)} bytes` : ''}
          </div>
          {call.status === 'succeeded' ? (
            <JsonView value={call.result} label="Result" maxHeight={300} />
          ) : null}
          {call.error ? (
            <div className="callout callout-danger">
              {call.error.message}
              {call.error.code ? <span className="mono"> ({call.error.code})</span> : null}
            </div>
          ) : null}
          {call.status === 'outcome_unknown' ? (
            <div className="callout callout-warning">
              The process stopped while this non-idempotent tool ran: whether it took effect is unknown.
            </div>
          ) : null}
        </Section>
      ))}
      <Section title="Usage">
        <dl className="kv small">
          <dt>Model</dt>
          <dd className="mono">{step.model ?? '—'}</dd>
          <dt>Tokens</dt>
          <dd>
            {formatCompact(step.tokens.input)} in · {formatCompact(step.tokens.output)} out
            {step.tokens.cached ? ` · ${formatCompact(step.tokens.cached)} cached` : ''}
            {step.tokens.reasoning ? ` · ${formatCompact(step.tokens.reasoning)} reasoning` : ''}
          </dd>
          <dt>Cost</dt>
          <dd>{formatCost(step.costUsd)}</dd>
          <dt>Model latency</dt>
          <dd>{formatDuration(step.llmLatencyMs)}</dd>
          <dt>Revisions</dt>
          <dd>
            {step.firstRevision}–{step.lastRevision}
          </dd>
        </dl>
      </Section>
      {runId ? (
        <Section title="Feedback">
          <StepAnnotations runId={runId} step={step.step} />
        </Section>
      ) : null}
    </div>
  );
}

function ApprovalDetails({ approval }: { approval: ApprovalView }) {
  const actorName = useActorName();
  return (
    <div className="stack-sm">
      <div className="small">
        Requested <DateTime value={approval.requestedAt} />, deadline <DateTime value={approval.expiresAt} />{' '}
        (on expiry: {approval.onExpiry})
        {approval.escalated ? ` · escalated${approval.escalatedTo ? ` to ${approval.escalatedTo}` : ''}` : ''}
      </div>
      {approval.status === 'requested' ? (
        <div>
          Waiting for a decision. <Link to={`/hitl#${approval.approvalId}`}>Review it</Link>
        </div>
      ) : null}
      {approval.status === 'approved' ? (
        <div>
          <strong>Approved</strong> by {actorName(approval.by)}
          {approval.decidedAt ? (
            <>
              {' at '}
              <DateTime value={approval.decidedAt} />
            </>
          ) : null}
          {approval.comment ? `: “${approval.comment}”` : ''}
        </div>
      ) : null}
      {approval.status === 'rejected' ? (
        <div>
          <strong>Rejected</strong> by {actorName(approval.by)}
          {approval.comment ? `: “${approval.comment}”` : ' (no comment)'}
        </div>
      ) : null}
      {approval.status === 'expired' ? (
        <div>
          <strong>Expired</strong>: the deadline passed and “{approval.expiryAction}” was applied.
        </div>
      ) : null}
      {approval.editedParams ? (
        <>
          <div className="small muted">Parameters edited by the approver:</div>
          <DiffView lines={diffReadable(approval.params, approval.editedParams)} label="Edited parameters" />
        </>
      ) : null}
    </div>
  );
}

function FinishOutput({ output }: { output: unknown }) {
  if (typeof output === 'string') return <p className="trace-thought">{output}</p>;
  const answer = (output as { answer?: unknown } | null)?.answer;
  if (typeof answer === 'string') return <p className="trace-thought">{answer}</p>;
  return <JsonView value={output} label="Output" />;
}
