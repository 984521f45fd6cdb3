import { abortableSleep } from '../abortable-sleep.ts';
import type { Embedder } from '../activities/memory/embedder.ts';
import type { ProviderRegistry } from '../activities/providers/create-provider.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import type { RetrievedMemory } from '../engine/conversation-builder.ts';
import { decide } from '../engine/decide.ts';
import type { RunCommand } from '../engine/run-command.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { Logger } from '../logger.ts';
import type { RunThoughtPublisher } from '../read/live/run-thoughts.ts';
import type { ApprovalDeadlineConfig } from '../safety/approval-deadline.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import type { DriveResult } from './run-scheduler.ts';
import { RunSession } from './run-session.ts';
import { createStepEffects, type StepEffects } from './step-effects.ts';

export interface RunDriverDeps {
  store: EventStore;
  providers: ProviderRegistry;
  tools: ToolRegistry;
  embedder: Embedder;
  /** Nearest memories of the agent to `vector` (the context manager's retrieval). */
  recallMemories(agentId: string, vector: readonly number[], model: string): Promise<RetrievedMemory[]>;
  /** The policies that govern an agent: the built-in default plus the agent's own. */
  loadPolicies(policyIds: readonly string[]): Promise<PolicyState[]>;
  approvals: ApprovalDeadlineConfig;
  logger: Logger;
  /** Where the model's thought goes while it streams (the read side's live thoughts); none: not shown. */
  thoughts?: RunThoughtPublisher;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

// Commands whose effect leaves the process: everything decided before them is appended first.
const COMMIT_BEFORE = new Set(['call_llm', 'wait', 'none']);

/**
 * A memory is derived from a tool outcome that is already durable: losing it in a crash costs one
 * embedding, never a model or tool call. So it rides with the next step's append (reasoning, safety,
 * tool start) instead of costing a commit of its own before the model is asked.
 */
function mustCommitBefore(command: RunCommand, session: RunSession): boolean {
  if (!COMMIT_BEFORE.has(command.kind)) return false;
  return command.kind !== 'call_llm' || session.pendingTypes().some((type) => type !== 'MemoryStored');
}

/**
 * Drives runs: fold the run's events, decide one command, perform it, record what happened, and
 * again, until the run waits for a human or ends. The events of one decision are appended together,
 * with the expected revision, before the next side effect. A crash at any point resumes from the
 * events: a recorded LLM answer is never asked for again.
 */
export function createRunDriver(deps: RunDriverDeps) {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? abortableSleep;
  const effects: StepEffects = createStepEffects({ ...deps, now, sleep });

  return {
    /** Drives one run until it waits or ends (or the signal aborts between commands). */
    async drive(runId: string, signal: AbortSignal): Promise<DriveResult> {
      const session = await RunSession.load(deps.store, runId, now);
      while (!signal.aborted) {
        const command: RunCommand = decide(session.state, { now: now() });
        try {
          if (mustCommitBefore(command, session)) await session.commit();
          const effect = await effects.perform(session, command, signal);
          if ('stop' in effect) {
            // Nothing started in the background is left behind when the run is handed back.
            await session.settle();
            return effect.stop;
          }
          session.record(effect.record);
        } catch (error) {
          // Someone else wrote first (a cancel, an approval, another worker): decide again on what is there.
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          deps.logger.info('run changed while a step ran; deciding again', { runId, command: command.kind });
          await session.reload();
        }
      }
      // Stopped from outside: a tool's outcome still committing is written (or its failure thrown).
      await session.settle().catch((error: unknown) => {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      });
      return {};
    },
  };
}
