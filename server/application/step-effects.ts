import { randomUUID } from 'node:crypto';
import { encodeFloat32 } from '../../schema/events/embedding-vector.ts';
import type { ApprovalPolicy } from '../../schema/events/index.ts';
import { type AnswerStreamEvent, ProviderError } from '../activities/providers/provider.ts';
import { loadPgParser } from '../activities/sql/pg-parser.ts';
import type { ToolExecution } from '../activities/tools/registry.ts';
import type { ReasoningRequest } from '../engine/conversation.ts';
import {
  buildConversation,
  chosenMemories,
  FINISH_TOOL_SPEC,
  type RetrievedMemory,
} from '../engine/conversation-builder.ts';
import { expireApproval } from '../engine/handle.ts';
import { interpretModelAnswer, reasoningEventFor } from '../engine/model-answer.ts';
import type { RunCommand } from '../engine/run-command.ts';
import { type RunState, usageSoFar } from '../engine/run-state.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import { approvalDeadline, approvalSettings } from '../safety/approval-deadline.ts';
import { evaluateRisk } from '../safety/evaluate-risk.ts';
import type { RunDriverDeps } from './run-driver.ts';
import type { DriveResult } from './run-scheduler.ts';
import { type NewRunEvent, RunSession } from './run-session.ts';

type Deps = RunDriverDeps & {
  now: () => Date;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
};

/** What performing one command produced: events to record, or a reason to stop driving. */
export type Effect = { record: NewRunEvent[] } | { stop: DriveResult };

export interface StepEffects {
  /**
   * Performs one command. Returns the events that record it; a tool call makes its start (with
   * everything recorded before it) and its outcome durable itself, around the side effect.
   */
  perform(session: RunSession, command: RunCommand, signal: AbortSignal): Promise<Effect>;
}

/** Back-off before the n-th attempt of an LLM call: 0.5 s, 1 s, 2 s, … capped at 30 s. */
export function reasoningBackoffMs(attempt: number): number {
  return attempt <= 1 ? 0 : Math.min(30_000, 500 * 2 ** (attempt - 2));
}

const MEMORY_RECALL_CHARS = 2000;

function outcomeEvent(callId: string, execution: ToolExecution): NewRunEvent {
  if (execution.ok) {
    const { result, durationMs, truncated } = execution;
    return {
      type: 'ToolCallSucceeded',
      data: { callId, result, durationMs, ...(truncated ? { truncated } : {}) },
    };
  }
  const { error, retryable, durationMs } = execution;
  return { type: 'ToolCallFailed', data: { callId, error, retryable, durationMs } };
}

/**
 * The effects of each run command (ARCHITECTURE.md §5): the only place the engine's decisions meet
 * LLMs, tools, embeddings and policies. Each returns the events that record what happened.
 */
