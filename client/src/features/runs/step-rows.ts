// What one row of the trace shows, from either source: a `RunStep` of the steps read model (the
// live trace) or a step folded from events (replay). Pure.
import { StepStatus, type TraceStep } from './trace-types';

/** A step as `Run.steps` and `runStepUpdated` deliver it (the fields the console asks for). */
export interface RunStepNode {
  step: number;
  status: string;
  kind: string;
  thought: string;
  tool?: string | null;
  paramsSummary?: string | null;
  risk?: string | null;
  decision?: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs?: number | null;
  startedAt: string;
  finishedAt?: string | null;
  durationMs?: number | null;
  lastRevision: number;
}

export interface StepSummary {
  step: number;
  status: StepStatus;
  tool: string | null;
  /** The step gave the final answer. */
  finished: boolean;
  /** One line: the thought, or what stands in for it. */
  text: string;
  paramsSummary: string | null;
  risk: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** From the step's first event to its last (null while under way). */
  durationMs: number | null;
  lastRevision: number;
  /** How many annotations (feedback) the step has; absent while not known. */
  feedback?: number;
}

const WAITING_TEXT = 'Waiting for the model…';

const STATUS_OF_RUN_STEP: Readonly<Record<string, StepStatus>> = {
  REASONING: StepStatus.Thinking,
  WAITING_FOR_APPROVAL: StepStatus.AwaitingApproval,
  RUNNING_TOOL: StepStatus.Running,
  SUCCEEDED: StepStatus.Succeeded,
  FAILED: StepStatus.Failed,
  BLOCKED: StepStatus.Blocked,
  REJECTED: StepStatus.Rejected,
  EXPIRED: StepStatus.Expired,
  FINISHED: StepStatus.Finished,
  MALFORMED: StepStatus.Malformed,
  OUTCOME_UNKNOWN: StepStatus.OutcomeUnknown,
};

const UNDER_WAY: ReadonlySet<StepStatus> = new Set([
  StepStatus.Thinking,
  StepStatus.AwaitingApproval,
  StepStatus.Running,
]);

/** A read-model step as a row; a step still under way when its run ended shows as interrupted. */
export function summaryOfRunStep(node: RunStepNode, runEnded: boolean): StepSummary {
  let status = STATUS_OF_RUN_STEP[node.status] ?? StepStatus.Thinking;
  if (runEnded && UNDER_WAY.has(status)) status = StepStatus.Interrupted;
  return {
    step: node.step,
    status,
    tool: node.tool ?? null,
    finished: node.kind === 'FINISH',
    text:
      node.thought || (status === StepStatus.Malformed ? 'The model gave an unusable answer.' : WAITING_TEXT),
    paramsSummary: node.paramsSummary ?? null,
    risk: node.risk ?? null,
    inputTokens: node.inputTokens,
    outputTokens: node.outputTokens,
    costUsd: node.costUsd,
    durationMs: node.durationMs ?? null,
    lastRevision: node.lastRevision,
  };
}

/** A folded step (replay) as a row. */
export function summaryOfTraceStep(step: TraceStep, underWay: boolean): StepSummary {
  const text =
    step.thought ?? step.rejections.at(-1)?.detail ?? step.failures.at(-1)?.message ?? WAITING_TEXT;
  return {
    step: step.step,
    status: step.status,
    tool: step.tool,
    finished: step.finish !== null,
    text,
    paramsSummary: null,
    risk: step.safety?.risk ?? null,
    inputTokens: step.tokens.input,
    outputTokens: step.tokens.output,
    costUsd: step.costUsd,
    durationMs: underWay ? null : Date.parse(step.updatedAt) - Date.parse(step.startedAt),
    lastRevision: step.lastRevision,
  };
}

/**
 * `current` with `incoming` merged in, in step order; of two versions of a step the later one
 * (higher `lastRevision`) wins, so a page read before a live update cannot undo it. Returns
 * `current` itself when nothing changed.
 */
export function mergeSteps<T extends { step: number; lastRevision: number }>(
  current: readonly T[],
  incoming: readonly T[],
): readonly T[] {
  if (incoming.length === 0) return current;
  // The usual cases: the next page, or an update of the newest step.
  const lastStep = current.at(-1)?.step ?? Number.NEGATIVE_INFINITY;
  if (incoming.every((node, index) => node.step > (incoming[index - 1]?.step ?? lastStep))) {
    return [...current, ...incoming];
  }
  const byStep = new Map(current.map((node) => [node.step, node]));
  let changed = false;
  for (const node of incoming) {
    const known = byStep.get(node.step);
    if (known && known.lastRevision >= node.lastRevision) continue;
    byStep.set(node.step, node);
    changed = true;
  }
  if (!changed) return current;
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}
