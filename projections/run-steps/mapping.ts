// Pure: run events → the rows of `run_steps`, one per (run, step). No I/O. Two consumers fold with
// it: the projection's writer (rows loaded from the table, then a batch) and the live step stream
// (a run's history from the log, then each new event), so a live row equals the row written later.
import type { RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import { inheritedSteps } from './inherited-steps.ts';
import { ended, newStepRow, type RunStepRow, RunStepStatus, reopened, withParams } from './step-row.ts';

type Data<T extends keyof RunEventDataByType> = RunEventDataByType[T];

const NANOS_PER_USD = 1_000_000_000;

/** One run's rows as the fold knows them, and its latest step (what step-less events are about). */
interface RunSteps {
  current: number;
  rows: Map<number, RunStepRow>;
}

/**
 * The fold. Steps run one after the other, so an event that names no step (approval decisions,
 * tool outcomes) belongs to the run's latest step. It needs, per run, only the latest step's row,
 * and, for a fork's `RunStarted`, every row of its source (see `inheritedSteps`).
 */
export class RunStepsFold {
  private readonly runs = new Map<string, RunSteps>();

  /** Starts from rows already projected (any order). */
  constructor(known: readonly RunStepRow[] = []) {
    for (const row of known) this.put(row);
  }

  /** Every row of `runId` the fold knows, by step. */
  rowsOf(runId: string): RunStepRow[] {
    const rows = [...(this.runs.get(runId)?.rows.values() ?? [])];
    return rows.sort((a, b) => a.step - b.step);
  }

  /** Applies one event of the log; returns the rows it changed, as they are now. */
  apply(event: RecordedEvent): RunStepRow[] {
    if (!event.stream.startsWith('run-')) return [];
    const runId = parseStream(event.stream).id;
    if (event.type === 'RunStarted') return this.started(runId, event.data as unknown as Data<'RunStarted'>);
    const step = stepNamedBy(event) ?? this.runs.get(runId)?.current;
    if (step === undefined || step < 1) return [];
    const before = this.runs.get(runId)?.rows.get(step);
    if (before === undefined && !BEGINS_A_STEP.has(event.type)) return [];
    const row = before ?? newStepRow(runId, step, event.recordedAt, event.revision);
    const after = applyToRow(row, event);
    if (after === null) return [];
    const changed = { ...after, lastRevision: event.revision };
    this.put(changed);
    return [changed];
  }

  private started(runId: string, data: Data<'RunStarted'>): RunStepRow[] {
    this.runs.delete(runId);
    const from = data.forkedFrom;
    if (from === undefined) return [];
    const rows = inheritedSteps(this.rowsOf(from.runId), runId, from.atRevision, from.editedParams);
    for (const row of rows) this.put(row);
    return rows;
  }

  private put(row: RunStepRow): void {
    let run = this.runs.get(row.runId);
    if (!run) {
      run = { current: 0, rows: new Map() };
      this.runs.set(row.runId, run);
    }
    run.rows.set(row.step, row);
    run.current = Math.max(run.current, row.step);
  }
}

/** Events that can be a step's first: its model call (answered or failed), or a judged or started call. */
const BEGINS_A_STEP: ReadonlySet<string> = new Set([
  'ReasoningFailed',
  'ReasoningCompleted',
  'ModelOutputRejected',
  'SafetyEvaluated',
  'ApprovalRequested',
  'ToolCallStarted',
]);

/** The step an event names, when it names one. */
function stepNamedBy(event: RecordedEvent): number | undefined {
  const step = event.data.step;
  return typeof step === 'number' ? step : undefined;
}

/** The row after `event`; null when the event does not change a step row. */
function applyToRow(row: RunStepRow, event: RecordedEvent): RunStepRow | null {
  const at = event.recordedAt;
  switch (event.type) {
    case 'ReasoningFailed':
      return row.kind === null ? row : null;
    case 'ReasoningCompleted':
      return answered(row, event.data as unknown as Data<'ReasoningCompleted'>, at, event.revision);
    case 'ModelOutputRejected': {
      const data = event.data as unknown as Data<'ModelOutputRejected'>;
      const counted = { ...withCall(row, data, event.revision), kind: 'malformed' as const };
      const why = { problem: data.problem, detail: data.detail, raw: data.raw };
      return ended(counted, at, RunStepStatus.Malformed, null, why);
    }
    case 'SafetyEvaluated':
      return evaluated(row, event.data as unknown as Data<'SafetyEvaluated'>, at);
    default:
      return approvalOrTool(row, event);
  }
}

/** Tokens, cost and latency of the step's answered LLM call. */
function withCall(
  row: RunStepRow,
  data: Data<'ReasoningCompleted'> | Data<'ModelOutputRejected'>,
  revision: number,
): RunStepRow {
  const { usage } = data;
  return {
    ...row,
    inputTokens: row.inputTokens + usage.inputTokens,
    outputTokens: row.outputTokens + usage.outputTokens,
    cachedTokens: row.cachedTokens + usage.cachedTokens,
    reasoningTokens: row.reasoningTokens + usage.reasoningTokens,
    costNanoUsd: row.costNanoUsd + Math.round(data.costUsd * NANOS_PER_USD),
    latencyMs: data.latencyMs,
    reasoningRevision: revision,
  };
}

function answered(row: RunStepRow, data: Data<'ReasoningCompleted'>, at: Date, revision: number): RunStepRow {
  const counted = { ...withCall(row, data, revision), thought: data.thought };
  if (data.action !== undefined) {
    const { tool, params } = data.action;
    return {
      ...withParams(counted, params),
      kind: 'action',
      tool,
      proposedParams: params,
      status: RunStepStatus.RunningTool,
    };
  }
  const finished = { ...counted, kind: 'finish' as const, output: data.finish?.output ?? null };
  return ended(finished, at, RunStepStatus.Finished, null, null);
}

function evaluated(row: RunStepRow, data: Data<'SafetyEvaluated'>, at: Date): RunStepRow {
  const judged = { ...row, risk: data.risk, decision: data.decision, tool: row.tool ?? data.tool };
  switch (data.decision) {
    case 'block':
      return ended(judged, at, RunStepStatus.Blocked, 'blocked', { risk: data.risk, reasons: data.reasons });
    case 'require_approval':
      return { ...judged, status: RunStepStatus.WaitingForApproval };
    default:
      return { ...judged, status: RunStepStatus.RunningTool };
  }
}

function approvalOrTool(row: RunStepRow, event: RecordedEvent): RunStepRow | null {
  const at = event.recordedAt;
  const afterUnknownOutcome = row.status === RunStepStatus.OutcomeUnknown;
  switch (event.type) {
    case 'ApprovalRequested': {
      const data = event.data as unknown as Data<'ApprovalRequested'>;
      return { ...row, risk: data.risk, status: RunStepStatus.WaitingForApproval };
    }
    case 'ApprovalEscalated':
      return { ...row, status: RunStepStatus.WaitingForApproval };
    case 'ApprovalGranted': {
      const data = event.data as unknown as Data<'ApprovalGranted'>;
      const approved = reopened(row, RunStepStatus.RunningTool);
      if (data.editedParams === undefined) return approved;
      return { ...withParams(approved, data.editedParams), editedBy: data.by };
    }
    case 'ApprovalRejected': {
      const { by, comment } = event.data as unknown as Data<'ApprovalRejected'>;
      const result = { by, ...(comment === undefined ? {} : { comment }), afterUnknownOutcome };
      return ended(row, at, RunStepStatus.Rejected, 'rejected', result);
    }
    case 'ApprovalExpired': {
      const { action } = event.data as unknown as Data<'ApprovalExpired'>;
      if (action === 'reject')
        return ended(row, at, RunStepStatus.Expired, 'expired', { afterUnknownOutcome });
      return reopened(
        row,
        action === 'approve' ? RunStepStatus.RunningTool : RunStepStatus.WaitingForApproval,
      );
    }
    default:
      return toolOrEnd(row, event);
  }
}

function toolOrEnd(row: RunStepRow, event: RecordedEvent): RunStepRow | null {
  const at = event.recordedAt;
  switch (event.type) {
    case 'ToolCallStarted': {
      const data = event.data as unknown as Data<'ToolCallStarted'>;
      return { ...withParams(reopened(row, RunStepStatus.RunningTool), data.params), tool: data.tool };
    }
    case 'ToolCallSucceeded': {
      const { result, truncated } = event.data as unknown as Data<'ToolCallSucceeded'>;
      const details =
        truncated === undefined ? { result } : { result, originalBytes: truncated.originalBytes };
      return ended(row, at, RunStepStatus.Succeeded, 'succeeded', details);
    }
    case 'ToolCallFailed': {
      const { error } = event.data as unknown as Data<'ToolCallFailed'>;
      return ended(row, at, RunStepStatus.Failed, 'failed', { error });
    }
    case 'ToolCallOutcomeUnknown':
      return reopened(row, RunStepStatus.OutcomeUnknown);
    case 'RunFailed': {
      // The run gave up inside this step (budget, three malformed answers, a failed model call).
      if (row.finishedAt !== null) return null;
      const { error } = event.data as unknown as Data<'RunFailed'>;
      return ended(row, at, RunStepStatus.Failed, 'failed', { error });
    }
    default:
      return null;
  }
}

/**
 * Folds `events` (any streams, log order) onto rows already known; returns the final state of
 * every row the events changed, ordered by run and step.
 */
export function mapRunStepEvents(
  known: readonly RunStepRow[],
  events: readonly RecordedEvent[],
): RunStepRow[] {
  const fold = new RunStepsFold(known);
  const changed = new Map<string, RunStepRow>();
  for (const event of events) {
    for (const row of fold.apply(event)) changed.set(`${row.runId}\u0000${row.step}`, row);
  }
  return [...changed.values()].sort((a, b) =>
    a.runId === b.runId ? a.step - b.step : a.runId < b.runId ? -1 : 1,
  );
}
