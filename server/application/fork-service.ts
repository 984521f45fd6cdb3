import { randomUUID } from 'node:crypto';
import { type AgentConfig, runStream } from '../../schema/events/index.ts';
import { foldForkedRun, forkPointRefusal } from '../engine/forked-run.ts';
import type { RunState } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import { type Actor, appendDecision } from './event-writer.ts';
import { MAX_FORK_DEPTH, readRunHistory } from './run-history.ts';
import type { RunService, RunWriteResult } from './run-service.ts';

/** What a fork may change: inputs (merged over the source's) and agent config fields (replaced whole). */
export interface ForkOverrides {
  inputs?: Record<string, string>;
  agent?: Partial<AgentConfig>;
}

/** Forking a run from one of its events (ARCHITECTURE.md §5). */
export interface ForkService {
  /**
   * Starts a new run that resumes from the source's folded state at `atRevision`: its `RunStarted`
   * (the source's agent snapshot and inputs, overrides applied) carries `forkedFrom: { runId,
   * atRevision }`, and loading it folds the source's history up to there after it
   * (`loadRunState`). Nothing is copied: the fork's stream starts at revision 0 with its own
   * `RunStarted`, so costs, approvals and tool calls of the shared history stay the source's only.
   *
   * Surprising: a tool call the model had proposed at the fork point goes through the fork's safety
   * (and its humans) again, even if the source had evaluated or approved it; inherited tokens and cost
   * count towards the fork's budgets but not its reported totals (see `usageSoFar`).
   * @throws NotFoundError (source run); InvalidInputError on `atRevision` when the source has no
   * such revision, or had ended, waited for a human or had a tool call under way there (the message
   * names the nearest revisions that can be forked); on `runId` when forks would nest deeper than
   * `MAX_FORK_DEPTH`; on `overrides` when the agent no longer offers the tool proposed there.
   */
  fork(
    sourceRunId: string,
    atRevision: number,
    overrides: ForkOverrides,
    actor: Actor,
  ): Promise<RunWriteResult>;
}

/** The fork point's state, refused with InvalidInputError when it cannot be forked. */
async function forkPoint(store: EventStore, sourceRunId: string, atRevision: number): Promise<RunState> {
  if (!Number.isInteger(atRevision) || atRevision < 0) {
    throw new InvalidInputError('atRevision', 'atRevision must be a revision of the source run (0 or more)');
  }
  const source = await readRunHistory(store, sourceRunId);
  if (source.own[0]?.type !== 'RunStarted') throw new NotFoundError('Run', sourceRunId);
  if (source.forkDepth >= MAX_FORK_DEPTH) {
    const message = `Run ${sourceRunId} is a fork ${source.forkDepth} levels deep; forks nest at most ${MAX_FORK_DEPTH} deep`;
    throw new InvalidInputError('runId', message);
  }
  const refusal = forkPointRefusal(source, atRevision);
  if (refusal !== null) {
    throw new InvalidInputError(
      'atRevision',
      `Run ${sourceRunId} cannot be forked at revision ${atRevision}: ${refusal}`,
    );
  }
  const upTo = source.own.filter((event) => event.revision <= atRevision);
  return foldForkedRun(upTo, source.inherited);
}

export function createForkService(options: {
  store: EventStore;
  runs: RunService;
  /** Tells the scheduler the new run has work. */
  onRunnable(runId: string): void;
}): ForkService {
  const { store } = options;
  return {
    async fork(sourceRunId, atRevision, overrides, actor) {
      const at = await forkPoint(store, sourceRunId, atRevision);
      const { agentId, agentVersion, agent, inputs } = at;
      if (agentId === null || agentVersion === null || agent === null || inputs === null) {
        throw new NotFoundError('Run', sourceRunId);
      }
      const forkAgent = { ...agent, ...overrides.agent };
      const proposed = at.proposal?.tool;
      if (proposed !== undefined && !forkAgent.tools.includes(proposed)) {
        const message = `The model had proposed ${proposed} at revision ${atRevision}; the fork's agent must offer it`;
        throw new InvalidInputError('overrides', message);
      }
      const runId = randomUUID();
      const data = {
        runId,
        agentId,
        agentVersion,
        agent: forkAgent,
        inputs: { ...inputs, ...overrides.inputs },
        forkedFrom: { runId: sourceRunId, atRevision },
      };
      const result = await appendDecision(
        store,
        runStream(runId),
        [{ type: 'RunStarted', data }],
        'no_stream',
        actor,
      );
      options.onRunnable(runId);
      return { runId, state: await options.runs.get(runId), position: result.position };
    },
  };
}
