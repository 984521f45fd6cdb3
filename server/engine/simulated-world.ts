// A scripted world for driving the engine in tests: the model, safety, humans, tools and crashes
// answer from a list of choices, as the application would perform each command. Shared by the
// engine's simulation test and the replay tests (server/analysis), which replay what it records.
import assert from 'node:assert/strict';
import { encodeFloat32 } from '../../schema/events/embedding-vector.ts';
import { exampleIds } from '../../schema/events/examples.ts';
import { eventCatalogue, type RiskLevel, type RunEventData } from '../../schema/events/index.ts';
import { type ApprovalDeadlineConfig, approvalDeadline } from '../safety/approval-deadline.ts';
import { defaultPolicy } from '../safety/default-policy.ts';
import { evaluateRisk } from '../safety/evaluate-risk.ts';
import type { ModelAnswer } from './conversation.ts';
import { decide } from './decide.ts';
import { interpretModelAnswer, reasoningEventFor, type ToolValidator } from './model-answer.ts';
import type { RunCommand } from './run-command.ts';
import { evolve, foldRun, type RunEvent, type RunState } from './run-state.ts';
import { story, TEST_START } from './testing.ts';

export const simulatedTools: ToolValidator[] = [
  { name: 'run_sql', validate: (p) => (typeof p.sql === 'string' ? null : 'sql must be a string') },
  { name: 'send_email', validate: (p) => (typeof p.to === 'string' ? null : 'to must be a string') },
  { name: 'web_search', validate: () => null },
];

/** A scripted world: the model, safety, humans, tools and crashes, driven by a list of choices. */
export class SimulatedWorld {
  readonly log: RunEvent[] = [];
  state: RunState;
  now = TEST_START;
  private cursor = 0;
  private ids = 0;
  private readonly evaluated = new Map<number, Record<string, unknown>>();

  constructor(private readonly choices: number[]) {
    this.state = foldRun([]);
    this.append({ ...story.runStarted({ maxSteps: 6 }) });
  }

  /** The next choice among `n`; once the script runs out, always 0 (the benign choice). */
  pick(n: number): number {
    const choice = this.choices[this.cursor++];
    return choice === undefined ? 0 : choice % n;
  }

  newId(): string {
    return `01930000-0000-7000-8000-${(++this.ids).toString(16).padStart(12, '0')}`;
  }

  append(...events: RunEventData[]): void {
    for (const event of events) {
      eventCatalogue.validate(event.type, event.data);
      const next = { ...event, revision: this.log.length, recordedAt: this.now } as RunEvent;
      this.log.push(next);
      this.state = evolve(this.state, next);
    }
  }

  answer(step: number, attempt: number): void {
    const choice = this.pick(8);
    if (choice === 5 || choice === 6) {
      const error = { message: 'Provider down.', code: 'http_503' };
      this.append({ type: 'ReasoningFailed', data: { step, attempt, retryable: choice === 5, error } });
      return;
    }
    const calls: [string, string][] = [
      ['finish', '{"output":"done"}'],
      ['run_sql', '{"sql":"SELECT count(*) FROM tickets"}'],
      ['run_sql', '{"sql":"DELETE FROM tickets"}'],
      ['send_email', '{"to":"customer@example.com","subject":"Hi","body":"Refund."}'],
      ['run_sql', '{"sql":'],
      ['', ''],
      ['', ''],
      ['web_search', '{"query":"refunds"}'],
    ];
    const [name, argumentsJson] = calls[choice] as [string, string];
    const usage = { inputTokens: 100, outputTokens: 10, cachedTokens: 0, reasoningTokens: 0 };
    const answer: ModelAnswer = {
      text: 'Thinking.',
      toolCalls: [{ id: 'c1', name, argumentsJson }],
      model: 'm-1',
      usage,
      costUsd: 0.001,
      latencyMs: 5,
      requestHash: 'sha256:x',
    };
    this.append(reasoningEventFor(step, answer, interpretModelAnswer(answer, simulatedTools)));
  }

  toolOutcome(callId: string): void {
    const choice = this.pick(4);
    if (choice === 0)
      this.append({ type: 'ToolCallSucceeded', data: { callId, result: { ok: 1 }, durationMs: 3 } });
    if (choice === 1 || choice === 2) {
      const error = { message: 'Tool broke.' };
      this.append({
        type: 'ToolCallFailed',
        data: { callId, error, retryable: choice === 1, durationMs: 3 },
      });
    }
    // choice 3: the worker crashed before recording an outcome.
  }

  /** A human (or the clock) answers the pending approval. */
  humanOrClock(command: Extract<RunCommand, { kind: 'wait' }>): void {
    const { approvalId } = command;
    const choice = this.pick(5);
    const by = 'user-operator';
    if (choice === 0) this.append({ type: 'ApprovalGranted', data: { approvalId, by } });
    if (choice === 1) this.append({ type: 'ApprovalRejected', data: { approvalId, by, comment: 'No.' } });
    if (choice === 2) {
      const tool = this.state.approval?.tool;
      const editedParams =
        tool === 'run_sql'
          ? { sql: this.pick(2) === 0 ? 'SELECT 1' : 'DROP TABLE tickets' }
          : { to: 'ops@spark-ops.local', subject: 'Hi', body: 'Edited.' };
      this.append({ type: 'ApprovalGranted', data: { approvalId, by, editedParams } });
    }
    if (choice === 3) {
      if (command.until) this.now = command.until;
      else this.append({ type: 'ApprovalRejected', data: { approvalId, by } });
    }
    if (choice === 4) this.append({ type: 'ApprovalEscalated', data: { approvalId, to: 'role:admin' } });
  }

