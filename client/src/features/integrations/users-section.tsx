// Accounts: who can sign in to the console, with which role. Admins only.
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorCode, formErrorsOf, hasErrorCode } from '../../api/graphql-errors';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { formatDateTime, humanizeEnum } from '../../lib/format';
import { AppDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { PlusIcon } from '../../ui/icons';
import { Callout, ErrorState, LoadingState } from '../../ui/states';
import { PASSWORD_HINT, PasswordField } from '../auth/password-fields';
import { passwordProblems } from '../auth/password-rules';
import { ROLES } from './api-tokens';

const Users = graphql(`
  query Users {
    users {
      id
      email
      role
      createdAt
    }
  }
`);

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
      {data ? (
        <div className="table-wrap">
          <table className="table" aria-label="Users">
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Since</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <td className="cell-main">{user.email}</td>
                  <td>{humanizeEnum(user.role)}</td>
                  <td className="small muted">{formatDateTime(user.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {adding ? (
        <AddUserDialog
          onClose={(created) => {
            setAdding(false);
            if (created) refetch({ requestPolicy: 'network-only' });
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
    <AppDialog
      open
      onOpenChange={(open) => {
        if (!open) onClose(false);
      }}
      title="Add user"
      description="They sign in at /maestro/login with this email and password."
    >
      <form className="form" onSubmit={submit} noValidate aria-label="Add user">
        {errors.general ? (
          <Callout tone="danger" role="alert">
            {errors.general}
          </Callout>
        ) : null}
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
        <Field label="Role" hint="Operators run and approve; analysts read, replay and fork.">
          {(control) => (
            <select
              {...control}
              className="select"
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {ROLES.map((item) => (
                <option key={item} value={item}>
                  {humanizeEnum(item)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={state.fetching}>
            Add user
          </button>
        </div>
      </form>
    </AppDialog>
  );
}
