// Status and risk badges: one colour language for the whole console.
import type { ReactNode } from 'react';
import { humanizeEnum } from '../lib/format';

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'primary' | 'critical';

export function Badge({
  tone = 'neutral',
  dot = false,
  live = false,
  children,
  label,
}: {
  tone?: Tone;
  dot?: boolean;
  live?: boolean;
  children: ReactNode;
  /** Extra text for screen readers, after the visible text. */
  label?: string;
}) {
  const classes = [
    'badge',
    tone === 'neutral' ? '' : `badge-${tone}`,
    dot ? 'badge-dot' : '',
    live ? 'badge-live' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <span className={classes}>
      {children}
      {label ? <span className="visually-hidden">{label}</span> : null}
    </span>
  );
}

const RUN_STATUS_TONE: Record<string, Tone> = {
  QUEUED: 'neutral',
  RUNNING: 'info',
  WAITING_FOR_APPROVAL: 'warning',
  COMPLETED: 'success',
  FAILED: 'danger',
  CANCELLED: 'neutral',
};

export function RunStatusBadge({ status }: { status: string }) {
  const live = status === 'RUNNING' || status === 'QUEUED' || status === 'WAITING_FOR_APPROVAL';
  return (
    <Badge tone={RUN_STATUS_TONE[status] ?? 'neutral'} dot live={live}>
      {humanizeEnum(status)}
    </Badge>
  );
}

const RISK_TONE: Record<string, Tone> = {
  LOW: 'success',
  MEDIUM: 'info',
  HIGH: 'warning',
  CRITICAL: 'critical',
};

export function RiskBadge({ risk }: { risk: string }) {
  return (
    <Badge tone={RISK_TONE[risk.toUpperCase()] ?? 'neutral'} label=" risk">
      {risk.toUpperCase()}
    </Badge>
  );
}

const HITL_TONE: Record<string, Tone> = {
  PENDING: 'warning',
  APPROVED: 'success',
  REJECTED: 'danger',
  EXPIRED: 'neutral',
};

export function HitlStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={HITL_TONE[status] ?? 'neutral'} dot live={status === 'PENDING'}>
      {humanizeEnum(status)}
    </Badge>
  );
}
