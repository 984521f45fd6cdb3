import { randomUUID } from 'node:crypto';
import type { AgentConfig } from '../../schema/events/index.ts';
import { foldForkedRun } from '../engine/forked-run.ts';
import { checkForkPoint, forkWidening } from '../engine/handle-fork.ts';
import type { RunEvent, RunState } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import { type CommandHandler, createCommandHandler, refusalError } from './command-handler.ts';
import { InvalidInputError } from './errors.ts';
import type { Actor } from './event-writer.ts';
import { readRunHistory } from './run-history.ts';
import type { RunService, RunWriteResult } from './run-service.ts';
import { newRunTarget } from './run-target.ts';

/** What a fork may change: inputs (merged over the source's) and agent config fields (replaced whole). */
export interface ForkOverrides {
  inputs?: Record<string, string>;
  agent?: Partial<AgentConfig>;
  /** New params for the tool call the model had proposed at the fork point (safety evaluates them). */
  toolParams?: Record<string, unknown>;
}

/** What the caller may do besides forking. */
export interface ForkCaller {
  /** May edit the agent (the `configure` permission): only then may a fork widen what it may do. */
  mayEditAgent: boolean;
}

/** Forking a run from one of its events (ARCHITECTURE.md §5). */
export interface ForkService {
  /**
   * Starts a new run, as `actor`, that resumes from the source's folded state at `atRevision`: its
   * `RunStarted` (the source's agent snapshot and inputs, overrides applied) carries `forkedFrom: {
   * runId, atRevision }`, and loading it folds the source's history up to there after it
   * (`loadRunState`). Nothing is copied: the fork's stream starts at revision 0 with its own
   * `RunStarted`, so costs, approvals and tool calls of the shared history stay the source's only.
   *
   * Surprising: a tool call the model had proposed at the fork point goes through the fork's safety
   * (and its humans) again, even if the source had evaluated or approved it; inherited tokens and cost
   * count towards the fork's budgets but not its reported totals (see `usageSoFar`).
   * @throws NotFoundError (source run); InvalidInputError on `atRevision` when the source has no
   * such revision, or had ended, waited for a human or had a tool call under way there (the message
   * names the nearest revisions that can be forked); on `runId` when forks would nest deeper than
   * `MAX_FORK_DEPTH`; on `overrides` when the agent no longer offers the tool proposed there;
   * on `overrides.toolParams` when no tool call was proposed at `atRevision`;
   * FORBIDDEN when the overrides widen what the agent may do (`forkWidening`) and the caller may not
   * edit the agent (default: may not).
   */
  fork(
    sourceRunId: string,
    atRevision: number,
    overrides: ForkOverrides,
    actor: Actor,
    caller?: ForkCaller,
  ): Promise<RunWriteResult>;
}

export function createForkService(options: {
  store: EventStore;
  /** Kept for the composition root's wiring; the fork's state is folded locally, not read back. */
  runs?: RunService;
  /** Tells the scheduler the new run has work. */
  onRunnable(runId: string): void;
  commands?: CommandHandler;
}): ForkService {
  const { store } = options;
  const commands = options.commands ?? createCommandHandler(store);
  return {
    async fork(sourceRunId, atRevision, overrides, actor, caller = { mayEditAgent: false }) {
      const source = await readRunHistory(store, sourceRunId);
      const point = checkForkPoint({ runId: sourceRunId, ...source }, atRevision);
      if ('refusal' in point) throw refusalError(point.refusal);
      const at: RunState = point.state;
      const { agentId, agentVersion, agent, inputs } = at;
      if (agentId === null || agentVersion === null || agent === null || inputs === null) {
        throw refusalError({ code: 'NOT_FOUND', message: `Run ${sourceRunId} does not exist` });
      }
      const forkAgent = { ...agent, ...overrides.agent };
      const widened = forkWidening(agent, forkAgent);
      if (widened.length > 0 && !caller.mayEditAgent) {
        const message = `Only someone who may edit the agent may fork it with wider rights; these overrides ${widened.join('; ')}`;
        throw refusalError({ code: 'FORBIDDEN', message });
      }
      const proposed = at.proposal?.tool;
      if (proposed !== undefined && !forkAgent.tools.includes(proposed)) {
        const message = `The model had proposed ${proposed} at revision ${atRevision}; the fork's agent must offer it`;
        throw new InvalidInputError('overrides', message);
      }
      if (overrides.toolParams !== undefined && at.proposal === null) {
        const message = `No tool call was proposed at revision ${atRevision}: there are no params to edit`;
        throw new InvalidInputError('overrides.toolParams', message);
      }
      const editedParams = overrides.toolParams === undefined ? {} : { editedParams: overrides.toolParams };
      const runId = randomUUID();
      const data = {
        runId,
        agentId,
        agentVersion,
        agent: forkAgent,
        inputs: { ...inputs, ...overrides.inputs },
        forkedFrom: { runId: sourceRunId, atRevision, ...editedParams },
      };
      // What the fork inherits, as `readRunHistory` will read it back: the source's own inheritance,
      // then its events up to the fork point without its RunStarted.
      const inherited: RunEvent[] = [
        ...source.inherited,
        ...source.own.filter((event) => event.revision <= atRevision).slice(1),
      ];
      const target = {
        ...newRunTarget(runId),
        evolve: (_: RunState, started: unknown) => foldForkedRun([started as RunEvent], inherited),
      };
      const result = await commands.execute(
        target,
        () => ({ events: [{ type: 'RunStarted', data }] }),
        actor,
      );
      options.onRunnable(runId);
      return { runId, state: result.state, position: result.position as string };
    },
  };
}
