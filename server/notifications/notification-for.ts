// Which log event notifies what: the one mapping from event types to NotificationEvent, pure.
import {
  type AnyEventData,
  NotificationEvent as N,
  type NotificationEvent,
  parseStream,
} from '../../schema/events/index.ts';

/**
 * The log event types behind each notification. APPROVAL_ESCALATED listens to `ApprovalEscalated`,
 * which the catalogue declares: a channel subscribed to it is told as soon as the engine appends one.
 */
export const SOURCE_EVENT_TYPES: Readonly<Record<NotificationEvent, readonly string[]>> = {
  [N.ApprovalRequested]: ['ApprovalRequested'],
  [N.ApprovalEscalated]: ['ApprovalEscalated'],
  [N.ApprovalExpired]: ['ApprovalExpired'],
  [N.ApprovalDecided]: ['ApprovalGranted', 'ApprovalRejected'],
  [N.RunCompleted]: ['RunCompleted'],
  [N.RunFailed]: ['RunFailed'],
  [N.RunCancelled]: ['RunCancelled'],
};

/** Every log event type that can notify. */
export const NOTIFYING_EVENT_TYPES: readonly string[] = Object.values(SOURCE_EVENT_TYPES).flat();

/** A log event as the mapping needs it. */
export interface SourceEvent {
  id: string;
  stream: string;
  position: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: Date;
}

/**
 * The message a channel is told: the webhook body as JSON (without the delivery id, which the
 * planner adds), and what Slack and email render. Stable field names: integrators parse it.
 */
export interface Notification {
  event: NotificationEvent;
  /** A sentence for people: what happened. */
  summary: string;
  occurredAt: string;
  runId: string | null;
  approvalId: string | null;
  /** The console page to open (the run, where its approvals are decided); null without PUBLIC_URL. */
  url: string | null;
  /** The log event it comes from: its id, type and position (the receiver's idempotency key is the delivery id). */
  source: { eventId: string; type: string; position: string };
  /** What the event says, in the catalogue's field names (a tool's params, a run's error, …). */
  details: Record<string, unknown>;
}

const shortId = (id: string) => id.slice(0, 8);

function summaryOf(event: AnyEventData, runId: string): string {
  const run = `run ${shortId(runId)}`;
  switch (event.type) {
    case 'ApprovalRequested':
      return `Approval needed: ${event.data.tool} (${event.data.risk}) in ${run}`;
    case 'ApprovalEscalated':
      return `Approval escalated${event.data.to ? ` to ${event.data.to}` : ''} in ${run}`;
    case 'ApprovalExpired':
      return `Approval expired in ${run}: ${event.data.action === 'approve' ? 'approved' : event.data.action === 'reject' ? 'rejected' : 'escalated'} by its on-expiry rule`;
    case 'ApprovalGranted':
      return `Approval granted by ${event.data.by} in ${run}`;
    case 'ApprovalRejected':
      return `Approval rejected by ${event.data.by} in ${run}`;
    case 'RunCompleted':
      return `Run ${shortId(runId)} completed`;
    case 'RunFailed':
      return `Run ${shortId(runId)} failed: ${event.data.error.message}`;
    case 'RunCancelled':
      return `Run ${shortId(runId)} cancelled by ${event.data.by}`;
    default:
      return `${event.type} in ${run}`;
  }
}

/** The notification event a log event triggers, or null when it triggers none. */
export function notificationEventOf(type: string): NotificationEvent | null {
  for (const [notification, types] of Object.entries(SOURCE_EVENT_TYPES)) {
    if (types.includes(type)) return notification as NotificationEvent;
  }
  return null;
}

/**
 * The notification of a log event, or null when the event notifies nothing. `consoleUrl` is the
 * console's base (PUBLIC_URL), without a trailing slash.
 */
export function notificationFor(event: SourceEvent, consoleUrl: string | null): Notification | null {
  const kind = notificationEventOf(event.type);
  if (!kind) return null;
  const { kind: streamKind, id: runId } = parseStream(event.stream);
  if (streamKind !== 'run') return null;
  const typed = { type: event.type, data: event.data } as AnyEventData;
  const approvalId = typeof event.data.approvalId === 'string' ? event.data.approvalId : null;
  const decision =
    event.type === 'ApprovalGranted'
      ? { decision: 'APPROVED' }
      : event.type === 'ApprovalRejected'
        ? { decision: 'REJECTED' }
        : {};
  return {
    event: kind,
    summary: summaryOf(typed, runId),
    occurredAt: event.recordedAt.toISOString(),
    runId,
    approvalId,
    url: consoleUrl ? `${consoleUrl}/maestro/runs/${runId}` : null,
    source: { eventId: event.id, type: event.type, position: event.position },
    details: { ...event.data, ...decision },
  };
}
