// After the one-time link: the first admin chooses a password (the account was created with a
// random one nobody knows). Skippable; the link session needs no current password.
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { formErrorsOf } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import { Callout } from '../../ui/states';
import { NewPasswordFields, useNewPassword } from './password-fields';
import { passwordProblems } from './password-rules';

const SetPassword = graphql(`
  mutation SetPassword($currentPassword: String, $newPassword: String!) {
    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
      email
    }
  }
`);

export function SetPasswordForm({ onDone, email }: { onDone: () => void; email?: string | null }) {
  const newPassword = useNewPassword();
  const { password, confirmation } = newPassword;
  const [problems, setProblems] = useState<{ password?: string; confirmation?: string }>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [state, setPasswordMutation] = useMutation(SetPassword);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = passwordProblems(password, confirmation);
    setProblems(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) return;
    const result = await setPasswordMutation({ newPassword: password });
    if (result.error) {
      const sorted = formErrorsOf(result.error, ['newPassword'], {});
      if (sorted.fields.newPassword) setProblems({ password: sorted.fields.newPassword });
      setGeneral(sorted.general);
      return;
    }
    onDone();
  };
  return (
    <>
      <h1 className="login-title">Choose your password</h1>
      <p className="login-subtitle">
        You are signed in{email ? ` as ${email}` : ''}. The link works only once: set a password to sign in
        next time.
      </p>
      <form
        className="form"
        onSubmit={submit}
        noValidate
        aria-label="Set password"
        data-testid="set-password-form"
      >
        {general.length > 0 ? (
          <Callout tone="danger" role="alert">
            {general.join(' ')}
          </Callout>
        ) : null}
        <NewPasswordFields {...newPassword} problems={problems} />
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          {state.fetching ? 'Saving…' : 'Set password'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Skip for now
        </button>
      </form>
    </>
  );
}
