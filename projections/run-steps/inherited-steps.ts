// Pure: the steps a fork starts with, from its source's rows. No I/O.
//
// Decision: a fork's steps are COPIED into its own rows when its RunStarted is projected (not read
// from the source at query time), so `Run.steps` pages one run's rows with one index scan, and the
// fork's own later events (which may continue the step it was forked in) fold onto those rows.
// The source's rows may be newer than the fork point (a run is usually forked after it went on),
// so what a step looked like at `atRevision` is rebuilt from the revisions each row keeps.
import {
  ENDED_STEP_STATUSES,
  INHERITED_REVISION,
  type RunStepRow,
  RunStepStatus,
  summarizeParams,
  withParams,
} from './step-row.ts';

/** The step as the engine resumes it in the fork: the model's proposal, not yet judged or run. */
function proposalOnly(row: RunStepRow): RunStepRow {
  const params = row.proposedParams;
  return {
    ...row,
    status: RunStepStatus.RunningTool,
    params,
    paramsSummary: summarizeParams(params),
    risk: null,
    decision: null,
    outcome: null,
    result: null,
    editedBy: null,
    finishedAt: null,
    durationMs: null,
  };
}

/**
 * The source's steps as a fork at `atRevision` (a revision of the source's own stream) inherits
 * them, re-keyed to `forkRunId`, their revisions set to -1 (they are not in the fork's stream):
 * - a step that began after the fork point is left out;
 * - a step that had ended by the fork point is kept as it is;
 * - a step whose action the model had proposed by then but that had not ended (the fork point
 *   refuses pending approvals and running tools, so it was at most judged or approved) restarts
 *   from the proposal: the fork evaluates and asks for itself, as `forkedRunStates` does;
 * - a step with only failed model calls is left out: the fork makes that call again.
 * Known imprecision: a tool that failed by the fork point and was retried after it counts as ended
 * on the live path (which folds the source only up to the fork point) but as a proposal here;
 * the fork's own events for that step overwrite both the same way.
 */
export function inheritedSteps(
  sourceRows: readonly RunStepRow[],
  forkRunId: string,
  atRevision: number,
  /** `forkedFrom.editedParams`: they replace the params of the step restarted from its proposal. */
  editedParams?: Record<string, unknown>,
): RunStepRow[] {
  const inherited: RunStepRow[] = [];
  for (const row of sourceRows) {
    if (row.firstRevision > atRevision) continue;
    let kept: RunStepRow;
    if (row.lastRevision <= atRevision && ENDED_STEP_STATUSES.has(row.status)) kept = row;
    else if (row.reasoningRevision !== null && row.reasoningRevision <= atRevision && row.kind === 'action')
      kept = editedParams === undefined ? proposalOnly(row) : withParams(proposalOnly(row), editedParams);
    else continue;
    inherited.push({
      ...kept,
      runId: forkRunId,
      reasoningRevision: kept.reasoningRevision === null ? null : INHERITED_REVISION,
      firstRevision: INHERITED_REVISION,
      lastRevision: INHERITED_REVISION,
    });
  }
  return inherited;
}
