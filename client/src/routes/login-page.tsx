// /maestro/login: email and password, or the first admin's one-time link (#link=<token>).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { useToken } from '../api/api-provider';
import { describeError } from '../api/graphql-errors';
import { setToken } from '../api/session-store';
import { SetPasswordForm } from '../features/auth/set-password-form';
import { graphql } from '../gql';
import { BrandMark } from '../ui/brand-mark';
import { Field } from '../ui/field';
import { Callout, LoadingState } from '../ui/states';

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      viewer {
        id
        email
        role
      }
    }
  }
`);

const LoginWithLink = graphql(`
  mutation LoginWithLink($token: String!) {
    loginWithLink(token: $token) {
      token
      viewer {
        id
        email
        role
      }
    }
  }
`);

/** The one-time link token in `#link=…`, if any. */
function linkTokenOf(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('link');
  return value && value.trim() !== '' ? value : null;
}

type Phase = 'form' | 'redeeming' | 'set-password';

export function LoginPage() {
  const token = useToken();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const linkToken = useRef(linkTokenOf(location.hash));
  const [phase, setPhase] = useState<Phase>(linkToken.current ? 'redeeming' : 'form');
  const [linkError, setLinkError] = useState<string | null>(null);
  const [linkEmail, setLinkEmail] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [loginState, login] = useMutation(Login);
  const [, loginWithLink] = useMutation(LoginWithLink);

  useEffect(() => {
    document.title = 'Sign in · Maestro';
    const link = linkToken.current;
    if (!link) return;
    linkToken.current = null;
    // The token is single-use: take it out of the address bar and history at once.
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}`,
    );
    loginWithLink({ token: link }).then((result) => {
      if (result.data) {
        setToken(result.data.loginWithLink.token);
        setLinkEmail(result.data.loginWithLink.viewer.email ?? null);
        setPhase('set-password');
      } else {
        setLinkError(result.error ? describeError(result.error) : 'The link could not be used.');
        setPhase('form');
      }
    });
  }, [loginWithLink]);

  if (token && phase === 'form') return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(email.trim() === '' ? { email: 'Enter your email address.' } : {}),
      ...(password === '' ? { password: 'Enter your password.' } : {}),
    };
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    const result = await login({ email: email.trim(), password });
    if (result.data) {
      setToken(result.data.login.token);
      navigate(from, { replace: true });
    }
  };

  return (
    <div className="login-page">
      <div className="login-card">
        <div className="login-brand">
          <BrandMark size={18} />
          <div>
            <div style={{ fontWeight: 650 }}>Maestro</div>
            <div className="muted small">Spark-Ops console</div>
          </div>
        </div>
        {phase === 'redeeming' ? <LoadingState label="Signing you in with your link…" /> : null}
        {phase === 'set-password' ? (
          <SetPasswordForm email={linkEmail} onDone={() => navigate('/', { replace: true })} />
        ) : null}
        {phase === 'form' ? (
          <>
            <h1 className="login-title">Sign in</h1>
            <p className="login-subtitle">Watch live runs, approve risky actions, replay histories.</p>
            <form className="form" onSubmit={submit} noValidate aria-label="Sign in" data-testid="login-form">
              {linkError ? (
                <Callout tone="danger" role="alert" title="This login link did not work">
                  <div>{linkError}</div>
                  <div>Sign in with your email and password instead.</div>
                </Callout>
              ) : null}
              {loginState.error ? (
                <Callout tone="danger" role="alert">
                  {describeError(loginState.error)}
                </Callout>
              ) : null}
              <Field label="Email" error={missing.email}>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    type="email"
                    name="email"
                    autoComplete="username"
                    value={email}
                    onChange={(event) => setEmail(event.target.value)}
                  />
                )}
              </Field>
              <Field label="Password" error={missing.password}>
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    type="password"
                    name="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(event) => setPassword(event.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="btn btn-primary" disabled={loginState.fetching}>
                {loginState.fetching ? 'Signing in…' : 'Sign in'}
              </button>
            </form>
          </>
        ) : null}
        {phase === 'form' ? (
          <p className="login-footer">First start? Open the one-time link the server printed.</p>
        ) : null}
      </div>
    </div>
  );
}