export function createStepEffects(deps: Deps): StepEffects {
  const agentOf = (state: RunState) => {
    if (!state.agent || !state.agentId) throw new Error(`run ${state.runId} has no agent snapshot`);
    return { agent: state.agent, agentId: state.agentId };
  };

  const recall = async (state: RunState): Promise<RetrievedMemory[]> => {
    const { agentId } = agentOf(state);
    const lastThought = state.steps.at(-1);
    const text = [state.inputs?.goal ?? '', lastThought ? JSON.stringify(lastThought).slice(0, 500) : '']
      .join('\n')
      .slice(0, MEMORY_RECALL_CHARS);
    const [vector] = await deps.embedder.embed([text]);
    return vector ? deps.recallMemories(agentId, vector, deps.embedder.model) : [];
  };

  const callLlm = async (
    session: RunSession,
    state: RunState,
    step: number,
    attempt: number,
    signal: AbortSignal,
  ): Promise<Effect> => {
    await deps.sleep(reasoningBackoffMs(attempt), signal);
    // The recall runs while the previous tool's outcome commits; the model is asked only once that
    // outcome is durable, as if the commit had been awaited first.
    const recalling = recall(state);
    recalling.catch(() => {});
    await session.settle();
    const { agent, agentId } = agentOf(state);
    const recalled = chosenMemories(await recalling);
    const conversation = buildConversation(state, recalled);
    const offered = deps.tools.list().filter((spec) => agent.tools.includes(spec.name));
    const request: ReasoningRequest = {
      provider: agent.llm.provider,
      model: agent.llm.model,
      temperature: agent.llm.temperature ?? 0,
      maxTokens: agent.llm.maxTokens ?? 1024,
      system: conversation.system,
      messages: conversation.messages,
      tools: [...offered, FINISH_TOOL_SPEC],
    };
    const thoughts = state.runId ? deps.thoughts : undefined;
    const runId = state.runId ?? '';
    // The thought streams to live viewers as it is generated; the recorded event stays the record.
    const onStream = thoughts
      ? (event: AnswerStreamEvent) =>
          event.type === 'text' ? thoughts.append(runId, step, event.delta) : thoughts.restart(runId, step)
      : undefined;
    try {
      const answer = await deps.providers
        .get(agent.llm.provider, agent.llm.endpoint)
        .reason(request, { signal, agentId, ...(onStream ? { onStream } : {}) });
      const validators = agent.tools.map((name) => ({
        name,
        validate: (params: Record<string, unknown>) => deps.tools.validate(name, params),
      }));
      const interpreted = interpretModelAnswer(answer, validators);
      return { record: [reasoningEventFor(step, answer, interpreted, recalled)] };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const failure = { message: error.message, code: error.code };
      return {
        record: [
          { type: 'ReasoningFailed', data: { step, error: failure, retryable: error.retryable, attempt } },
        ],
      };
    } finally {
      thoughts?.end(runId, step);
    }
  };

  const evaluateSafety = async (
    state: RunState,
    step: number,
    tool: string,
    params: Record<string, unknown>,
  ) => {
    const { agent, agentId } = agentOf(state);
    const policies = await deps.loadPolicies(agent.policyIds);
    const toolDefaults = Object.fromEntries(
      deps.tools.describe().map((info) => [info.name, info.defaultRisk]),
    );
    const verdict = evaluateRisk({
      tool,
      params,
      agentId,
      totals: usageSoFar(state),
      policies,
      toolDefaults,
      // The `sql|sqlKind` view decides on PostgreSQL's own parse tree (without it, SQL is never a read).
      parseSql: await loadPgParser(),
    });
    return { record: [{ type: 'SafetyEvaluated', data: { step, tool, ...verdict } }] };
  };

  // The start is durable before the tool runs (after a crash the engine knows the call may have
  // happened), and the outcome's append starts right after it: a crash later must not make a
  // finished call unknown. The worker does not wait for that append until the model is asked.
  const runTool = async (
    session: RunSession,
    call: { callId: string; step: number; tool: string; params: Record<string, unknown> },
    signal: AbortSignal,
  ): Promise<Effect> => {
    const idempotent = deps.tools.isIdempotent(call.tool, call.params);
    await session.commit([{ type: 'ToolCallStarted', data: { ...call, idempotent } }]);
    const execution = await deps.tools.execute(call.tool, call.params, {
      signal,
      runId: session.runId,
      step: call.step,
      callId: call.callId,
    });
    const outcome = outcomeEvent(call.callId, execution);
    session.record([outcome]);
    session.commitInBackground(async () => {
      try {
        await session.appendPending();
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Something (a cancel) came in while the tool ran: the tool did run, so its outcome is
        // recorded anyway; the conflict then makes the worker decide again on what is there.
        const fresh = await RunSession.load(deps.store, session.runId, deps.now);
        if (fresh.state.openToolCalls.some((open) => open.callId === call.callId)) {
          fresh.record([outcome]);
          await fresh.appendPending('any');
        }
        throw error;
      }
    });
    return { record: [] };
  };

  const approvalRequested = (
    state: RunState,
    command: {
      step: number;
      tool: string;
      params: Record<string, unknown>;
      risk: string;
      reasons: string[];
      approval?: ApprovalPolicy;
    },
  ): NewRunEvent => {
    const { step, tool, params, risk, reasons } = command;
    const settings = approvalSettings(deps.approvals, command.approval, state.agent?.approval);
    const deadline = approvalDeadline(deps.now(), settings);
    return {
      type: 'ApprovalRequested',
      data: { approvalId: randomUUID(), step, tool, params, risk, reasons, ...deadline },
    };
  };

  return {
    async perform(session, command, signal) {
      const state = session.state;
      switch (command.kind) {
        case 'call_llm':
          return callLlm(session, state, command.step, command.attempt, signal);
        case 'evaluate_safety':
          return evaluateSafety(state, command.step, command.tool, command.params);
        case 'request_approval':
          return { record: [approvalRequested(state, command)] };
        case 'call_tool': {
          const { step, tool, params } = command;
          return runTool(session, { callId: randomUUID(), step, tool, params }, signal);
        }
        case 'retry_tool': {
          const { callId, step, tool, params } = command;
          return runTool(session, { callId, step, tool, params }, signal);
        }
        case 'resolve_unknown_outcome': {
          const { callId, step, tool } = command;
          return {
            record: [
              { type: 'ToolCallOutcomeUnknown', data: { callId, tool, step } },
              approvalRequested(state, command),
            ],
          };
        }
        case 'store_memory': {
          const [vector] = await deps.embedder.embed([command.text]);
          const embedding = {
            model: deps.embedder.model,
            dims: deps.embedder.dims,
            vectorFloat32LE: encodeFloat32(vector ?? []),
          };
          const data = {
            memoryId: randomUUID(),
            step: command.step,
            kind: command.memoryKind,
            text: command.text,
            embedding,
          };
          return { record: [{ type: 'MemoryStored', data }] };
        }
        case 'expire_approval': {
          // The same rule as an expiry command from outside (handle): deadline passed, onExpiry applied.
          const decision = expireApproval(state, command.approvalId, deps.now());
          if ('refusal' in decision) return { stop: {} };
          return { record: decision.events };
        }
        case 'wait':
          return { stop: command.until ? { wakeAt: command.until } : {} };
        case 'complete':
          return {
            record: [{ type: 'RunCompleted', data: { output: command.output, totals: command.totals } }],
          };
        case 'fail': {
          const { error, step } = command;
          return {
            record: [{ type: 'RunFailed', data: { error, ...(step !== undefined ? { step } : {}) } }],
          };
        }
        case 'none':
          return { stop: {} };
      }
    },
  };
}
