// Pure: run events → approval row changes, run → agent links and ended runs. No I/O.
import type { RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import { HitlStatus } from './hitl-status.ts';

/** What `ApprovalRequested` says; set once. */
export interface ApprovalRequest {
  step: number;
  tool: string;
  params: Record<string, unknown>;
  risk: string;
  reasons: string[];
  expiresAt: Date;
  onExpiry: string;
  requestedAt: Date;
}

/** The decision that closed the approval: the first one wins (the run service lets only one through). */
export interface ApprovalDecisionChange {
  status: Exclude<HitlStatus, 'PENDING'>;
  decidedBy: string | null;
  comment: string | null;
  editedParams: Record<string, unknown> | null;
  /** For EXPIRED: the `onExpiry` action that was applied. */
  expiryAction: string | null;
  decidedAt: Date;
}

/**
 * What one batch does to one approval's row. Merging into an existing row (the writer) follows fixed
 * rules so that two batches applied one after the other equal one batch: `request` and `agentId`
 * are set once; `decision` is set once and only on a pending row; `escalated` only turns on,
 * `escalatedTo` keeps the latest; `lastPosition` is the highest.
 */
export interface ApprovalRowChange {
  approvalId: string;
  runId: string;
  /** Null when the run's RunStarted is not in this batch: the writer looks it up in `approval_runs`. */
  agentId: string | null;
  request: ApprovalRequest | null;
  decision: ApprovalDecisionChange | null;
  escalated: boolean;
  escalatedTo: string | null;
  lastPosition: string;
}

export interface ApprovalChanges {
  /** Run → agent, from RunStarted (approval events do not name the agent). */
  runs: { runId: string; agentId: string }[];
  approvals: ApprovalRowChange[];
  /**
   * Runs that ended (completed, failed, cancelled). A still-pending approval of an ended run can no
   * longer be decided: the writer stamps `run_ended_at` on it and the open-approvals list leaves it out.
   */
  endedRuns: { runId: string; endedAt: Date }[];
}

const ENDINGS = new Set(['RunCompleted', 'RunFailed', 'RunCancelled']);

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

function decisionOf(event: RecordedEvent): ApprovalDecisionChange | null {
  const base = {
    decidedBy: null,
    comment: null,
    editedParams: null,
    expiryAction: null,
    decidedAt: event.recordedAt,
  };
  switch (event.type) {
    case 'ApprovalGranted': {
      const data = event.data as unknown as Data<'ApprovalGranted'>;
      return {
        ...base,
        status: HitlStatus.Approved,
        decidedBy: data.by,
        comment: data.comment ?? null,
        editedParams: data.editedParams ?? null,
      };
    }
    case 'ApprovalRejected': {
      const data = event.data as unknown as Data<'ApprovalRejected'>;
      return { ...base, status: HitlStatus.Rejected, decidedBy: data.by, comment: data.comment ?? null };
    }
    case 'ApprovalExpired': {
      const data = event.data as unknown as Data<'ApprovalExpired'>;
      // An expiry that escalates hands the approval up: it stays pending for a human.
      if (data.action === 'escalate') return null;
      return { ...base, status: HitlStatus.Expired, expiryAction: data.action };
    }
    default:
      return null;
  }
}

function requestOf(event: RecordedEvent): ApprovalRequest {
  const data = event.data as unknown as Data<'ApprovalRequested'>;
  return {
    step: data.step,
    tool: data.tool,
    params: data.params,
    risk: data.risk,
    reasons: [...data.reasons],
    expiresAt: new Date(data.expiresAt),
    onExpiry: data.onExpiry,
    requestedAt: event.recordedAt,
  };
}

function applyEvent(change: ApprovalRowChange, event: RecordedEvent): void {
  change.lastPosition = event.position;
  if (event.type === 'ApprovalRequested') change.request ??= requestOf(event);
  else if (event.type === 'ApprovalEscalated') {
    change.escalated = true;
    change.escalatedTo = (event.data as unknown as Data<'ApprovalEscalated'>).to ?? change.escalatedTo;
  } else if (event.type === 'ApprovalExpired' && (event.data as { action?: string }).action === 'escalate') {
    change.escalated = true;
  } else change.decision ??= decisionOf(event);
}

const APPROVAL_EVENTS = new Set([
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalRejected',
  'ApprovalExpired',
  'ApprovalEscalated',
]);

/** Maps a batch of events (any streams, log order) to the approvals read model's changes. */
export function mapApprovalEvents(events: readonly RecordedEvent[]): ApprovalChanges {
  const agentOfRun = new Map<string, string>();
  const approvals = new Map<string, ApprovalRowChange>();
  const endedRuns: ApprovalChanges['endedRuns'] = [];
  for (const event of events) {
    if (!event.stream.startsWith('run-')) continue;
    const runId = parseStream(event.stream).id;
    if (event.type === 'RunStarted') {
      if (!agentOfRun.has(runId))
        agentOfRun.set(runId, (event.data as unknown as Data<'RunStarted'>).agentId);
    } else if (ENDINGS.has(event.type)) {
      endedRuns.push({ runId, endedAt: event.recordedAt });
    } else if (APPROVAL_EVENTS.has(event.type)) {
      const approvalId = (event.data as { approvalId: string }).approvalId;
      let change = approvals.get(approvalId);
      if (!change) {
        change = {
          approvalId,
          runId,
          agentId: agentOfRun.get(runId) ?? null,
          request: null,
          decision: null,
          escalated: false,
          escalatedTo: null,
          lastPosition: event.position,
        };
        approvals.set(approvalId, change);
      }
      applyEvent(change, event);
    }
  }
  const runs = [...agentOfRun].map(([runId, agentId]) => ({ runId, agentId }));
  return { runs, approvals: [...approvals.values()], endedRuns };
}
