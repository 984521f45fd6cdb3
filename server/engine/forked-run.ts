// A fork's state: its own RunStarted, then the source's history up to the fork point, then its own
// events. Pure; nothing is copied between streams, the inherited events are read from the source.
import { evolve, initialRunState, isTerminal, type RunEvent, type RunState, RunStatus } from './run-state.ts';

/**
 * The fork right after the inherited history: its own revision and start, its own status (queued
 * until its own events move it, as the runs read model shows it), the inherited tokens and cost set
 * apart from its own, and a proposal that goes through the fork's safety and humans again.
 */
function rebased(
  started: RunState,
  afterInherited: RunState,
  editedParams: Record<string, unknown> | undefined,
): RunState {
  const { totals, proposal, status } = afterInherited;
  const params = editedParams ?? proposal?.params;
  // The model sees the edit in its conversation, as it sees an operator's edit at an approval.
  const edited = { by: 'fork', comment: 'set when the run was forked', params: params ?? {} };
  const steps =
    editedParams === undefined || proposal === null
      ? afterInherited.steps
      : afterInherited.steps.map((item) =>
          item.step === proposal.step && item.answer.kind === 'action' ? { ...item, edited } : item,
        );
  return {
    ...afterInherited,
    status: status === RunStatus.Running ? RunStatus.Queued : status,
    revision: started.revision,
    totals: { ...started.totals, steps: totals.steps },
    // `started` has counted nothing yet, so everything counted since is inherited.
    inherited: {
      inputTokens: totals.inputTokens,
      outputTokens: totals.outputTokens,
      costUsd: totals.costUsd,
    },
    // A verdict or grant was given under the source's policies and by the source's humans; whoever
    // may fork need not be allowed to approve, so the fork evaluates (and asks) for itself.
    proposal:
      proposal === null ? null : { ...proposal, params: params ?? {}, verdict: null, approvedBy: null },
    steps,
  };
}

/**
 * The state after each of the fork's own events, in order: `own[i]` gives the i-th state. The
 * inherited events (the source's history up to the fork point, without its `RunStarted`) are folded
 * right after the fork's own `RunStarted`. A `RunStarted` among them is skipped (it would restart
 * the fold); events before the fork's own `RunStarted` are ignored, as `foldRun` does. Never throws.
 */
export function* forkedRunStates(
  own: readonly RunEvent[],
  inherited: readonly RunEvent[],
): Generator<RunState> {
  let state = initialRunState;
  let forked = false;
  for (const event of own) {
    state = evolve(state, event);
    if (!forked && event.type === 'RunStarted') {
      forked = true;
      let through = state;
      for (const old of inherited) if (old.type !== 'RunStarted') through = evolve(through, old);
      state = rebased(state, through, event.data.forkedFrom?.editedParams);
    }
    yield state;
  }
}

/**
 * Folds a fork: its own `RunStarted` (agent, inputs and `forkedFrom` are the fork's), the inherited
 * events, then the rest of its own stream. `revision` is the fork's own stream revision (0 after only
 * its `RunStarted`), so appends with the expected revision work. Tokens and cost of the inherited
 * calls go to `inherited`, not `totals` (budgets count both, see `usageSoFar`); `totals.steps` is the
 * step number, which continues the source's. With no inherited events this is `foldRun(own)`.
 * Never throws.
 */
export function foldForkedRun(own: readonly RunEvent[], inherited: readonly RunEvent[]): RunState {
  let state = initialRunState;
  for (const next of forkedRunStates(own, inherited)) state = next;
  return state;
}

/**
 * Why a run cannot be forked at a point, given its state there; null when it can. Refused: before
 * the run started, after it ended, while an approval (or an unknown tool outcome) waits for a human,
 * and while a tool call has started without an outcome: the fork would inherit a decision nobody can
 * make in it, or a side effect it cannot know happened.
 */
export function forkPointProblem(state: RunState): string | null {
  if (state.runId === null) return 'the run had not started';
  if (isTerminal(state.status)) return `the run had already ended (${state.status})`;
  const { approval, proposal } = state;
  if (approval !== null) {
    return `the run was waiting for approval ${approval.approvalId} of ${approval.tool} (step ${approval.step})`;
  }
  const open = state.openToolCalls[0];
  if (open !== undefined) {
    return `${open.tool} (step ${open.step}, call ${open.callId}) had started and its outcome was not recorded`;
  }
  if (proposal?.outcomeUnknown) {
    return `the outcome of ${proposal.tool} (step ${proposal.step}) was unknown and waiting for a human`;
  }
  return null;
}

/** "the nearest revision to fork at is 3", "… are 3 and 8", or that there is none. */
function nearbyPoints(before: number | undefined, after: number | undefined): string {
  const valid = [before, after].filter((revision) => revision !== undefined);
  if (valid.length === 0) return 'it has no revision to fork at';
  if (valid.length === 1) return `the nearest revision to fork at is ${valid[0]}`;
  return `the nearest revisions to fork at are ${valid[0]} and ${valid[1]}`;
}

/**
 * Why a run cannot be forked at `atRevision`, as a clause for "Run … cannot be forked at revision
 * …: <clause>", naming the nearest revisions before and after it that can be; null when it can.
 * `source` is the run's own and inherited events, as `readRunHistory` gives them. Never throws.
 */
export function forkPointRefusal(
  source: { own: readonly RunEvent[]; inherited: readonly RunEvent[] },
  atRevision: number,
): string | null {
  const states = [...forkedRunStates(source.own, source.inherited)];
  const at = states.find((state) => state.revision === atRevision);
  if (at === undefined)
    return `it has no revision ${atRevision} (its last is ${states.at(-1)?.revision ?? -1})`;
  const problem = forkPointProblem(at);
  if (problem === null) return null;
  const valid = states.filter((state) => forkPointProblem(state) === null).map((state) => state.revision);
  const before = valid.findLast((revision) => revision < atRevision);
  const after = valid.find((revision) => revision > atRevision);
  return `${problem}; ${nearbyPoints(before, after)}`;
}
