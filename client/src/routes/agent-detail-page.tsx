// /maestro/agents/:id: an agent's configuration, its runs (live), its versions (diff, rollback), edit,
// archive, "Run agent".
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useMutation } from 'urql';
import { describeError } from '../api/graphql-errors';
import { useStickyQuery } from '../api/use-sticky-query';
import { EditAgentDialog } from '../features/agents/agent-editor-dialog';
import { agentToForm } from '../features/agents/agent-form-values';
import { AgentVersionHistory } from '../features/agents/agent-versions';
import { RunAgentDialog } from '../features/agents/run-agent-dialog';
import { usePermissions } from '../features/auth/viewer';
import { RunsList } from '../features/runs/runs-list';
import { graphql } from '../gql';
import type { AgentDetailFieldsFragment } from '../gql/graphql';
import { formatCost, formatDuration, formatInteger, humanizeEnum, providerName } from '../lib/format';
import { Badge } from '../ui/badges';
import { DateTime } from '../ui/date-time';
import { ConfirmDialog } from '../ui/dialog';
import { ArchiveIcon, CheckIcon, EditIcon, PlayIcon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { Callout, EmptyState, ErrorState, LoadingState } from '../ui/states';

const AgentDetail = graphql(`
  query AgentDetail($id: ID!) {
    agent(id: $id) {
      ...AgentDetailFields
    }
  }
`);

const ArchiveAgent = graphql(`
  mutation ArchiveAgent($id: ID!) {
    archiveAgent(id: $id) {
      ...AgentDetailFields
    }
  }
`);

type ApprovalOverride = NonNullable<AgentDetailFieldsFragment['approval']>;

/** The agent's override of its policies' approval settings, in one line ("wait 10 min, then escalate to …"). */
function describeApproval(approval: ApprovalOverride): string {
  const parts: string[] = [];
  if (approval.timeoutMs != null) parts.push(`wait ${formatDuration(approval.timeoutMs)}`);
  if (approval.onExpiry) parts.push(`then ${approval.onExpiry.toLowerCase()}`);
  const target = approval.escalateTo;
  if (target?.role) parts.push(`escalate to ${target.role}s`);
  if (target?.users?.length) parts.push(`escalate to ${target.users.join(', ')}`);
  return parts.join(', ');
}

export function AgentDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const can = usePermissions();
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: AgentDetail, variables: { id } });
  const [archiveState, archiveAgent] = useMutation(ArchiveAgent);
  const [dialog, setDialog] = useState<'run' | 'edit' | 'archive' | null>(null);

  if (error && !data)
    return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingState label="Loading the agent…" />;
  const agent = data?.agent;
  if (!agent) {
    return (
      <>
        <PageHeader title="Agent not found" />
        <div className="card">
          <EmptyState title="No agent has this id" action={<Link to="/agents">All agents</Link>}>
            <span className="mono">{id}</span>
          </EmptyState>
        </div>
      </>
    );
  }
  const archived = agent.status === 'ARCHIVED';
  const budget = agent.budget;
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/agents">Agents</Link>
            <span aria-hidden="true">/</span>
            <span>{agent.name}</span>
          </>
        }
        title={agent.name}
        description={agent.purpose}
        actions={
          <>
            {can.configure && !archived ? (
              <>
                <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('archive')}>
                  <ArchiveIcon />
                  Archive
                </button>
                <button type="button" className="btn" onClick={() => setDialog('edit')}>
                  <EditIcon />
                  Edit
                </button>
              </>
            ) : null}
            {can.startRun && !archived ? (
              <button type="button" className="btn btn-primary" onClick={() => setDialog('run')}>
                <PlayIcon size={14} />
                Run agent
              </button>
            ) : null}
          </>
        }
      />
      <div className="stack">
        {flash ? (
          <Callout tone="success" role="status" icon={<CheckIcon size={18} />}>
            {flash}
          </Callout>
        ) : null}
        {archived ? (
          <Callout tone="warning" title="Archived">
            This agent starts no new runs. Its history stays.
          </Callout>
        ) : null}
        {archiveState.error ? <ErrorState error={archiveState.error} title="Could not archive" /> : null}
        <div className="detail-grid">
          <section className="card" aria-labelledby="agent-runs-title">
            <div className="card-header">
              <h2 id="agent-runs-title">Runs</h2>
              <span className="muted small">Newest first</span>
            </div>
            <RunsList
              filter={{ agentId: agent.id }}
              showAgent={false}
              label={`Runs of ${agent.name}`}
              emptyText="Start one with “Run agent”: its trace streams in live."
            />
          </section>
          <div className="stack">
            <section className="card" aria-labelledby="agent-config-title">
              <div className="card-header">
                <h2 id="agent-config-title">Configuration</h2>
                <Badge tone={archived ? 'neutral' : 'success'} dot>
                  {humanizeEnum(agent.status)}
                </Badge>
              </div>
              <div className="card-body">
                <dl className="kv">
                  <dt>Version</dt>
                  <dd>v{agent.version}</dd>
                  <dt>Provider</dt>
                  <dd>
                    {providerName(agent.llmProvider)}
                    {agent.llmEndpoint ? (
                      <span className="muted">
                        {' '}
                        · endpoint <span className="mono">{agent.llmEndpoint}</span>
                      </span>
                    ) : null}
                  </dd>
                  <dt>Model</dt>
                  <dd className="mono">{agent.llmModel}</dd>
                  <dt>Temperature</dt>
                  <dd>{agent.temperature ?? 'Provider default'}</dd>
                  <dt>Tools</dt>
                  <dd>
                    <div className="row-wrap">
                      {agent.tools.length === 0 ? <span className="muted">None</span> : null}
                      {agent.tools.map((tool) => (
                        <span key={tool} className="chip">
                          {tool}
                        </span>
                      ))}
                    </div>
                  </dd>
                  <dt>Max steps</dt>
                  <dd>{budget.maxSteps ?? 'No limit'}</dd>
                  <dt>Max tokens</dt>
                  <dd>{budget.maxTokens == null ? 'No limit' : formatInteger(budget.maxTokens)}</dd>
                  <dt>Max cost</dt>
                  <dd>{budget.maxCostUsd == null ? 'No limit' : formatCost(budget.maxCostUsd)}</dd>
                  {budget.maxWallTimeMs != null ? (
                    <>
                      <dt>Max wall time</dt>
                      <dd>{formatDuration(budget.maxWallTimeMs)}</dd>
                    </>
                  ) : null}
                  {agent.approval ? (
                    <>
                      <dt>Approvals</dt>
                      <dd>{describeApproval(agent.approval)}</dd>
                    </>
                  ) : null}
                  <dt>Created</dt>
                  <dd>
                    <DateTime value={agent.createdAt} />
                  </dd>
                  <dt>Updated</dt>
                  <dd>
                    <DateTime value={agent.updatedAt} />
                  </dd>
                </dl>
              </div>
            </section>
            <section className="card" aria-labelledby="agent-prompt-title">
              <div className="card-header">
                <h2 id="agent-prompt-title">System prompt</h2>
              </div>
              <div className="card-body">
                {agent.systemPrompt ? (
                  <pre className="prose-pre">{agent.systemPrompt}</pre>
                ) : (
                  <span className="muted">No system prompt.</span>
                )}
              </div>
            </section>
            <section className="card" aria-labelledby="agent-versions-title">
              <div className="card-header">
                <h2 id="agent-versions-title">Version history</h2>
              </div>
              <div className="card-body">
                <AgentVersionHistory agentId={agent.id} canRollback={can.configure && !archived} />
              </div>
            </section>
          </div>
        </div>
      </div>
      <RunAgentDialog
        agentId={agent.id}
        agentName={agent.name}
        latestVersion={agent.version}
        open={dialog === 'run'}
        onOpenChange={(open) => setDialog(open ? 'run' : null)}
      />
      {dialog === 'edit' ? (
        <EditAgentDialog
          open
          onOpenChange={(open) => setDialog(open ? 'edit' : null)}
          agentId={agent.id}
          version={agent.version}
          initial={agentToForm(agent)}
        />
      ) : null}
      <ConfirmDialog
        open={dialog === 'archive'}
        onOpenChange={(open) => setDialog(open ? 'archive' : null)}
        title={`Archive ${agent.name}?`}
        description="The agent will start no new runs. Runs under way continue, and its history stays."
        confirmLabel="Archive agent"
        busy={archiveState.fetching}
        onConfirm={async () => {
          const result = await archiveAgent({ id: agent.id });
          if (!result.error) setDialog(null);
        }}
      >
        {archiveState.error ? <Callout tone="danger">{describeError(archiveState.error)}</Callout> : null}
      </ConfirmDialog>
    </>
  );
}
