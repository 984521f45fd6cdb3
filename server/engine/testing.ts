// Test helpers for the engine: given(events).when(now).then(command), in the style of emmett's
// deciderSpecification, and run events built from the shared examples (schema/events/examples.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import type {
  ApprovalExpiryAction,
  Budget,
  RunEventData,
  RunEventDataByType,
  SafetyDecision,
} from '../../schema/events/index.ts';
import { buildConversation } from './conversation-builder.ts';
import { decide } from './decide.ts';
import type { RunCommand } from './run-command.ts';
import { foldRun, type RunEvent, type RunState } from './run-state.ts';

/** When the first event of a `given` was recorded; each further event is one second later. */
export const TEST_START = new Date('2025-01-01T11:00:00.000Z');

type RunEventType = keyof RunEventDataByType;

/** The example of a run event type with some fields replaced. */
export function ev<T extends RunEventType>(
  type: T,
  overrides: Partial<RunEventDataByType[T]> = {},
): RunEventData {
  return { type, data: { ...exampleEvents[type], ...overrides } } as RunEventData;
}

/** Events as a stream returns them: revisions from 0, recorded one second apart from `start`. */
export function recorded(events: readonly RunEventData[], start: Date = TEST_START): RunEvent[] {
  return events.map(
    (event, revision) =>
      ({ ...event, revision, recordedAt: new Date(start.getTime() + revision * 1000) }) as RunEvent,
  );
}

/** The given/when/then of one decision. `when()` defaults to one second after the last event. */
export function given(...events: RunEventData[]) {
  const state: RunState = foldRun(recorded(events));
  return {
    state,
    when(now: Date = new Date(TEST_START.getTime() + events.length * 1000)) {
      const command = decide(state, { now });
      return {
        command,
        /** The command must be exactly `expected`. */
        // biome-ignore lint/suspicious/noThenProperty: given/when/then of decider specifications; never awaited.
        then(expected: RunCommand): void {
          assert.deepEqual(command, expected);
        },
        /** The command must have every field of `expected` (others may differ). */
        thenIncludes(expected: Partial<Record<string, unknown>> & { kind: RunCommand['kind'] }): void {
          for (const [key, value] of Object.entries(expected)) {
            assert.deepEqual(
              (command as Record<string, unknown>)[key],
              value,
              `field ${key} of ${command.kind}`,
            );
          }
        },
      };
    },
  };
}

/** Every tool call in the run's conversation is answered by the tool message with its id. */
export function assertWellFormedConversation(state: RunState): void {
  const { messages } = buildConversation(state, [
    { memoryId: exampleIds.memoryId, text: 'remembered', score: 0.5 },
  ]);
  messages.forEach((message, i) => {
    if (message.role === 'assistant' && message.toolCall) {
      const next = messages[i + 1];
      assert.ok(next?.role === 'tool' && next.toolCallId === message.toolCall.id, 'tool call without result');
    }
  });
}

const riskOf: Record<SafetyDecision, 'MEDIUM' | 'HIGH' | 'CRITICAL'> = {
  allow: 'MEDIUM',
  require_approval: 'HIGH',
  block: 'CRITICAL',
};

const sqlParams = { sql: 'SELECT count(*) FROM tickets' };

/** Short builders for the events of a run's story, each a variation of the shared example. */
export const story = {
  runStarted: (budget?: Budget) =>
    ev('RunStarted', budget ? { agent: { ...exampleEvents.RunStarted.agent, budget } } : {}),
  action: (step: number, tool = 'run_sql', params: Record<string, unknown> = sqlParams) =>
    ev('ReasoningCompleted', { step, thought: `Step ${step}: use ${tool}.`, action: { tool, params } }),
  finish: (step: number, output: unknown = { answer: 'done' }): RunEventData => {
    const { action: _, ...rest } = exampleEvents.ReasoningCompleted;
    return { type: 'ReasoningCompleted', data: { ...rest, step, thought: 'Done.', finish: { output } } };
  },
  malformed: (step: number, detail = `Bad answer ${step}.`) => ev('ModelOutputRejected', { step, detail }),
  llmFailed: (step: number, attempt: number, retryable = true) =>
    ev('ReasoningFailed', { step, attempt, retryable }),
  safety: (step: number, decision: SafetyDecision, tool = 'run_sql') =>
    ev('SafetyEvaluated', { step, tool, decision, risk: riskOf[decision] }),
  approvalAsked: (
    step: number,
    tool = 'run_sql',
    params: Record<string, unknown> = sqlParams,
    onExpiry: ApprovalExpiryAction = 'reject',
  ) => ev('ApprovalRequested', { step, tool, params, onExpiry }),
  granted: (editedParams?: Record<string, unknown>) =>
    editedParams
      ? ev('ApprovalGranted', { editedParams })
      : ev('ApprovalGranted', { comment: 'Fine.', editedParams: undefined }),
  rejected: () => ev('ApprovalRejected'),
  expired: (action: ApprovalExpiryAction) => ev('ApprovalExpired', { action }),
  escalated: () => ev('ApprovalEscalated'),
  toolStarted: (
    step: number,
    idempotent = true,
    tool = 'run_sql',
    params: Record<string, unknown> = sqlParams,
  ) => ev('ToolCallStarted', { step, tool, params, idempotent }),
  toolSucceeded: (result: unknown = { rows: [{ count: 3 }] }) => ev('ToolCallSucceeded', { result }),
  toolFailed: (retryable: boolean) => ev('ToolCallFailed', { retryable }),
  outcomeUnknown: (step: number, tool = 'run_sql') => ev('ToolCallOutcomeUnknown', { step, tool }),
  remembered: (step: number) => ev('MemoryStored', { step }),
};

