// Verified replay: re-drive the pure engine over a run's recorded events and compare each decision
// it makes now with the one the log holds. Pure: the log is the world (every model answer, tool
// outcome, embedding and human decision is read from it), so nothing outside is ever called.
import type { AgentConfig } from '../../schema/events/index.ts';
import { decide } from '../engine/decide.ts';
import { forkedRunStates } from '../engine/forked-run.ts';
import { evolve, type RunEvent, type RunState } from '../engine/run-state.ts';
import { type Comparison, compareDecision, describeEvent, type ReplayChecks } from './replay-compare.ts';

export type { ReplayChecks } from './replay-compare.ts';

/** Where the engine no longer decides what the log recorded. */
export interface ReplayDivergence {
  /** Revision (in the run's own stream) of the recorded event the engine now decides differently. */
  revision: number;
  /** The recorded event's step, or the step the run was at (0 before the first). */
  step: number;
  /** The recorded event, described. */
  expected: string;
  /** What the engine decides now at that point, described. */
  actual: string;
}

export interface ReplayOutcome {
  matched: boolean;
  /** Engine decisions compared with a recorded event (up to and including a divergence). */
  decisionsCompared: number;
  firstDivergence: ReplayDivergence | null;
}

export interface ReplayInput {
  /** The run's own stream, `RunStarted` first. */
  own: readonly RunEvent[];
  /** For a fork, its source's history up to the fork point (see `readRunHistory`); else []. */
  inherited: readonly RunEvent[];
  /** Replay as this agent instead of the config the run recorded (a regression test of a new version). */
  agent?: { version: number; config: AgentConfig };
}

// Decisions taken outside the engine (operators, the expiry sweep, cancel) and facts about the run
// that are nobody's decision of it (feedback on a step, an evaluation's scores): folded, never compared.
const EXTERNAL = new Set([
  'ApprovalGranted',
  'ApprovalRejected',
  'ApprovalEscalated',
  'RunCancelled',
  'StepAnnotated',
  'RunScored',
]);

/** A tool's outcome is what the world answered to the engine's call; it is served from the log. */
function isServedOutcome(state: RunState, event: RunEvent): boolean {
  if (event.type !== 'ToolCallSucceeded' && event.type !== 'ToolCallFailed') return false;
  return state.openToolCalls.some((call) => call.callId === event.data.callId);
}

function isExternal(state: RunState, event: RunEvent, waiting: boolean): boolean {
  // An approval that expired while the engine waited was expired by the sweep (a command from outside).
  return (
    EXTERNAL.has(event.type) || (waiting && event.type === 'ApprovalExpired') || isServedOutcome(state, event)
  );
}

const stepOf = (event: RunEvent) => {
  const step = (event.data as { step?: unknown }).step;
  return typeof step === 'number' ? step : null;
};

function withAgent(started: RunEvent, agent: ReplayInput['agent']): RunEvent {
  if (!agent || started.type !== 'RunStarted') return started;
  return { ...started, data: { ...started.data, agentVersion: agent.version, agent: agent.config } };
}

/**
 * The decision was taken at some moment between the previous event and this one (a model call
 * takes seconds). Deadlines and the wall-time budget depend on that moment, so a decision the
 * engine takes at either end counts as the same; the later end is tried first.
 */
function compareAtEitherEnd(
  state: RunState,
  event: RunEvent,
  previousAt: Date,
  checks: ReplayChecks,
): Comparison {
  const late = compareDecision(decide(state, { now: event.recordedAt }), event, state, checks);
  if (late.same) return late;
  const early = compareDecision(decide(state, { now: previousAt }), event, state, checks);
  return early.same ? early : late;
}

/**
 * Replays a run: folds its `RunStarted` (with the inherited history of a fork), then, before each
 * further recorded event, asks `decide` (with the event's `recordedAt` as now) what to do and
 * compares that with the event (`compareDecision`, plus the optional `checks`). Human decisions,
 * cancels and tool outcomes are folded without comparison. The first difference is reported and
 * the replay stops there: what follows was decided on a history the engine would not have made.
 * A log that ends while the engine has more to do (a run under way) is not a divergence. Never throws.
 */
export function replayHistory(input: ReplayInput, checks: ReplayChecks = {}): ReplayOutcome {
  const [first, ...rest] = input.own;
  if (first === undefined || first.type !== 'RunStarted') {
    return { matched: true, decisionsCompared: 0, firstDivergence: null };
  }
  let state: RunState | undefined;
  for (const next of forkedRunStates([withAgent(first, input.agent)], input.inherited)) state = next;
  if (state === undefined) return { matched: true, decisionsCompared: 0, firstDivergence: null };

  let decisionsCompared = 0;
  let previousAt = first.recordedAt;
  for (const event of rest) {
    const command = decide(state, { now: event.recordedAt });
    if (!isExternal(state, event, command.kind === 'wait')) {
      decisionsCompared += 1;
      const comparison = compareAtEitherEnd(state, event, previousAt, checks);
      if (!comparison.same) {
        const firstDivergence = {
          revision: event.revision,
          step: stepOf(event) ?? state.step,
          expected: describeEvent(event),
          actual: comparison.actual,
        };
        return { matched: false, decisionsCompared, firstDivergence };
      }
    }
    state = evolve(state, event);
    previousAt = event.recordedAt;
  }
  return { matched: true, decisionsCompared, firstDivergence: null };
}
