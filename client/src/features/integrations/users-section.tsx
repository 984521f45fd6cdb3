// Accounts: who can sign in to the console, with which role; change a role, deactivate,
// reactivate, remove. Admins only. Each change takes effect on the account's next request.
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { describeError, ErrorCode, formErrorsOf, hasErrorCode } from '../../api/graphql-errors';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { Badge } from '../../ui/badges';
import { DateTime } from '../../ui/date-time';
import { ConfirmDialog, FormDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { PlusIcon } from '../../ui/icons';
import { Callout, ErrorState, LoadingState } from '../../ui/states';
import { PASSWORD_HINT, PasswordField } from '../auth/password-fields';
import { passwordProblems } from '../auth/password-rules';
import { RoleField, RoleOptions } from './role-field';

const Users = graphql(`
  query Users {
    users {
      id
      email
      role
      createdAt
      active
    }
  }
`);

const ChangeUserRole = graphql(`
  mutation ChangeUserRole($id: ID!, $role: Role!) {
    changeUserRole(id: $id, role: $role) {
      id
      role
    }
  }
`);

const DeactivateUser = graphql(`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

const ReactivateUser = graphql(`
  mutation ReactivateUser($id: ID!) {
    reactivateUser(id: $id) {
      id
      active
    }
  }
`);

const RemoveUser = graphql(`
  mutation RemoveUser($id: ID!) {
    removeUser(id: $id) {
      id
    }
  }
`);

type UserRow = { id: string; email: string; role: Role; createdAt: string; active: boolean };

const CreateUser = graphql(`
  mutation CreateUser($email: String!, $password: String!, $role: Role!) {
    createUser(email: $email, password: $password, role: $role) {
      id
      email
      role
      createdAt
    }
  }
`);

export function UsersSection() {
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: Users });
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<{ user: UserRow; action: 'deactivate' | 'remove' } | null>(
    null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [roleState, changeRole] = useMutation(ChangeUserRole);
  const [deactivateState, deactivate] = useMutation(DeactivateUser);
  const [, reactivate] = useMutation(ReactivateUser);
  const [removeState, remove] = useMutation(RemoveUser);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const settle = (result: { error?: Parameters<typeof describeError>[0] }) => {
    setProblem(result.error ? describeError(result.error) : null);
    if (!result.error) reload();
    return !result.error;
  };
  return (
    <section className="card" id="users" aria-labelledby="users-title">
      <div className="card-header">
        <h2 id="users-title">Users</h2>
        <button type="button" className="btn btn-sm" onClick={() => setAdding(true)}>
          <PlusIcon size={14} />
          Add user
        </button>
      </div>
      {error && !data ? <ErrorState error={error} /> : null}
      {fetching && !data ? <LoadingState /> : null}
      {problem ? (
        <Callout tone="danger" role="alert">
          {problem}
        </Callout>
      ) : null}
      {data ? (
        <div className="table-wrap">
          <table className="table" aria-label="Users">
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Status</th>
                <th>Since</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <td className="cell-main">{user.email}</td>
                  <td>
                    <select
                      className="select"
                      aria-label={`Role of ${user.email}`}
                      value={user.role}
                      disabled={roleState.fetching}
                      onChange={async (event) =>
                        settle(await changeRole({ id: user.id, role: event.target.value as Role }))
                      }
                    >
                      <RoleOptions />
                    </select>
                  </td>
                  <td>
                    {user.active ? (
                      <Badge tone="success" dot>
                        Active
                      </Badge>
                    ) : (
                      <Badge tone="warning">Deactivated</Badge>
                    )}
                  </td>
                  <td className="small muted">
                    <DateTime value={user.createdAt} />
                  </td>
                  <td className="num nowrap">
                    {user.active ? (
                      <button
                        type="button"
                        className="btn btn-sm"
                        aria-label={`Deactivate ${user.email}`}
                        onClick={() => setConfirming({ user, action: 'deactivate' })}
                      >
                        Deactivate
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-sm"
                        aria-label={`Reactivate ${user.email}`}
                        onClick={async () => settle(await reactivate({ id: user.id }))}
                      >
                        Reactivate
                      </button>
                    )}{' '}
                    <button
                      type="button"
                      className="btn btn-sm btn-danger-outline"
                      aria-label={`Remove ${user.email}`}
                      onClick={() => setConfirming({ user, action: 'remove' })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => {
          if (!open) setConfirming(null);
        }}
        title={
          confirming?.action === 'remove'
            ? `Remove ${confirming.user.email}?`
            : `Deactivate ${confirming?.user.email ?? 'user'}?`
        }
        description={
          confirming?.action === 'remove'
            ? 'The account is deleted and the API tokens it created are revoked; its sessions stop working now. This cannot be undone.'
            : 'Their sessions and the API tokens they created stop working now, until you reactivate the account.'
        }
        confirmLabel={confirming?.action === 'remove' ? 'Remove user' : 'Deactivate user'}
        busy={deactivateState.fetching || removeState.fetching}
        onConfirm={async () => {
          if (!confirming) return;
          const { user, action } = confirming;
          const result =
            action === 'remove' ? await remove({ id: user.id }) : await deactivate({ id: user.id });
          settle(result);
          setConfirming(null);
        }}
      />
      {adding ? (
        <AddUserDialog
          onClose={(created) => {
            setAdding(false);
            if (created) reload();
          }}
        />
      ) : null}
    </section>
  );
}

function AddUserDialog({ onClose }: { onClose: (created: boolean) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('OPERATOR');
  const [errors, setErrors] = useState<{ email?: string; password?: string; general?: string }>({});
  const [state, createUser] = useMutation(CreateUser);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(/^[^@\s]+@[^@\s]+$/.test(email.trim()) ? {} : { email: 'Enter an email address.' }),
      ...(passwordProblems(password, password).password
        ? { password: passwordProblems(password, password).password }
        : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await createUser({ email: email.trim(), password, role });
    if (result.error) {
      const sorted = formErrorsOf(result.error, ['email', 'password'], {});
      setErrors({
        ...(sorted.fields.email ? { email: sorted.fields.email } : {}),
        ...(sorted.fields.password ? { password: sorted.fields.password } : {}),
        ...(hasErrorCode(result.error, ErrorCode.Conflict)
          ? { email: 'A user with this email exists already.' }
          : sorted.general.length > 0
            ? { general: sorted.general.join(' ') }
            : {}),
      });
      return;
    }
    onClose(true);
  };
  return (
    <FormDialog
      title="Add user"
      description="They sign in at /maestro/login with this email and password."
      onCancel={() => onClose(false)}
      onSubmit={submit}
      generalError={errors.general}
    >
      <Field label="Email" error={errors.email}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <PasswordField
        label="Password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        hint={PASSWORD_HINT}
      />
      <RoleField
        hint="Operators run and approve; analysts read, replay and fork."
        value={role}
        onChange={setRole}
      />
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          Add user
        </button>
      </div>
    </FormDialog>
  );
}
