import { HitlStatus } from '../../../projections/approvals/hitl-status.ts';
import { mapApprovalEvents } from '../../../projections/approvals/mapping.ts';
import type { ApprovalView } from '../../../projections/approvals/queries.ts';
import type { RunView } from '../../../projections/runs/queries.ts';
import { idFromStream, type RunEventDataByType } from '../../../schema/events/index.ts';
import { readRunHistory } from '../../application/run-history.ts';
import { foldForkedRun } from '../../engine/forked-run.ts';
import { evolve, type RunState, toRunEvent } from '../../engine/run-state.ts';
import type { EventStore, RecordedEvent } from '../../eventstore/port.ts';
import { type RunViewTimes, runTimesAfter, runTimesOf, runViewFromState } from '../state-views.ts';

/**
 * Views of what one event of the live tail changed, computed once per event whatever the number
 * of subscribers: the hub pushes the same event object to each, and results are memoized by that
 * object (held weakly, so the memo empties itself). Each view is exact as of its event, folded from
 * the stream, never read from a read model that may lag.
 */
export interface LiveViews {
  /** The run as of `event` (an event of a `run-` stream). */
  runAt(event: RecordedEvent): Promise<RunView>;
  /** The approval an Approval* event is about, as of that event; null for any other event. */
  approvalAt(event: RecordedEvent): Promise<ApprovalView | null>;
}

function memoized<T>(compute: (event: RecordedEvent) => Promise<T>): (event: RecordedEvent) => Promise<T> {
  const memo = new WeakMap<RecordedEvent, Promise<T>>();
  return (event) => {
    let result = memo.get(event);
    if (!result) {
      result = compute(event);
      memo.set(event, result);
    }
    return result;
  };
}

/** The stream up to and including `event` (revisions count from 0). */
const historyUpTo = (store: EventStore, event: RecordedEvent) =>
  store.readStream(event.stream, { maxCount: event.revision + 1 });

/** An approval as of the run's events up to its latest event (pure). */
export function approvalFromHistory(
  events: readonly RecordedEvent[],
  approvalId: string,
): ApprovalView | null {
  const changes = mapApprovalEvents(events);
  const change = changes.approvals.find((approval) => approval.approvalId === approvalId);
  const request = change?.request;
  if (!change || !request) return null;
  const decision = change.decision;
  const ended = changes.endedRuns[0]?.endedAt ?? null;
  return {
    id: change.approvalId,
    runId: change.runId,
    agentId: changes.runs[0]?.agentId ?? null,
    step: request.step,
    tool: request.tool,
    params: request.params,
    risk: request.risk,
    reasons: request.reasons,
    status: decision?.status ?? HitlStatus.Pending,
    expiresAt: request.expiresAt,
    onExpiry: request.onExpiry,
    expiryAction: decision?.expiryAction ?? null,
    escalated: change.escalated,
    escalatedTo: change.escalatedTo,
    decidedBy: decision?.decidedBy ?? null,
    comment: decision?.comment ?? null,
    editedParams: decision?.editedParams ?? null,
    requestedAt: request.requestedAt,
    decidedAt: decision?.decidedAt ?? null,
    runEndedAt: decision ? null : ended,
    lastPosition: change.lastPosition,
  };
}

/** The approval an ApprovalRequested event describes, as a pending request (no read needed). */
export function approvalRequestedView(event: RecordedEvent): ApprovalView {
  const data = event.data as unknown as RunEventDataByType['ApprovalRequested'];
  return {
    id: data.approvalId,
    runId: idFromStream(event.stream),
    agentId: null,
    step: data.step,
    tool: data.tool,
    params: data.params,
    risk: data.risk,
    reasons: data.reasons,
    status: HitlStatus.Pending,
    expiresAt: new Date(data.expiresAt),
    onExpiry: data.onExpiry,
    expiryAction: null,
    escalated: false,
    escalatedTo: null,
    decidedBy: null,
    comment: null,
    editedParams: null,
    requestedAt: event.recordedAt,
    decidedAt: null,
    runEndedAt: null,
    lastPosition: event.position,
  };
}

/**
 * Live views over `store`. Run states are kept for the `maxRuns` runs most recently touched, so
 * a run's next event is folded onto its state in memory; any other event reads the run's history
 * once (for a fork, with what it inherited from its source, as the run service folds it).
 */
export function createLiveViews(store: EventStore, options: { maxRuns?: number } = {}): LiveViews {
  const maxRuns = options.maxRuns ?? 1000;
  const states = new Map<string, { state: RunState; times: RunViewTimes }>();
  const remember = (runId: string, state: RunState, times: RunViewTimes) => {
    const known = states.get(runId);
    if (known && known.state.revision >= state.revision) return;
    states.delete(runId); // re-inserted last: the map's order is the order of use
    states.set(runId, { state, times });
    if (states.size > maxRuns) states.delete(states.keys().next().value as string);
  };
  return {
    runAt: memoized(async (event) => {
      const runId = idFromStream(event.stream);
      const known = states.get(runId);
      const runEvent = toRunEvent(event);
      let state: RunState;
      let times: RunViewTimes;
      if (known && runEvent && known.state.revision === event.revision - 1) {
        state = evolve(known.state, runEvent);
        times = runTimesAfter(known.times, event);
      } else {
        const { own, inherited } = await readRunHistory(store, runId);
        const upTo = own.filter((item) => item.revision <= event.revision);
        state = foldForkedRun(upTo, inherited);
        times = runTimesOf(upTo);
      }
      remember(runId, state, times);
      return runViewFromState(state, runId, event.position, times);
    }),
    approvalAt: memoized(async (event) => {
      const approvalId = event.data.approvalId;
      if (typeof approvalId !== 'string') return null;
      return approvalFromHistory(await historyUpTo(store, event), approvalId);
    }),
  };
}
