// What this deployment is connected to: LLM providers (with a live test), tools, MCP servers,
// mail and the embedder.
import { useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { LlmProvider } from '../../gql/graphql';
import { formatDuration, providerName } from '../../lib/format';
import { Badge, RiskBadge } from '../../ui/badges';
import { ErrorState, LoadingState, Spinner } from '../../ui/states';

const IntegrationsQuery = graphql(`
  query Integrations {
    integrations {
      embedder
      llmProviders {
        name
        provider
        endpoint
        configured
        detail
        baseUrl
        defaultModel
        models
      }
      tools {
        name
        description
        configured
        detail
        source
        risk
      }
      mcpServers {
        name
        transport
        target
        connected
        tools
        error
      }
      smtp {
        mode
        configured
        host
        from
      }
    }
  }
`);

const TestProvider = graphql(`
  mutation TestLlmProvider($provider: LlmProvider!, $endpoint: String) {
    testLlmProvider(provider: $provider, endpoint: $endpoint) {
      ok
      latencyMs
      message
      model
    }
  }
`);

function Configured({
  configured,
  yes = 'Configured',
  no = 'Not configured',
}: {
  configured: boolean;
  yes?: string;
  no?: string;
}) {
  return (
    <Badge tone={configured ? 'success' : 'neutral'} dot>
      {configured ? yes : no}
    </Badge>
  );
}

function TestButton({ provider, endpoint }: { provider: LlmProvider; endpoint: string | null }) {
  const [state, test] = useMutation(TestProvider);
  const [ran, setRan] = useState(false);
  const result = state.data?.testLlmProvider;
  return (
    <div className="stack-sm" style={{ alignItems: 'flex-start' }}>
      <button
        type="button"
        className="btn btn-sm"
        disabled={state.fetching}
        aria-label={`Test connection to ${endpoint ?? providerName(provider)}`}
        onClick={() => {
          setRan(true);
          test({ provider, endpoint });
        }}
      >
        {state.fetching ? <Spinner /> : null}
        Test connection
      </button>
      {ran && !state.fetching ? (
        <div role="status" className="small">
          {state.error ? (
            <span style={{ color: 'var(--danger-text)' }}>{describeError(state.error)}</span>
          ) : null}
          {result ? (
            <span style={{ color: result.ok ? 'var(--success-text)' : 'var(--danger-text)' }}>
              {result.ok ? '✓ ' : '✗ '}
              {result.message}
              {result.ok ? ` (${result.model ?? 'default model'}, ${formatDuration(result.latencyMs)})` : ''}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function Connections() {
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: IntegrationsQuery });
  if (error && !data)
    return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingState label="Loading integrations…" />;
  if (!data) return null;
  const { llmProviders, tools, mcpServers, smtp, embedder } = data.integrations;
  return (
    <>
      <section className="card" id="providers" aria-labelledby="providers-title">
        <div className="card-header">
          <h2 id="providers-title">LLM providers</h2>
        </div>
        <div className="table-wrap">
          <table className="table" aria-label="LLM providers">
            <thead>
              <tr>
                <th>Provider</th>
                <th>Status</th>
                <th>Endpoint</th>
                <th>Default model</th>
                <th>Connection</th>
              </tr>
            </thead>
            <tbody>
              {llmProviders.map((provider) => (
                <tr key={provider.name}>
                  <td className="cell-main">
                    {provider.endpoint ?? providerName(provider.provider)}
                    {provider.endpoint ? <div className="cell-sub">OpenAI-compatible endpoint</div> : null}
                  </td>
                  <td>
                    <Configured configured={provider.configured} />
                  </td>
                  <td className="small" style={{ maxWidth: 320 }}>
                    {provider.baseUrl ? <span className="mono">{provider.baseUrl}</span> : null}
                    <div className="muted">{provider.detail}</div>
                  </td>
                  <td>
                    <span className="mono small">{provider.defaultModel ?? '—'}</span>
                    {provider.models.length > 0 ? (
                      <div className="cell-sub">
                        {provider.models.length} {provider.endpoint ? 'listed' : 'priced'} models
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {provider.configured ? (
                      <TestButton provider={provider.provider} endpoint={provider.endpoint ?? null} />
                    ) : (
                      <span className="muted small">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" id="tools" aria-labelledby="tools-title">
        <div className="card-header">
          <h2 id="tools-title">Tools</h2>
          <span className="muted small">{tools.length}</span>
        </div>
        <div className="table-wrap">
          <table className="table" aria-label="Tools">
            <thead>
              <tr>
                <th>Tool</th>
                <th>Source</th>
                <th>Default risk</th>
                <th>Status</th>
                <th>Configuration</th>
              </tr>
            </thead>
            <tbody>
              {tools.map((tool) => (
                <tr key={tool.name}>
                  <td>
                    <span className="mono cell-main">{tool.name}</span>
                    <div className="cell-sub truncate" style={{ maxWidth: 320 }} title={tool.description}>
                      {tool.description}
                    </div>
                  </td>
                  <td className="small">{tool.source}</td>
                  <td>{tool.risk ? <RiskBadge risk={tool.risk} /> : <span className="muted">—</span>}</td>
                  <td>
                    <Configured configured={tool.configured} yes="Ready" />
                  </td>
                  <td className="small muted" style={{ maxWidth: 340 }}>
                    {tool.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="grid-2">
        <section className="card" id="mcp" aria-labelledby="mcp-title">
          <div className="card-header">
            <h2 id="mcp-title">MCP servers</h2>
          </div>
          {mcpServers.length === 0 ? (
            <div className="card-body muted">
              No MCP server is configured. Their tools appear next to the built-in ones once connected.
            </div>
          ) : (
            <ul className="plain-list">
              {mcpServers.map((server) => (
                <li key={server.name} className="plain-item">
                  <div className="row">
                    <strong>{server.name}</strong>
                    <Configured configured={server.connected} yes="Connected" no="Disconnected" />
                    <span className="spacer" />
                    <span className="small muted">{server.transport}</span>
                  </div>
                  <div className="mono small muted">{server.target}</div>
                  {server.error ? (
                    <div className="small" style={{ color: 'var(--danger-text)' }}>
                      {server.error}
                    </div>
                  ) : null}
                  {server.tools.length > 0 ? (
                    <div className="row-wrap" style={{ marginTop: 6 }}>
                      {server.tools.map((tool) => (
                        <span key={tool} className="chip">
                          {tool}
                        </span>
                      ))}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" id="mail" aria-labelledby="mail-title">
          <div className="card-header">
            <h2 id="mail-title">Mail and memory</h2>
          </div>
          <div className="card-body">
            <dl className="kv">
              <dt>send_email</dt>
              <dd>
                {smtp.mode === 'smtp' ? (
                  <>
                    SMTP via <span className="mono">{smtp.host}</span>
                  </>
                ) : (
                  'Outbox: mail is kept by the platform and shown below, never sent'
                )}
              </dd>
              <dt>Status</dt>
              <dd>
                {smtp.mode === 'outbox' ? (
                  <Badge tone="info" dot>
                    Outbox mode
                  </Badge>
                ) : (
                  <Configured configured={smtp.configured} />
                )}
              </dd>
              {smtp.from ? (
                <>
                  <dt>From</dt>
                  <dd className="mono small">{smtp.from}</dd>
                </>
              ) : null}
              <dt>Embedder</dt>
              <dd className="mono small">{embedder}</dd>
            </dl>
          </div>
        </section>
      </div>
    </>
  );
}
