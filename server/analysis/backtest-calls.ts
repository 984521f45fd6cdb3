// Policy back-testing: every tool call a run proposed, as its recorded verdict and as a draft policy
// would have judged it. Pure: the draft's verdict comes in as a function; no tool runs.
import type { RiskLevel, SafetyDecision } from '../../schema/events/index.ts';
import { forkedRunStates } from '../engine/forked-run.ts';
import { evolve, type RunEvent, type RunState, type SafetyVerdict } from '../engine/run-state.ts';

/** One recorded tool call (a `SafetyEvaluated` proposal), under the recorded policy and the draft. */
export interface BacktestCall {
  runId: string;
  step: number;
  /** Revision of the recorded `SafetyEvaluated` in the run's stream. */
  revision: number;
  tool: string;
  params: Record<string, unknown>;
  recordedDecision: SafetyDecision;
  draftDecision: SafetyDecision;
  recordedRisk: RiskLevel;
  draftRisk: RiskLevel;
  /** Why the draft decides as it does. */
  reasons: string[];
  /** The draft's decision or risk differs from the recorded one. */
  changed: boolean;
}

/** The draft policy's verdict for a proposal, on the run's state when it was evaluated. */
export type DraftVerdict = (state: RunState, tool: string, params: Record<string, unknown>) => SafetyVerdict;

/**
 * Every tool call `own` records (each `SafetyEvaluated`, with the params the proposal carried at that
 * point, an operator's edit included), judged again by `draftVerdict` on the state the recorded
 * verdict saw (usage so far counts as it did then). A fork's inherited calls are its source's and
 * are not repeated here. Never throws.
 */
export function backtestCalls(
  runId: string,
  history: { own: readonly RunEvent[]; inherited: readonly RunEvent[] },
  draftVerdict: DraftVerdict,
): BacktestCall[] {
  const [first, ...rest] = history.own;
  if (first?.type !== 'RunStarted') return [];
  let state: RunState | undefined;
  for (const next of forkedRunStates([first], history.inherited)) state = next;
  if (state === undefined) return [];
  const calls: BacktestCall[] = [];
  for (const event of rest) {
    const proposal = state.proposal;
    if (
      event.type === 'SafetyEvaluated' &&
      proposal?.step === event.data.step &&
      proposal.tool === event.data.tool
    ) {
      const { step, tool, decision, risk } = event.data;
      const draft = draftVerdict(state, tool, proposal.params);
      calls.push({
        runId,
        step,
        revision: event.revision,
        tool,
        params: proposal.params,
        recordedDecision: decision,
        draftDecision: draft.decision,
        recordedRisk: risk,
        draftRisk: draft.risk,
        reasons: draft.reasons,
        changed: draft.decision !== decision || draft.risk !== risk,
      });
    }
    state = evolve(state, event);
  }
  return calls;
}

/** What a draft would have done to a run: the first call it stops (blocks or holds for a human) that ran before. */
export function wouldHaveStopped(call: BacktestCall): boolean {
  return call.recordedDecision === 'allow' && call.draftDecision !== 'allow';
}