  /** Safety invariants checked whenever the engine asks to run a tool. */
  checkCallTool(command: Extract<RunCommand, { kind: 'call_tool' }>): void {
    assert.deepEqual(
      command.params,
      this.evaluated.get(command.step),
      'runs only params safety evaluated last',
    );
    const stepEvents = this.log.filter((e) => !('step' in e.data) || e.data.step === command.step);
    const verdicts = stepEvents.filter((e) => e.type === 'SafetyEvaluated');
    const verdict = verdicts.at(-1);
    assert.ok(
      verdict?.type === 'SafetyEvaluated' && verdict.data.decision !== 'block',
      'never after a block',
    );
    const requests = stepEvents.filter((e) => e.type === 'ApprovalRequested');
    const lastRequest = requests.at(-1);
    const needsHuman =
      verdict.data.decision === 'require_approval' ||
      stepEvents.some((e) => e.type === 'ToolCallOutcomeUnknown');
    if (!needsHuman) return;
    assert.ok(lastRequest?.type === 'ApprovalRequested', 'a human was asked');
    const id = lastRequest.data.approvalId;
    const answered = this.log
      .slice(lastRequest.revision)
      .some(
        (e) =>
          (e.type === 'ApprovalGranted' && e.data.approvalId === id) ||
          (e.type === 'ApprovalExpired' && e.data.approvalId === id && e.data.action === 'approve'),
      );
    assert.ok(answered, 'the latest approval request was granted');
    const lastUnknown = this.log.findLast(
      (e) => e.type === 'ToolCallOutcomeUnknown' && e.data.step === command.step,
    );
    assert.ok(
      lastUnknown === undefined || lastUnknown.revision < lastRequest.revision,
      'asked after the crash',
    );
  }

  evaluate(step: number, tool: string, params: Record<string, unknown>): void {
    this.evaluated.set(step, params);
    const { agentId } = exampleIds;
    const verdict = evaluateRisk({
      tool,
      params,
      agentId,
      totals: this.state.totals,
      policies: [defaultPolicy],
      toolDefaults: {},
    });
    this.append({ type: 'SafetyEvaluated', data: { step, tool, ...verdict } });
  }

  askHuman(
    command: {
      step: number;
      tool: string;
      params: Record<string, unknown>;
      risk: RiskLevel;
      reasons: string[];
    },
    config: ApprovalDeadlineConfig,
  ): void {
    const { step, tool, params, risk, reasons } = command;
    const data = {
      approvalId: this.newId(),
      step,
      tool,
      params,
      risk,
      reasons,
      ...approvalDeadline(this.now, config),
    };
    this.append({ type: 'ApprovalRequested', data });
  }

  /** Performs one command as the application would; false once there is nothing left to do. */
  perform(command: RunCommand): boolean {
    this.now = new Date(this.now.getTime() + 1000);
    switch (command.kind) {
      case 'call_llm':
        this.answer(command.step, command.attempt);
        return true;
      case 'evaluate_safety':
        this.evaluate(command.step, command.tool, command.params);
        return true;
      case 'request_approval': {
        const onExpiry = (['reject', 'approve', 'escalate'] as const)[this.pick(3)] ?? 'reject';
        this.askHuman(command, { timeoutMs: 60_000, onExpiry });
        return true;
      }
      case 'call_tool': {
        this.checkCallTool(command);
        const callId = this.newId();
        const { step, tool, params } = command;
        this.append({
          type: 'ToolCallStarted',
          data: { step, callId, tool, params, idempotent: tool === 'run_sql' },
        });
        this.toolOutcome(callId);
        return true;
      }
      default:
        return this.performMore(command);
    }
  }

  performMore(command: RunCommand): boolean {
    switch (command.kind) {
      case 'retry_tool': {
        const started = this.log.find(
          (e) => e.type === 'ToolCallStarted' && e.data.callId === command.callId,
        );
        assert.ok(
          started?.type === 'ToolCallStarted' && started.data.idempotent,
          'only idempotent calls are retried',
        );
        this.append({ type: 'ToolCallStarted', data: { ...started.data } });
        this.toolOutcome(command.callId);
        return true;
      }
      case 'resolve_unknown_outcome': {
        const { callId, step, tool } = command;
        this.append({ type: 'ToolCallOutcomeUnknown', data: { callId, tool, step } });
        if (this.pick(2) === 0) this.askHuman(command, {});
        return true;
      }
      case 'wait':
        this.humanOrClock(command);
        return true;
      case 'expire_approval':
        this.append({
          type: 'ApprovalExpired',
          data: { approvalId: command.approvalId, action: command.action },
        });
        return true;
      case 'store_memory': {
        const embedding = { model: 'test', dims: 2, vectorFloat32LE: encodeFloat32([1, 0]) };
        const { step, memoryKind: kind, text } = command;
        this.append({ type: 'MemoryStored', data: { memoryId: this.newId(), step, kind, text, embedding } });
        return true;
      }
      case 'complete':
        this.append({ type: 'RunCompleted', data: { output: command.output, totals: command.totals } });
        return true;
      case 'fail':
        this.append({
          type: 'RunFailed',
          data: { error: command.error, ...(command.step && { step: command.step }) },
        });
        return true;
      default:
        return false;
    }
  }
}

/** The log of a run the scripted world drives to its end with `choices` (bounded: throws if it never ends). */
export function simulateRun(choices: number[]): RunEvent[] {
  const world = new SimulatedWorld(choices);
  for (let i = 0; world.perform(decide(world.state, { now: world.now })); i++) {
    assert.ok(i < choices.length * 4 + 60, 'the simulated run never ended');
  }
  return world.log;
}
