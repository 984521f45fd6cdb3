// /maestro/agents: every agent, and "New agent".
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useStickyQuery } from '../api/use-sticky-query';
import { NewAgentDialog } from '../features/agents/agent-editor-dialog';
import { usePermissions } from '../features/auth/viewer';
import { graphql } from '../gql';
import { humanizeEnum, providerName } from '../lib/format';
import { Badge } from '../ui/badges';
import { DateTime } from '../ui/date-time';
import { AgentIcon, PlusIcon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';

const AgentsList = graphql(`
  query AgentsList {
    agents(first: 100) {
      edges {
        node {
          id
          name
          purpose
          llmProvider
          llmModel
          tools
          status
          version
          updatedAt
        }
      }
    }
  }
`);

export function AgentsPage() {
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: AgentsList });
  const [creating, setCreating] = useState(false);
  const can = usePermissions();
  const agents = data?.agents.edges.map((edge) => edge.node) ?? [];
  const newButton = can.configure ? (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
      <PlusIcon />
      New agent
    </button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Agents"
        description="What each agent is for, the model it reasons with and the tools it may use."
        actions={newButton}
      />
      <NewAgentDialog open={creating} onOpenChange={setCreating} />
      {error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : null}
      {fetching && !data ? <LoadingState label="Loading agents…" /> : null}
      {data && agents.length === 0 ? (
        <div className="card">
          <EmptyState title="No agents yet" icon={<AgentIcon size={20} />} action={newButton}>
            Create an agent to give a model a purpose, tools and a budget.
          </EmptyState>
        </div>
      ) : null}
      {agents.length > 0 ? (
        <div className="card">
          <div className="table-wrap">
            <table className="table" aria-label="Agents">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th>Model</th>
                  <th>Tools</th>
                  <th>Status</th>
                  <th className="num">Version</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {agents.map((agent) => (
                  <tr key={agent.id}>
                    <td style={{ maxWidth: 380 }}>
                      <Link to={`/agents/${agent.id}`} className="cell-main">
                        {agent.name}
                      </Link>
                      <div className="cell-sub truncate" title={agent.purpose}>
                        {agent.purpose}
                      </div>
                    </td>
                    <td>
                      <div>{agent.llmModel}</div>
                      <div className="cell-sub">{providerName(agent.llmProvider)}</div>
                    </td>
                    <td>
                      <div className="row-wrap">
                        {agent.tools.length === 0 ? <span className="muted">None</span> : null}
                        {agent.tools.map((tool) => (
                          <span key={tool} className="chip">
                            {tool}
                          </span>
                        ))}
                      </div>
                    </td>
                    <td>
                      <Badge tone={agent.status === 'ACTIVE' ? 'success' : 'neutral'} dot>
                        {humanizeEnum(agent.status)}
                      </Badge>
                    </td>
                    <td className="num">v{agent.version}</td>
                    <td className="muted nowrap">
                      <DateTime value={agent.updatedAt} relativeTo={Date.now()} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </>
  );
}
