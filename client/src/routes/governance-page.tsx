// /maestro/governance: safety policies (edit as JSON, versioned, diff between versions) and the
// audit log of every verdict and approval, with the tamper-evident log's verification (admins).
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { useStickyQuery } from '../api/use-sticky-query';
import { usePermissions } from '../features/auth/viewer';
import { AuditChainCard } from '../features/governance/audit-chain-card';
import { AuditLog } from '../features/governance/audit-log';
import { PolicyEditor } from '../features/governance/policy-editor';
import { PolicyVersions } from '../features/governance/policy-versions';
import { graphql } from '../gql';
import { Badge } from '../ui/badges';
import { PlusIcon, PolicyIcon } from '../ui/icons';
import { JsonView } from '../ui/json-view';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';

const Policies = graphql(`
  query Policies {
    policies {
      ...PolicyFields
    }
  }
`);

export function GovernancePage() {
  const can = usePermissions();
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: Policies });
  const [tab, setTab] = useState('policies');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const policies = data?.policies ?? [];
  const current =
    selected === 'new' ? null : (policies.find((policy) => policy.id === selected) ?? policies[0] ?? null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageHeader
        title="Governance"
        description="Policies decide the risk of every tool call; the audit log records every verdict and decision."
        actions={
          can.configure ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                setTab('policies');
                setSelected('new');
              }}
            >
              <PlusIcon />
              New policy
            </button>
          ) : null
        }
      />
      <Tabs.Root value={tab} onValueChange={setTab}>
        <Tabs.List className="tabs-list" aria-label="Governance">
          <Tabs.Trigger value="policies" className="tabs-trigger">
            Policies
            <span className="tabs-count">{policies.length}</span>
          </Tabs.Trigger>
          <Tabs.Trigger value="audit" className="tabs-trigger">
            Audit log
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="policies">
          {error && !data ? <ErrorState error={error} onRetry={reload} /> : null}
          {fetching && !data ? <LoadingState label="Loading policies…" /> : null}
          {data && policies.length === 0 && selected !== 'new' ? (
            <div className="card">
              <EmptyState title="No policies" icon={<PolicyIcon size={20} />}>
                Without a policy each tool runs at its default risk.
              </EmptyState>
            </div>
          ) : null}
          {data && (policies.length > 0 || selected === 'new') ? (
            <div className="policy-layout">
              <nav aria-label="Policies" className="policy-nav">
                {policies.map((policy) => (
                  <button
                    key={policy.id}
                    type="button"
                    className="policy-nav-item"
                    aria-current={current?.id === policy.id && selected !== 'new' ? 'true' : undefined}
                    onClick={() => setSelected(policy.id)}
                  >
                    <span className="policy-nav-name">{policy.name}</span>
                    <span className="row small muted">
                      v{policy.version} · {Array.isArray(policy.rules) ? policy.rules.length : 0} rules
                      {policy.archived ? <Badge>Archived</Badge> : null}
                    </span>
                  </button>
                ))}
              </nav>
              <div className="stack">
                {selected === 'new' ? (
                  <section className="card" aria-labelledby="new-policy-title">
                    <div className="card-header">
                      <h2 id="new-policy-title">New policy</h2>
                    </div>
                    <div className="card-body">
                      <PolicyEditor
                        policy={null}
                        onSaved={(id) => {
                          reload();
                          setSelected(id);
                        }}
                        onReload={reload}
                      />
                    </div>
                  </section>
                ) : current ? (
                  <>
                    <section className="card" aria-labelledby="policy-title">
                      <div className="card-header">
                        <h2 id="policy-title">{current.name}</h2>
                        <Badge tone="primary">v{current.version}</Badge>
                      </div>
                      <div className="card-body stack">
                        {current.description ? <p className="muted">{current.description}</p> : null}
                        {can.configure && !current.archived ? (
                          <PolicyEditor
                            key={current.id}
                            policy={current}
                            onSaved={reload}
                            onReload={reload}
                          />
                        ) : (
                          <JsonView value={current.rules} raw label="Rules" maxHeight={480} />
                        )}
                      </div>
                    </section>
                    <section className="card" aria-labelledby="versions-title">
                      <div className="card-header">
                        <h2 id="versions-title">Version history</h2>
                      </div>
                      <div className="card-body">
                        <PolicyVersions key={`${current.id}:${current.version}`} policy={current} />
                      </div>
                    </section>
                  </>
                ) : null}
              </div>
            </div>
          ) : null}
        </Tabs.Content>
        <Tabs.Content value="audit">
          <div className="stack">
            {can.administer ? <AuditChainCard /> : null}
            <AuditLog />
          </div>
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