const OTHER_ID = '01930000-0000-7000-8000-0000000000ff';
const stepArbitrary = fc.integer({ min: 1, max: 4 });
const approvalId = fc.constantFrom(exampleIds.approvalId, OTHER_ID);
const callId = fc.constantFrom(exampleIds.callId, OTHER_ID);
const expiryAction = fc.constantFrom<ApprovalExpiryAction>('reject', 'approve', 'escalate');
const decision = fc.constantFrom<SafetyDecision>('allow', 'require_approval', 'block');
const tool = fc.constantFrom('run_sql', 'send_email');
type Weighted = fc.WeightedArbitrary<RunEventData>;

const reasoningEvents: Weighted[] = [
  { weight: 4, arbitrary: fc.tuple(stepArbitrary, tool).map(([step, name]) => story.action(step, name)) },
  { weight: 1, arbitrary: stepArbitrary.map((step) => story.finish(step)) },
  { weight: 2, arbitrary: stepArbitrary.map((step) => story.malformed(step)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(stepArbitrary, fc.integer({ min: 1, max: 6 }), fc.boolean())
      .map(([step, attempt, retryable]) => story.llmFailed(step, attempt, retryable)),
  },
  { weight: 4, arbitrary: fc.tuple(stepArbitrary, decision, tool).map(([s, d, t]) => story.safety(s, d, t)) },
  { weight: 2, arbitrary: stepArbitrary.map((step) => story.remembered(step)) },
  { weight: 1, arbitrary: fc.constantFrom(ev('RunCompleted'), ev('RunFailed'), ev('RunCancelled')) },
];

const approvalEvents: Weighted[] = [
  {
    weight: 3,
    arbitrary: fc
      .tuple(stepArbitrary, approvalId, expiryAction, fc.boolean())
      .map(([step, id, onExpiry, soon]) => {
        const expiresAt = soon ? '2025-01-01T11:00:30.000Z' : '2025-01-02T11:00:00.000Z';
        return ev('ApprovalRequested', { step, approvalId: id, onExpiry, expiresAt });
      }),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(approvalId, fc.boolean()).map(([id, edit]) => {
      const editedParams = edit ? { sql: 'SELECT 2' } : undefined;
      return ev('ApprovalGranted', { approvalId: id, editedParams });
    }),
  },
  { weight: 1, arbitrary: approvalId.map((id) => ev('ApprovalRejected', { approvalId: id })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(approvalId, expiryAction)
      .map(([id, action]) => ev('ApprovalExpired', { approvalId: id, action })),
  },
  { weight: 1, arbitrary: approvalId.map((id) => ev('ApprovalEscalated', { approvalId: id })) },
];

const toolEvents: Weighted[] = [
  {
    weight: 3,
    arbitrary: fc
      .tuple(stepArbitrary, callId, fc.boolean(), tool)
      .map(([step, id, idempotent, name]) =>
        ev('ToolCallStarted', { step, callId: id, idempotent, tool: name }),
      ),
  },
  { weight: 2, arbitrary: callId.map((id) => ev('ToolCallSucceeded', { callId: id })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(callId, fc.boolean())
      .map(([id, retryable]) => ev('ToolCallFailed', { callId: id, retryable })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(callId, stepArbitrary)
      .map(([id, step]) => ev('ToolCallOutcomeUnknown', { callId: id, step })),
  },
];

/** Any run event but `RunStarted`: the examples with steps, ids, flags and choices varied. */
export function runEventArbitrary(): fc.Arbitrary<RunEventData> {
  return fc.oneof(...reasoningEvents, ...approvalEvents, ...toolEvents);
}

/**
 * A run stream of up to 40 arbitrary run events in any order, with `RunStarted` (max 6 steps)
 * usually first and sometimes after a few events (which the fold must ignore).
 */
export function runHistoryArbitrary(): fc.Arbitrary<RunEventData[]> {
  const before = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(3) });
  return fc
    .tuple(fc.array(runEventArbitrary(), { maxLength: 40 }), before)
    .map(([events, n]) => [...events.slice(0, n), story.runStarted({ maxSteps: 6 }), ...events.slice(n)]);
}
