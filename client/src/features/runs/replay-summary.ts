// The run's header figures as of a replayed revision: status, steps, tokens, cost, duration and
// the final answer come from the fold of the events up to there, never from the run's latest
// state. Pure.
import type { RunStatus, RunSummaryFieldsFragment } from '../../gql/graphql';
import { StepStatus, type Trace } from './trace-types';

/** `run` as it stood after the events folded into `trace` (a prefix of its history). */
export function summaryAtRevision(
  run: RunSummaryFieldsFragment,
  trace: Trace,
  at: string | null,
): RunSummaryFieldsFragment {
  const ended = trace.run.endedAt;
  const until = ended ?? at;
  return {
    ...run,
    status: statusOf(trace),
    finishedAt: ended,
    updatedAt: at ?? run.updatedAt,
    lastRevision: trace.lastRevision,
    lastPosition: trace.lastPosition ?? run.lastPosition,
    output: trace.run.phase === 'completed' ? trace.run.output : null,
    error: trace.run.error ? { code: trace.run.error.code, message: trace.run.error.message } : null,
    metrics: {
      steps: trace.steps.at(-1)?.step ?? 0,
      inputTokens: trace.tokens.input,
      outputTokens: trace.tokens.output,
      costUsd: trace.costUsd,
      durationMs: until ? Math.max(0, Date.parse(until) - Date.parse(run.startedAt)) : null,
    },
  };
}

function statusOf(trace: Trace): RunStatus {
  switch (trace.run.phase) {
    case 'not_started':
      return 'QUEUED';
    case 'completed':
      return 'COMPLETED';
    case 'failed':
      return 'FAILED';
    case 'cancelled':
      return 'CANCELLED';
    default:
      return trace.steps.at(-1)?.status === StepStatus.AwaitingApproval ? 'WAITING_FOR_APPROVAL' : 'RUNNING';
  }
}
