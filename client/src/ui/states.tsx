// Loading, empty and error states: every page shows one of these instead of a blank area.
import type { ReactNode } from 'react';
import { describeError, type ErrorLike } from '../api/graphql-errors';
import { AlertIcon, InfoIcon } from './icons';

export function Spinner({ label }: { label?: string }) {
  return (
    <span role={label ? 'status' : undefined} style={{ display: 'inline-flex' }}>
      <span className="spinner" aria-hidden="true" />
      {label ? <span className="visually-hidden">{label}</span> : null}
    </span>
  );
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  children,
  icon,
  action,
}: {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <div className="empty-state-icon">{icon ?? <InfoIcon size={20} />}</div>
      <div className="empty-state-title">{title}</div>
      {children ? <div>{children}</div> : null}
      {action ? <div style={{ marginTop: 'var(--space-3)' }}>{action}</div> : null}
    </div>
  );
}

/** An error from a query or mutation, with an optional retry. */
export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  error: ErrorLike | string;
  title?: string;
  onRetry?: () => void;
}) {
  const message = typeof error === 'string' ? error : describeError(error);
  return (
    <div className="callout callout-danger" role="alert">
      <AlertIcon size={18} />
      <div style={{ flex: 1 }}>
        <div className="callout-title">{title}</div>
        <div>{message}</div>
      </div>
      {onRetry ? (
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

export function Callout({
  tone = 'info',
  title,
  children,
  role,
  icon,
}: {
  tone?: 'info' | 'success' | 'warning' | 'danger';
  title?: ReactNode;
  children?: ReactNode;
  role?: 'status' | 'alert';
  icon?: ReactNode;
}) {
  return (
    <div className={`callout callout-${tone}`} role={role}>
      {icon ?? (tone === 'danger' || tone === 'warning' ? <AlertIcon size={18} /> : <InfoIcon size={18} />)}
      <div style={{ flex: 1 }}>
        {title ? <div className="callout-title">{title}</div> : null}
        {children}
      </div>
    </div>
  );
}
