import { randomUUID } from 'node:crypto';
import { runStream } from '../../schema/events/index.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import { isTerminal, type RunState, RunStatus } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { AgentService } from './agent-service.ts';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.ts';
import { type Actor, appendDecision } from './event-writer.ts';
import { loadRunState } from './run-history.ts';

export interface RunWriteResult {
  runId: string;
  state: RunState;
  position: string;
}

export type ApprovalDecision =
  | { approve: true; comment?: string; editedParams?: Record<string, unknown> }
  | { approve: false; comment?: string };

/** Starting, cancelling and deciding approvals of runs (`run-<id>` streams). */
export interface RunService {
  /** @throws NotFoundError (agent), InvalidInputError (archived agent, bad inputs). */
  start(input: { agentId: string; inputs: Record<string, string> }, actor: Actor): Promise<RunWriteResult>;
  /** @throws NotFoundError, ConflictError when the run has already ended. */
  cancel(runId: string, actor: Actor, reason?: string): Promise<RunWriteResult>;
  /**
   * Approves or rejects the run's pending approval. Exactly one decision wins when several race:
   * the others get a ConflictError ("already decided").
   * @throws NotFoundError, ConflictError, InvalidInputError (edited params failing the tool's schema).
   */
  decide(
    runId: string,
    approvalId: string,
    decision: ApprovalDecision,
    actor: Actor,
  ): Promise<RunWriteResult>;
  /**
   * The run folded from its events; a fork's state continues its source's at the fork point.
   * @throws NotFoundError
   */
  get(runId: string): Promise<RunState>;
}

export function createRunService(options: {
  store: EventStore;
  agents: AgentService;
  tools: ToolRegistry;
  /** Tells the scheduler a run has work (started, approval decided). */
  onRunnable(runId: string): void;
}): RunService {
  const { store } = options;
  // A fork resumes from its source's state at the fork point (loadRunState).
  const load = async (runId: string): Promise<RunState> => {
    const state = await loadRunState(store, runId);
    if (state.revision === -1) throw new NotFoundError('Run', runId);
    return state;
  };

  const tryDecide = async (runId: string, approvalId: string, decision: ApprovalDecision, actor: Actor) => {
    const state = await load(runId);
    const pending = state.approval;
    if (!pending || pending.approvalId !== approvalId || state.status !== RunStatus.WaitingForApproval) {
      throw new ConflictError(
        `Approval ${approvalId} is not pending (already decided, expired, or not of run ${runId})`,
      );
    }
    const comment = decision.comment ? { comment: decision.comment } : {};
    let event: { type: string; data: Record<string, unknown> };
    if (decision.approve) {
      const edited = decision.editedParams;
      if (edited) {
        const problem = options.tools.validate(pending.tool, edited);
        if (problem)
          throw new InvalidInputError('editedParams', `Edited params for ${pending.tool}: ${problem}`);
      }
      event = {
        type: 'ApprovalGranted',
        data: { approvalId, by: actor.id, ...comment, ...(edited ? { editedParams: edited } : {}) },
      };
    } else {
      event = { type: 'ApprovalRejected', data: { approvalId, by: actor.id, ...comment } };
    }
    const result = await appendDecision(store, runStream(runId), [event], state.revision, actor);
    return { runId, state: await load(runId), position: result.position };
  };

  return {
    async start(input, actor) {
      const agent = await options.agents.get(input.agentId);
      if (agent.archived) throw new InvalidInputError('agentId', `Agent ${input.agentId} is archived`);
      const runId = randomUUID();
      const data = {
        runId,
        agentId: agent.agentId,
        agentVersion: agent.version,
        agent: agent.config,
        inputs: input.inputs,
      };
      const result = await appendDecision(
        store,
        runStream(runId),
        [{ type: 'RunStarted', data }],
        'no_stream',
        actor,
      );
      options.onRunnable(runId);
      return { runId, state: await load(runId), position: result.position };
    },
    async cancel(runId, actor, reason) {
      const state = await load(runId);
      if (isTerminal(state.status))
        throw new ConflictError(`Run ${runId} has already ended (${state.status})`);
      const data = { by: actor.id, ...(reason ? { reason } : {}) };
      const result = await appendDecision(
        store,
        runStream(runId),
        [{ type: 'RunCancelled', data }],
        state.revision,
        actor,
      );
      return { runId, state: await load(runId), position: result.position };
    },
    async decide(runId, approvalId, decision, actor) {
      try {
        const result = await tryDecide(runId, approvalId, decision, actor);
        options.onRunnable(runId);
        return result;
      } catch (error) {
        // Lost a race: if the approval is no longer pending, say so plainly.
        if (error instanceof ConflictError) {
          const state = await load(runId);
          if (state.approval?.approvalId !== approvalId) {
            throw new ConflictError(`Approval ${approvalId} was already decided`, { cause: error });
          }
        }
        throw error;
      }
    },
    get: load,
  };
}
