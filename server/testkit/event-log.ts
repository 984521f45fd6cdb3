// Event logs for tests: typed entries, turned into RecordedEvents (pure tests) or appended to a store.
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import {
  agentStream,
  type EventDataByType,
  type EventType,
  policyStream,
  type ReasoningCompletedData,
  runStream,
} from '../../schema/events/index.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { AppendResult, EventStore, RecordedEvent } from '../eventstore/port.ts';

/** One event of a test log: which stream, which type, and data of that type. */
export interface LogEntry {
  stream: string;
  type: EventType;
  data: Record<string, unknown>;
}

/** A typed entry: `entry(runStream(id), 'RunStarted', {...})` checks the data against the type. */
export function entry<T extends EventType>(stream: string, type: T, data: EventDataByType[T]): LogEntry {
  return { stream, type, data: data as unknown as Record<string, unknown> };
}

export const TEST_LOG_START = new Date('2025-01-01T12:00:00.000Z');

/**
 * The entries as a store would return them, without a store: revisions count per stream from 0,
 * positions (`t:000001`, …) sort in log order, and events are recorded one second apart.
 */
export function recordedLog(entries: readonly LogEntry[], start: Date = TEST_LOG_START): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return entries.map((item, index) => {
    const revision = (revisions.get(item.stream) ?? -1) + 1;
    revisions.set(item.stream, revision);
    return {
      id: newEventId(),
      stream: item.stream,
      revision,
      position: `t:${String(index + 1).padStart(6, '0')}`,
      type: item.type,
      data: structuredClone(item.data),
      metadata: { schemaVersion: 1 },
      recordedAt: new Date(start.getTime() + index * 1000),
    };
  });
}

/**
 * Appends the entries in order, one append per run of consecutive entries of the same stream.
 * @returns the result of each append (its `position` is what read-your-writes waits for).
 */
export async function appendLog(store: EventStore, entries: readonly LogEntry[]): Promise<AppendResult[]> {
  const results: AppendResult[] = [];
  for (let i = 0; i < entries.length; ) {
    const stream = entries[i]?.stream as string;
    let j = i;
    while (j < entries.length && entries[j]?.stream === stream) j++;
    const events = entries
      .slice(i, j)
      .map((item) => ({ id: newEventId(), type: item.type, data: item.data }));
    results.push(await store.append(stream, events));
    i = j;
  }
  return results;
}

/**
 * The examples' story as a log: the agent is created, updated and archived; its run asks for
 * approval to send an email, sends it, remembers it and completes in two steps.
 */
export function exampleStory(): LogEntry[] {
  const agent = agentStream(exampleIds.agentId);
  const run = runStream(exampleIds.runId);
  const { action: _, ...reasoning } = exampleEvents.ReasoningCompleted;
  const finish: ReasoningCompletedData = {
    ...reasoning,
    step: 2,
    thought: 'Done.',
    finish: { output: exampleEvents.RunCompleted.output },
  };
  return [
    entry(agent, 'AgentCreated', exampleEvents.AgentCreated),
    entry(run, 'RunStarted', exampleEvents.RunStarted),
    entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted),
    entry(run, 'SafetyEvaluated', exampleEvents.SafetyEvaluated),
    entry(run, 'ApprovalRequested', exampleEvents.ApprovalRequested),
    entry(agent, 'AgentUpdated', exampleEvents.AgentUpdated),
    entry(run, 'ApprovalGranted', exampleEvents.ApprovalGranted),
    entry(run, 'ToolCallStarted', exampleEvents.ToolCallStarted),
    entry(run, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
    entry(run, 'MemoryStored', exampleEvents.MemoryStored),
    entry(run, 'ReasoningCompleted', finish),
    entry(run, 'RunCompleted', exampleEvents.RunCompleted),
    entry(agent, 'AgentArchived', exampleEvents.AgentArchived),
  ];
}

/** Ids of the second run of {@link troubledRunStory} and {@link governanceStory}. */
export const storyIds = {
  otherRunId: '01930000-0000-7000-8000-000000000011',
  failedCallId: '01930000-0000-7000-8000-000000000031',
  unknownCallId: '01930000-0000-7000-8000-000000000032',
  rejectedApprovalId: '01930000-0000-7000-8000-000000000021',
  expiredApprovalId: '01930000-0000-7000-8000-000000000022',
} as const;

/**
 * A second run of the example agent that goes wrong: an LLM call fails, an answer is rejected, a
 * tool fails, another's outcome is unknown, and the run fails.
 */
export function troubledRunStory(): LogEntry[] {
  const runId = storyIds.otherRunId;
  const run = runStream(runId);
  return [
    entry(run, 'RunStarted', { ...exampleEvents.RunStarted, runId }),
    entry(run, 'ReasoningFailed', exampleEvents.ReasoningFailed),
    entry(run, 'ModelOutputRejected', exampleEvents.ModelOutputRejected),
    entry(run, 'ToolCallStarted', {
      ...exampleEvents.ToolCallStarted,
      callId: storyIds.failedCallId,
      step: 2,
    }),
    entry(run, 'ToolCallFailed', { ...exampleEvents.ToolCallFailed, callId: storyIds.failedCallId }),
    entry(run, 'ToolCallStarted', {
      ...exampleEvents.ToolCallStarted,
      callId: storyIds.unknownCallId,
      step: 3,
    }),
    entry(run, 'ToolCallOutcomeUnknown', { callId: storyIds.unknownCallId, tool: 'send_email', step: 3 }),
    entry(run, 'RunFailed', exampleEvents.RunFailed),
  ];
}

/**
 * The example story framed by its policy's two versions, with a second run whose verdict blocks,
 * and whose approvals are rejected, and escalated then expired.
 */
export function governanceStory(): LogEntry[] {
  const policy = policyStream(exampleIds.policyId);
  const runId = storyIds.otherRunId;
  const run = runStream(runId);
  const ask = (approvalId: string, step: number) =>
    entry(run, 'ApprovalRequested', { ...exampleEvents.ApprovalRequested, approvalId, step });
  const { rejectedApprovalId: rejected, expiredApprovalId: expired } = storyIds;
  return [
    entry(policy, 'PolicyCreated', exampleEvents.PolicyCreated),
    ...exampleStory(),
    entry(run, 'RunStarted', { ...exampleEvents.RunStarted, runId }),
    entry(run, 'SafetyEvaluated', { ...exampleEvents.SafetyEvaluated, decision: 'block', risk: 'CRITICAL' }),
    ask(rejected, 2),
    entry(run, 'ApprovalRejected', { ...exampleEvents.ApprovalRejected, approvalId: rejected }),
    ask(expired, 3),
    entry(run, 'ApprovalEscalated', { approvalId: expired, to: 'role:admin' }),
    entry(run, 'ApprovalExpired', { approvalId: expired, action: 'reject' }),
    entry(policy, 'PolicyUpdated', exampleEvents.PolicyUpdated),
    entry(run, 'RunFailed', exampleEvents.RunFailed),
  ];
}
