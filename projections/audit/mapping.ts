// Pure: safety, approval, policy and login back-off events → audit log entries (one per event). No I/O.
import type {
  AccountEventDataByType,
  PolicyEventDataByType,
  RunEventDataByType,
} from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

/** The events the audit log records, by their event type. */
export const AuditKind = {
  SafetyEvaluated: 'SafetyEvaluated',
  ApprovalRequested: 'ApprovalRequested',
  ApprovalGranted: 'ApprovalGranted',
  ApprovalRejected: 'ApprovalRejected',
  ApprovalExpired: 'ApprovalExpired',
  ApprovalEscalated: 'ApprovalEscalated',
  PolicyCreated: 'PolicyCreated',
  PolicyUpdated: 'PolicyUpdated',
  LoginThrottled: 'LoginThrottled',
  /** A `RunStarted` with `forkedFrom`: who forked which run where (actor: the caller). */
  RunForked: 'RunForked',
} as const;
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

const KINDS = new Set<string>(Object.values(AuditKind));

/**
 * One audit entry, keyed by the event id and never changed after it is written. `agentId`, and for
 * an approval's decision `step`, `tool` and `risk`, are null when the batch lacks the RunStarted or
 * ApprovalRequested that names them: the writer looks them up in `audit_runs` / `audit_approvals`.
 */
export interface AuditEntryRow {
  eventId: string;
  position: string;
  kind: AuditKind;
  recordedAt: Date;
  /** Who acted: the approver, the policy's editor, otherwise the event's metadata actor. */
  actor: string | null;
  runId: string | null;
  agentId: string | null;
  /** The approval an Approval* event is about (for the writer's look-up). */
  approvalId: string | null;
  step: number | null;
  tool: string | null;
  risk: string | null;
  /**
   * SafetyEvaluated: allow, require_approval or block; ApprovalGranted: approved; ApprovalRejected:
   * rejected; ApprovalExpired: `expired:<onExpiry action>`; ApprovalEscalated: escalated;
   * LoginThrottled: `locked_until:<ISO time>`.
   */
  decision: string | null;
  reasons: string[];
  policyId: string | null;
  policyVersion: number | null;
  comment: string | null;
  data: Record<string, unknown>;
}

/** What an ApprovalRequested says about its approval, for the entries of its decisions. */
export interface AuditApproval {
  approvalId: string;
  step: number;
  tool: string;
  risk: string;
}

export interface AuditChanges {
  runs: { runId: string; agentId: string }[];
  approvals: AuditApproval[];
  entries: AuditEntryRow[];
}

type RunData<T extends keyof RunEventDataByType> = RunEventDataByType[T];
type PolicyData<T extends keyof PolicyEventDataByType> = PolicyEventDataByType[T];

/** The kind-specific fields of an entry. */
function detailsOf(event: RecordedEvent): Partial<AuditEntryRow> {
  switch (event.type) {
    case 'SafetyEvaluated': {
      const data = event.data as unknown as RunData<'SafetyEvaluated'>;
      const { step, tool, risk, decision, policyId, policyVersion } = data;
      return { step, tool, risk, decision, reasons: [...data.reasons], policyId, policyVersion };
    }
    case 'ApprovalRequested': {
      const data = event.data as unknown as RunData<'ApprovalRequested'>;
      return { step: data.step, tool: data.tool, risk: data.risk, reasons: [...data.reasons] };
    }
    case 'ApprovalGranted': {
      const data = event.data as unknown as RunData<'ApprovalGranted'>;
      return { actor: data.by, decision: 'approved', comment: data.comment ?? null };
    }
    case 'ApprovalRejected': {
      const data = event.data as unknown as RunData<'ApprovalRejected'>;
      return { actor: data.by, decision: 'rejected', comment: data.comment ?? null };
    }
    case 'ApprovalExpired':
      return { decision: `expired:${(event.data as unknown as RunData<'ApprovalExpired'>).action}` };
    case 'ApprovalEscalated':
      return { decision: 'escalated' };
    case 'PolicyCreated': {
      const data = event.data as unknown as PolicyData<'PolicyCreated'>;
      return { policyId: data.policyId, policyVersion: data.version };
    }
    case 'PolicyUpdated': {
      const data = event.data as unknown as PolicyData<'PolicyUpdated'>;
      return {
        policyId: data.policyId,
        policyVersion: data.version,
        ...(data.changedBy ? { actor: data.changedBy } : {}),
      };
    }
    case 'LoginThrottled': {
      // The account the guesses named is who acted, as far as the log can tell.
      const data = event.data as unknown as AccountEventDataByType['LoginThrottled'];
      return { actor: data.account, decision: `locked_until:${data.lockedUntil}` };
    }
    default:
      return {};
  }
}

/** The audit kind of an event: its type, except that a fork's `RunStarted` is `RunForked`. */
function kindOf(event: RecordedEvent): string {
  return event.type === 'RunStarted' && event.data.forkedFrom ? AuditKind.RunForked : event.type;
}

function entryOf(event: RecordedEvent, runId: string | null, agentId: string | null): AuditEntryRow {
  const approvalId = typeof event.data.approvalId === 'string' ? event.data.approvalId : null;
  return {
    eventId: event.id,
    position: event.position,
    kind: kindOf(event) as AuditKind,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor ?? null,
    runId,
    agentId,
    approvalId,
    step: null,
    tool: null,
    risk: null,
    decision: null,
    reasons: [],
    policyId: null,
    policyVersion: null,
    comment: null,
    data: event.data,
    ...detailsOf(event),
  };
}

/** Maps a batch of events (any streams, log order) to the audit read model's changes. */
export function mapAuditEvents(events: readonly RecordedEvent[]): AuditChanges {
  const agentOfRun = new Map<string, string>();
  const approvals = new Map<string, AuditApproval>();
  const entries: AuditEntryRow[] = [];
  for (const event of events) {
    const isRun = event.stream.startsWith('run-');
    if (!isRun && !event.stream.startsWith('policy-') && !event.stream.startsWith('account-')) continue;
    const runId = isRun ? parseStream(event.stream).id : null;
    if (runId && event.type === 'RunStarted' && !agentOfRun.has(runId)) {
      agentOfRun.set(runId, (event.data as unknown as RunData<'RunStarted'>).agentId);
    }
    if (!KINDS.has(kindOf(event))) continue;
    const entry = entryOf(event, runId, runId ? (agentOfRun.get(runId) ?? null) : null);
    if (event.type === 'ApprovalRequested' && entry.approvalId && !approvals.has(entry.approvalId)) {
      const { step, tool, risk } = entry as { step: number; tool: string; risk: string };
      approvals.set(entry.approvalId, { approvalId: entry.approvalId, step, tool, risk });
    }
    const requested = entry.approvalId ? approvals.get(entry.approvalId) : undefined;
    if (requested && entry.kind !== AuditKind.ApprovalRequested) {
      entry.step = requested.step;
      entry.tool = requested.tool;
      entry.risk = requested.risk;
    }
    entries.push(entry);
  }
  return {
    runs: [...agentOfRun].map(([runId, agentId]) => ({ runId, agentId })),
    approvals: [...approvals.values()],
    entries,
  };
}
