// An agent's version history: who changed it and when, what changed between any two versions, and
// a rollback that makes a new version equal to an old one.
import { useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import { type DiffLine, diffLines } from '../../lib/json-diff';
import { readableJson } from '../../lib/readable-json';
import { DateTime } from '../../ui/date-time';
import { ConfirmDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { DiffView } from '../../ui/json-view';
import { Callout, ErrorState, LoadingState } from '../../ui/states';
import { useActorName } from '../auth/use-actor-name';

const AgentVersions = graphql(`
  query AgentVersions($id: ID!) {
    agent(id: $id) {
      id
      version
      versions {
        version
        changedAt
        changedBy
      }
    }
  }
`);

const AgentVersionDiff = graphql(`
  query AgentVersionDiff($id: ID!, $from: Int!, $to: Int!) {
    agent(id: $id) {
      id
      versionDiff(from: $from, to: $to) {
        from
        to
        changes {
          field
          before
          after
        }
      }
    }
  }
`);

const RollbackAgent = graphql(`
  mutation RollbackAgent($input: RollbackAgentInput!) {
    rollbackAgent(input: $input) {
      ...AgentDetailFields
    }
  }
`);

/**
 * A config value as lines of text: a string (a prompt, a model) as it is, anything else readable;
 * an absent one is no lines, so setting it shows as all added.
 */
function valueLines(before: unknown, after: unknown): DiffLine[] {
  const text = (value: unknown) =>
    value == null ? '' : typeof value === 'string' ? value : readableJson(value);
  return diffLines(text(before), text(after));
}

/** The fields that differ between two versions, each as a line diff. */
function VersionChanges({ agentId, from, to }: { agentId: string; from: number; to: number }) {
  const [{ data, error, fetching }] = useStickyQuery({
    query: AgentVersionDiff,
    variables: { id: agentId, from, to },
    pause: from === to,
  });
  if (from === to) return <p className="muted small">The same version.</p>;
  if (error && !data) return <ErrorState error={error} title="Could not compare the versions" />;
  const diff = data?.agent?.versionDiff;
  if (fetching && !diff) return <LoadingState label="Comparing…" />;
  if (!diff) return null;
  if (diff.changes.length === 0) {
    return (
      <p className="muted small">
        Version {from} and version {to} have the same configuration.
      </p>
    );
  }
  return (
    <dl className="kv" aria-label={`Changes from version ${from} to version ${to}`}>
      {diff.changes.map((change) => (
        <div key={change.field} style={{ display: 'contents' }}>
          <dt className="mono">{change.field}</dt>
          <dd>
            <DiffView
              lines={valueLines(change.before, change.after)}
              label={`${change.field}: v${from} to v${to}`}
            />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AgentVersionHistory({ agentId, canRollback }: { agentId: string; canRollback: boolean }) {
  const actorName = useActorName();
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: AgentVersions,
    variables: { id: agentId },
  });
  const [rollbackState, rollback] = useMutation(RollbackAgent);
  const [target, setTarget] = useState<number | null>(null);
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);

  if (error && !data) {
    return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  const agent = data?.agent;
  if (fetching && !agent) return <LoadingState label="Loading the versions…" />;
  if (!agent) return null;
  const versions = agent.versions;
  const latest = agent.version;
  const from = picked?.from ?? Math.max(1, latest - 1);
  const to = picked?.to ?? latest;
  const choose = (which: 'from' | 'to', value: number) => setPicked({ from, to, [which]: value });

  return (
    <div className="stack">
      <ol className="version-list" aria-label="Versions">
        {versions.map((version) => (
          <li key={version.version} className="version-item">
            <span className="badge badge-primary">v{version.version}</span>
            <span>
              {version.version === 1 ? 'Created' : 'Changed'} by {actorName(version.changedBy)}
            </span>
            {version.version === latest ? <span className="badge">Current</span> : null}
            <span className="spacer" />
            <DateTime value={version.changedAt} className="muted small" />
            {canRollback && version.version !== latest ? (
              <button type="button" className="btn btn-sm" onClick={() => setTarget(version.version)}>
                Roll back to v{version.version}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <>
          <div className="row" style={{ alignItems: 'flex-end' }}>
            {(
              [
                ['Compare version', 'from', from],
                ['with version', 'to', to],
              ] as const
            ).map(([label, which, value]) => (
              <Field key={label} label={label}>
                {(control) => (
                  <select
                    {...control}
                    className="select"
                    value={value}
                    onChange={(event) => choose(which, Number(event.target.value))}
                  >
                    {versions.map((item) => (
                      <option key={item.version} value={item.version}>
                        v{item.version}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
          <VersionChanges agentId={agentId} from={from} to={to} />
        </>
      ) : (
        <p className="muted small">Only one version so far: edit the agent to make another.</p>
      )}
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => {
          if (!open) setTarget(null);
        }}
        tone="primary"
        title={`Roll back to version ${target ?? ''}?`}
        description={`Version ${latest + 1} will have version ${target ?? ''}’s configuration. Runs already started keep the version they started with.`}
        confirmLabel={`Roll back to v${target ?? ''}`}
        busy={rollbackState.fetching}
        onConfirm={async () => {
          if (target === null) return;
          const result = await rollback({
            input: { agentId, version: target, expectedVersion: latest },
          });
          if (result.error) return;
          setTarget(null);
          setPicked(null);
          refetch({ requestPolicy: 'network-only' });
        }}
      >
        {target !== null ? <VersionChanges agentId={agentId} from={latest} to={target} /> : null}
        {rollbackState.error ? <Callout tone="danger">{describeError(rollbackState.error)}</Callout> : null}
      </ConfirmDialog>
    </div>
  );
}
