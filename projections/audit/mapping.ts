// Pure: privileged actions (agent, run, approval and policy changes, users, tokens, logins) and
// safety verdicts → audit log entries, one per event. No I/O.
import type {
  AccountEventDataByType,
  AgentEventDataByType,
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
  PolicyArchived: 'PolicyArchived',
  LoginThrottled: 'LoginThrottled',
  /** A `RunStarted` with `forkedFrom`: who forked which run where (actor: the caller). */
  RunForked: 'RunForked',
  AgentCreated: 'AgentCreated',
  AgentUpdated: 'AgentUpdated',
  AgentArchived: 'AgentArchived',
  /** A `RunStarted` without `forkedFrom`. */
  RunStarted: 'RunStarted',
  RunCancelled: 'RunCancelled',
  LoginSucceeded: 'LoginSucceeded',
  LoginFailed: 'LoginFailed',
  UserCreated: 'UserCreated',
  UserRoleChanged: 'UserRoleChanged',
  UserDeactivated: 'UserDeactivated',
  UserReactivated: 'UserReactivated',
  UserRemoved: 'UserRemoved',
  ApiTokenCreated: 'ApiTokenCreated',
  ApiTokenRevoked: 'ApiTokenRevoked',
} as const;
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

const KINDS = new Set<string>(Object.values(AuditKind));
const AUDITED_STREAMS = ['policy-', 'account-', 'agent-'];

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
  /** The actor's email as the write recorded it (metadata `actorEmail`), when known. */
  actorEmail: string | null;
  /** What the action was done to: `agent:<id>`, `run:<id>`, `policy:<id>`, `user:<id>`, `token:<id>`, `account:<email>`. */
  target: string | null;
  /** Where the request came from (metadata `clientAddress`), when it came through the API. */
  clientAddress: string | null;
  /** The request's User-Agent (metadata `userAgent`). */
  userAgent: string | null;
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
   * LoginThrottled: `locked_until:<ISO time>`; LoginFailed: its reason; UserRoleChanged: the new role.
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
type AccountData<T extends keyof AccountEventDataByType> = AccountEventDataByType[T];
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
    case 'PolicyArchived': {
      const data = event.data as unknown as PolicyData<'PolicyArchived'>;
      return { policyId: data.policyId, actor: data.by };
    }
    case 'LoginThrottled': {
      // The account the guesses named is who acted, as far as the log can tell.
      const data = event.data as unknown as AccountData<'LoginThrottled'>;
      return {
        actor: data.account,
        target: `account:${data.account}`,
        decision: `locked_until:${data.lockedUntil}`,
        clientAddress: text(event.metadata.clientAddress) ?? data.clientAddress,
      };
    }
    case 'LoginSucceeded': {
      const data = event.data as unknown as AccountData<'LoginSucceeded'>;
      return { target: `user:${data.userId}`, actorEmail: data.account, decision: data.method };
    }
    case 'LoginFailed': {
      const data = event.data as unknown as AccountData<'LoginFailed'>;
      return { target: `account:${data.account}`, actorEmail: data.account, decision: data.reason };
    }
    case 'UserCreated':
    case 'UserDeactivated':
    case 'UserReactivated':
    case 'UserRemoved':
      return { target: `user:${(event.data as unknown as AccountData<'UserCreated'>).userId}` };
    case 'UserRoleChanged': {
      const data = event.data as unknown as AccountData<'UserRoleChanged'>;
      return { target: `user:${data.userId}`, decision: data.to };
    }
    case 'ApiTokenCreated':
    case 'ApiTokenRevoked':
      return { target: `token:${(event.data as unknown as AccountData<'ApiTokenCreated'>).tokenId}` };
    case 'AgentArchived':
      return { actor: (event.data as unknown as AgentEventDataByType['AgentArchived']).by };
    case 'RunCancelled': {
      const data = event.data as unknown as RunData<'RunCancelled'>;
      return { actor: data.by, comment: data.reason ?? null };
    }
    default:
      return {};
  }
}

/** What an event of this stream acts on, unless its kind names something else. */
function streamTarget(stream: string): string | null {
  const { kind, id } = parseStream(stream);
  return kind === 'agent' || kind === 'run' || kind === 'policy' ? `${kind}:${id}` : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
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
    actorEmail: text(event.metadata.actorEmail),
    target: streamTarget(event.stream),
    clientAddress: text(event.metadata.clientAddress),
    userAgent: text(event.metadata.userAgent),
    runId,
    agentId: agentId ?? (event.stream.startsWith('agent-') ? parseStream(event.stream).id : null),
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
    if (!isRun && !AUDITED_STREAMS.some((prefix) => event.stream.startsWith(prefix))) continue;
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
