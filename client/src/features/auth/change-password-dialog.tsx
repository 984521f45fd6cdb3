// "Change password" from the sidebar: the current password, unless this session came from the
// one-time link (then the server needs none).
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { formErrorsOf } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import { AppDialog } from '../../ui/dialog';
import { Callout } from '../../ui/states';
import { NewPasswordFields, PasswordField, useNewPassword } from './password-fields';
import { passwordProblems } from './password-rules';

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String, $newPassword: String!) {
    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
    }
  }
`);

type Problems = { current?: string; password?: string; confirmation?: string; general?: string };

export function ChangePasswordDialog({
  open,
  onOpenChange,
  needsCurrent,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  needsCurrent: boolean;
}) {
  const [current, setCurrent] = useState('');
  const newPassword = useNewPassword();
  const { password, confirmation } = newPassword;
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState(false);
  const [state, change] = useMutation(ChangePassword);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {
      ...(needsCurrent && current === '' ? { current: 'Enter your current password.' } : {}),
      ...passwordProblems(password, confirmation),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const result = await change({
      newPassword: password,
      ...(needsCurrent ? { currentPassword: current } : {}),
    });
    if (result.error) {
      const sorted = formErrorsOf(result.error, ['currentPassword', 'newPassword']);
      setProblems({
        ...(sorted.fields.currentPassword ? { current: sorted.fields.currentPassword } : {}),
        ...(sorted.fields.newPassword ? { password: sorted.fields.newPassword } : {}),
        ...(sorted.general.length > 0 ? { general: sorted.general.join(' ') } : {}),
      });
      return;
    }
    setDone(true);
  };
  return (
    <AppDialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setDone(false);
      }}
      title="Change password"
      description="For signing in with your email. Other sessions stay signed in until they expire."
    >
      {done ? (
        <div className="stack">
          <Callout tone="success" role="status">
            Your password is changed.
          </Callout>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => onOpenChange(false)}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="Change password">
          {problems.general ? (
            <Callout tone="danger" role="alert">
              {problems.general}
            </Callout>
          ) : null}
          {needsCurrent ? (
            <PasswordField
              label="Current password"
              autoComplete="current-password"
              value={current}
              onChange={setCurrent}
              error={problems.current}
            />
          ) : null}
          <NewPasswordFields {...newPassword} problems={problems} />
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => onOpenChange(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={state.fetching}>
              Change password
            </button>
          </div>
        </form>
      )}
    </AppDialog>
  );
}
