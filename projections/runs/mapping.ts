// Pure: run events → one row change per run. No I/O; the writer turns the changes into SQL.
import type { RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import { isTerminalRunStatus, RunStatus } from './run-status.ts';

/**
 * What one batch does to one run's row. Merging it into an existing row (the writer) follows fixed
 * rules, so that applying two batches one after the other equals applying them as one:
 * - set once (`agentId` … `startedAt`): the first non-null value wins (`startedAt` is the time of
 *   the run's first event, its RunStarted);
 * - `status`: the one set at the higher `statusRevision` wins (-1: the batch set none), except that a
 *   terminal status is never left; `finishedAt`, `output`, `error*` are set with the terminal status;
 * - counters (`inputTokens`, `outputTokens`, `costNanoUsd`) add up; `steps` is the highest step;
 * - `updatedAt`, `lastRevision`, `lastPosition` are the batch's last event of the run.
 */
export interface RunRowChange {
  id: string;
  agentId: string | null;
  agentVersion: number | null;
  goal: string | null;
  forkedFrom: string | null;
  forkedAtRevision: number | null;
  startedAt: Date;
  status: RunStatus;
  statusRevision: number;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  /** Cost in billionths of a dollar: integers add up exactly, in any grouping. */
  costNanoUsd: number;
  /** JSON text of `RunCompleted.output`. */
  output: string | null;
  error: string | null;
  errorCode: string | null;
  finishedAt: Date | null;
  updatedAt: Date;
  lastRevision: number;
  lastPosition: string;
}

/** Which status an event moves a run to; null: it does not change the status. */
export function statusAfter(event: RecordedEvent): RunStatus | null {
  switch (event.type) {
    case 'RunStarted':
      return RunStatus.Queued;
    case 'ReasoningCompleted':
    case 'ModelOutputRejected':
    case 'ReasoningFailed':
    case 'ToolCallStarted':
    case 'ApprovalGranted':
    case 'ApprovalRejected':
      return RunStatus.Running;
    case 'ApprovalExpired': {
      const { action } = event.data as unknown as RunEventDataByType['ApprovalExpired'];
      return action === 'escalate' ? RunStatus.WaitingForApproval : RunStatus.Running;
    }
    case 'ApprovalRequested':
    case 'ApprovalEscalated':
    case 'ToolCallOutcomeUnknown': // a human must decide whether the tool ran
      return RunStatus.WaitingForApproval;
    case 'RunCompleted':
      return RunStatus.Completed;
    case 'RunFailed':
      return RunStatus.Failed;
    case 'RunCancelled':
      return RunStatus.Cancelled;
    default:
      return null; // SafetyEvaluated, ToolCallSucceeded/Failed, MemoryStored follow a status already set
  }
}

const NANOS_PER_USD = 1_000_000_000;

function emptyChange(id: string, event: RecordedEvent): RunRowChange {
  return {
    id,
    agentId: null,
    agentVersion: null,
    goal: null,
    forkedFrom: null,
    forkedAtRevision: null,
    // A run's first event is its RunStarted: its time is the start, also for a run projected in parts.
    startedAt: event.recordedAt,
    status: RunStatus.Queued,
    statusRevision: -1,
    steps: 0,
    inputTokens: 0,
    outputTokens: 0,
    costNanoUsd: 0,
    output: null,
    error: null,
    errorCode: null,
    finishedAt: null,
    updatedAt: event.recordedAt,
    lastRevision: event.revision,
    lastPosition: event.position,
  };
}

function applyEvent(change: RunRowChange, event: RecordedEvent): void {
  change.updatedAt = event.recordedAt;
  change.lastRevision = event.revision;
  change.lastPosition = event.position;
  if (event.type === 'RunStarted' && change.agentId === null) {
    const data = event.data as unknown as RunEventDataByType['RunStarted'];
    change.agentId = data.agentId;
    change.agentVersion = data.agentVersion;
    change.goal = data.inputs.goal;
    change.forkedFrom = data.forkedFrom?.runId ?? null;
    change.forkedAtRevision = data.forkedFrom?.atRevision ?? null;
  }
  if (event.type === 'ReasoningCompleted' || event.type === 'ModelOutputRejected') {
    const data = event.data as unknown as RunEventDataByType['ReasoningCompleted'];
    change.inputTokens += data.usage.inputTokens;
    change.outputTokens += data.usage.outputTokens;
    change.costNanoUsd += Math.round(data.costUsd * NANOS_PER_USD);
    if (event.type === 'ReasoningCompleted') change.steps = Math.max(change.steps, data.step);
  }
  const status = statusAfter(event);
  if (status === null || (change.statusRevision >= 0 && isTerminalRunStatus(change.status))) return;
  change.status = status;
  change.statusRevision = event.revision;
  if (status === RunStatus.Completed) {
    const data = event.data as unknown as RunEventDataByType['RunCompleted'];
    change.output = JSON.stringify(data.output);
  } else if (status === RunStatus.Failed) {
    const data = event.data as unknown as RunEventDataByType['RunFailed'];
    change.error = data.error.message;
    change.errorCode = data.error.code ?? null;
  }
  if (isTerminalRunStatus(status)) change.finishedAt = event.recordedAt;
}

/** Folds a batch of events (any streams, log order) into one change per run it touches. */
export function mapRunEvents(events: readonly RecordedEvent[]): RunRowChange[] {
  const changes = new Map<string, RunRowChange>();
  for (const event of events) {
    if (!event.stream.startsWith('run-')) continue;
    const id = parseStream(event.stream).id;
    let change = changes.get(id);
    if (!change) {
      change = emptyChange(id, event);
      changes.set(id, change);
    }
    applyEvent(change, event);
  }
  return [...changes.values()];
}
