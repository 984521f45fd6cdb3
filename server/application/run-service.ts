import { randomUUID } from 'node:crypto';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import type { AgentState } from '../engine/agent-state.ts';
import type { AgentHistory } from '../engine/agent-versions.ts';
import { annotateStep } from '../engine/annotate-step.ts';
import { handle, type RunControl } from '../engine/handle.ts';
import type { PendingApproval, RunState } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import { agentVersionOf, loadAgentHistory } from './agent-versions.ts';
import { type CommandHandler, createCommandHandler } from './command-handler.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import type { Actor } from './event-writer.ts';
import { createPolicyLoader } from './policies.ts';
import { loadRunState } from './run-history.ts';
import { newRunTarget, runTarget } from './run-target.ts';
import { safetyEvaluatorFor } from './safety-verdicts.ts';

export interface RunWriteResult {
  runId: string;
  /** The run with the command's events folded in (locally: the stream is not read again). */
  state: RunState;
  position: string;
}

/** An approval decided: the result, and the approval as it was pending. */
export interface ApprovalWriteResult extends RunWriteResult {
  approval: PendingApproval;
}

export type ApprovalDecision =
  | { approve: true; comment?: string; editedParams?: Record<string, unknown> }
  | { approve: false; comment?: string };

/** Feedback on one step of a run (see `annotateStep`: score from -1 to 1). */
export interface StepAnnotationInput {
  step: number;
  label: string;
  score: number;
  comment?: string | null;
}

export interface RunStartInput {
  agentId: string;
  inputs: Record<string, string>;
  agentVersion?: number;
  runId?: string;
}

/** Starting, cancelling and deciding approvals of runs (`run-<id>` streams), through `handle`. */
export interface RunService {
  /**
   * Starts a run of the agent's latest version, or of `agentVersion` (pinned: the run is driven with
   * that version's config, snapshotted in `RunStarted`), read from the agent's stream. `runId` is for
   * callers that must not start a run twice (an evaluation's item): a second start under it is a ConflictError.
   * @throws NotFoundError (agent), InvalidInputError (archived agent, unknown version, bad inputs), ConflictError.
   */
  start(input: RunStartInput, actor: Actor): Promise<RunWriteResult>;
  /**
   * Cancels the run; a pending approval is rejected in the same append.
   * @throws NotFoundError, ConflictError when the run has already ended.
   */
  cancel(runId: string, actor: Actor, reason?: string): Promise<RunWriteResult>;
  /**
   * Approves or rejects the run's pending approval. Exactly one decision wins when several race:
   * the others get a ConflictError ("already decided"). Edited params are validated against the
   * tool's schema and evaluated by the agent's policies with the grant; an edit safety would block
   * is refused.
   * @throws NotFoundError, ConflictError, InvalidInputError (on `editedParams`).
   */
  decide(
    runId: string,
    approvalId: string,
    decision: ApprovalDecision,
    actor: Actor,
  ): Promise<ApprovalWriteResult>;
  /**
   * Records `StepAnnotated` on the run's stream, by `actor`; returns the annotation's id.
   * @throws NotFoundError, InvalidInputError (on `step`, `label`, `score` or `comment`).
   */
  annotate(
    runId: string,
    input: StepAnnotationInput,
    actor: Actor,
  ): Promise<RunWriteResult & { annotationId: string }>;
  /**
   * The run folded from its events; a fork's state continues its source's at the fork point.
   * @throws NotFoundError
   */
  get(runId: string): Promise<RunState>;
}

/** The version a run is pinned to (the latest without one). @throws InvalidInputError when unknown. */
function pinnedVersion(history: AgentHistory, version: number | undefined): AgentState {
  try {
    return agentVersionOf(history, version);
  } catch (error) {
    if (error instanceof NotFoundError) throw new InvalidInputError('agentVersion', error.message);
    throw error;
  }
}

export function createRunService(options: {
  store: EventStore;
  tools: ToolRegistry;
  /** Tells the scheduler a run has work (started, approval decided). */
  onRunnable(runId: string): void;
  /** The policies governing an agent; default: read from the store (`createPolicyLoader`). */
  loadPolicies?: (policyIds: readonly string[]) => Promise<PolicyState[]>;
  commands?: CommandHandler;
}): RunService {
  const { store, tools } = options;
  const commands = options.commands ?? createCommandHandler(store);
  const loadPolicies = options.loadPolicies ?? createPolicyLoader(store);

  const control = async (runId: string, command: RunControl, actor: Actor) =>
    commands.execute(
      runTarget(store, runId),
      async (state) => {
        const needsSafety = command.kind === 'approve' && command.editedParams !== undefined;
        const evaluateSafety = needsSafety
          ? await safetyEvaluatorFor(state, { tools, loadPolicies })
          : () => {
              throw new Error('evaluateSafety is only needed for edited params');
            };
        const validateParams = (tool: string, params: Record<string, unknown>) =>
          tools.validate(tool, params);
        return handle(state, command, { now: new Date(), validateParams, evaluateSafety });
      },
      actor,
    );

  return {
    async start(input, actor) {
      const history = await loadAgentHistory(store, input.agentId);
      if (history.archived) throw new InvalidInputError('agentId', `Agent ${input.agentId} is archived`);
      const agent = pinnedVersion(history, input.agentVersion);
      const runId = input.runId ?? randomUUID();
      const data = {
        runId,
        agentId: agent.agentId,
        agentVersion: agent.version,
        agent: agent.config,
        inputs: input.inputs,
      };
      const result = await commands.execute(
        newRunTarget(runId),
        () => ({ events: [{ type: 'RunStarted', data }] }),
        actor,
      );
      options.onRunnable(runId);
      return { runId, state: result.state, position: result.position as string };
    },
    async cancel(runId, actor, reason) {
      const command: RunControl = { kind: 'cancel', by: actor.id, ...(reason ? { reason } : {}) };
      const result = await control(runId, command, actor);
      return { runId, state: result.state, position: result.position as string };
    },
    async decide(runId, approvalId, decision, actor) {
      const { comment } = decision;
      const base = { approvalId, by: actor.id, ...(comment !== undefined && { comment }) };
      const edited = decision.approve ? decision.editedParams : undefined;
      const command: RunControl = decision.approve
        ? { kind: 'approve', ...base, ...(edited !== undefined && { editedParams: edited }) }
        : { kind: 'reject', ...base };
      const result = await control(runId, command, actor);
      options.onRunnable(runId);
      const approval = result.before.approval as PendingApproval;
      return { runId, state: result.state, position: result.position as string, approval };
    },
    async annotate(runId, input, actor) {
      const annotationId = randomUUID();
      const result = await commands.execute(
        runTarget(store, runId),
        (state) =>
          state.runId === null
            ? { refusal: { code: 'NOT_FOUND', message: `Run ${runId} does not exist` } }
            : annotateStep(state, { ...input, annotationId, by: actor.id }),
        actor,
      );
      return { runId, annotationId, state: result.state, position: result.position as string };
    },
    async get(runId) {
      const state = await loadRunState(store, runId);
      if (state.revision === -1) throw new NotFoundError('Run', runId);
      return state;
    },
  };
}
