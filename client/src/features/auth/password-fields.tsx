// Password inputs: one labelled password field, and the "new password + confirm" pair that setting
// or changing a password asks for.
import { type ReactNode, useState } from 'react';
import { Field } from '../../ui/field';
import { PASSWORD_MIN } from './password-rules';

/** The hint under a field that takes a new password. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters.`;

export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  error,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  error?: string | undefined;
  hint?: ReactNode;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** The state behind `NewPasswordFields`: the new password and its confirmation, both empty at first. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return { password, setPassword, confirmation, setConfirmation };
}

/** "New password" and "Confirm password", with the problems `passwordProblems` found. */
export function NewPasswordFields({
  password,
  setPassword,
  confirmation,
  setConfirmation,
  problems,
}: ReturnType<typeof useNewPassword> & {
  problems: { password?: string | undefined; confirmation?: string | undefined };
}) {
  return (
    <>
      <PasswordField
        label="New password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={problems.password}
        hint={PASSWORD_HINT}
      />
      <PasswordField
        label="Confirm password"
        autoComplete="new-password"
        value={confirmation}
        onChange={setConfirmation}
        error={problems.confirmation}
      />
    </>
  );
}
