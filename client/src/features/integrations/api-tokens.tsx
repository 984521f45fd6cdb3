// API tokens for integrators: create (the token is shown once), list, revoke. Admins only.
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { describeError, formErrorsOf } from '../../api/graphql-errors';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { humanizeEnum } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { CopyButton } from '../../ui/copy-button';
import { DateTime } from '../../ui/date-time';
import { AppDialog, ConfirmDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { KeyIcon, PlusIcon } from '../../ui/icons';
import { Callout, EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { RoleField } from './role-field';

const ApiTokens = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      role
      createdBy
      createdAt
      revokedAt
      expiresAt
      lastUsedAt
    }
  }
`);

const CreateApiToken = graphql(`
  mutation CreateApiToken($name: String!, $role: Role, $expiresAt: DateTime) {
    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {
      token
      apiToken {
        id
        name
        role
        createdBy
        createdAt
        revokedAt
        expiresAt
        lastUsedAt
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export function ApiTokensSection() {
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: ApiTokens });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const [revokeState, revoke] = useMutation(RevokeApiToken);
  const tokens = data?.apiTokens ?? [];
  return (
    <section className="card" id="api-tokens" aria-labelledby="tokens-title">
      <div className="card-header">
        <h2 id="tokens-title">API tokens</h2>
        <button type="button" className="btn btn-sm" onClick={() => setCreating(true)}>
          <PlusIcon size={14} />
          New API token
        </button>
      </div>
      {error && !data ? <ErrorState error={error} /> : null}
      {fetching && !data ? <LoadingState /> : null}
      {data && tokens.length === 0 ? (
        <EmptyState title="No API tokens" icon={<KeyIcon size={18} />}>
          Integrations call the API with a token: <span className="mono">Authorization: Bearer …</span>
        </EmptyState>
      ) : null}
      {tokens.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="API tokens">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td className="cell-main">{token.name}</td>
                  <td>{humanizeEnum(token.role)}</td>
                  <td className="small">
                    <DateTime value={token.createdAt} />
                    <div className="cell-sub">by {token.createdBy}</div>
                  </td>
                  <td className="small">
                    {token.lastUsedAt ? (
                      <DateTime value={token.lastUsedAt} />
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td>
                    {token.revokedAt ? (
                      <Badge tone="neutral">
                        Revoked <DateTime value={token.revokedAt} />
                      </Badge>
                    ) : token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now() ? (
                      <Badge tone="warning">
                        Expired <DateTime value={token.expiresAt} />
                      </Badge>
                    ) : (
                      <Badge tone="success" dot>
                        Active
                      </Badge>
                    )}
                    {!token.revokedAt &&
                    token.expiresAt &&
                    new Date(token.expiresAt).getTime() > Date.now() ? (
                      <div className="cell-sub">
                        until <DateTime value={token.expiresAt} />
                      </div>
                    ) : null}
                  </td>
                  <td className="num">
                    {token.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn-sm btn-danger-outline"
                        onClick={() => setRevoking({ id: token.id, name: token.name })}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? (
        <NewTokenDialog
          onClose={() => {
            setCreating(false);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open) setRevoking(null);
        }}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        description="Requests with this token fail from now on. This cannot be undone."
        confirmLabel="Revoke token"
        busy={revokeState.fetching}
        onConfirm={async () => {
          if (!revoking) return;
          const result = await revoke({ id: revoking.id });
          if (!result.error) setRevoking(null);
        }}
      >
        {revokeState.error ? <Callout tone="danger">{describeError(revokeState.error)}</Callout> : null}
      </ConfirmDialog>
    </section>
  );
}

function NewTokenDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('INTEGRATOR');
  const [expires, setExpires] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [expiryProblem, setExpiryProblem] = useState<string | undefined>();
  const [state, create] = useMutation(CreateApiToken);
  const created = state.data?.createApiToken;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expires ? new Date(`${expires}T00:00:00`) : null;
    const found = {
      name: name.trim() === '' ? 'Name the token after what uses it.' : undefined,
      expiry: expiresAt && expiresAt.getTime() <= Date.now() ? 'Pick a day after today.' : undefined,
    };
    setProblem(found.name);
    setExpiryProblem(found.expiry);
    if (found.name || found.expiry) return;
    const result = await create({ name: name.trim(), role, expiresAt: expiresAt?.toISOString() ?? null });
    if (result.error) {
      const sorted = formErrorsOf(result.error, ['name', 'expiresAt'], {});
      setExpiryProblem(sorted.fields.expiresAt);
      setProblem(sorted.fields.name ?? (sorted.fields.expiresAt ? undefined : describeError(result.error)));
    }
  };
  return (
    <AppDialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={created ? 'Copy your token now' : 'New API token'}
      description={
        created
          ? 'It is shown once: only its hash is stored. Send it as Authorization: Bearer <token>.'
          : 'For a script or service that calls the API.'
      }
    >
      {created ? (
        <div className="stack">
          <pre className="json token-value" data-testid="new-api-token">
            {created.token}
          </pre>
          <div className="form-actions">
            <CopyButton text={created.token} label="Copy token" />
            <button type="button" className="btn btn-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="New API token">
          <Field label="Token name" error={problem}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <RoleField
            hint="Integrators read and start runs; operators also approve."
            value={role}
            onChange={setRole}
          />
          <Field
            label="Expires"
            hint="The token stops working at the start of this day. Empty: until revoked."
            error={expiryProblem}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="date"
                value={expires}
                onChange={(event) => setExpires(event.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={state.fetching}>
              Create token
            </button>
          </div>
        </form>
      )}
    </AppDialog>
  );
}
