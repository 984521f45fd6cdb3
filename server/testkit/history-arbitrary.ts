// fast-check generator of valid event histories: agents and their runs, appended interleaved.
import fc from 'fast-check';
import { encodeFloat32 } from '../../schema/events/embedding-vector.ts';
import { exampleEvents } from '../../schema/events/examples.ts';
import {
  type ApprovalExpiryAction,
  agentStream,
  type PolicyRule,
  policyStream,
  type ReasoningCompletedData,
  runStream,
} from '../../schema/events/index.ts';
import { entry, type LogEntry } from './event-log.ts';

/** One append: events of one stream, in order. */
export interface HistoryAppend {
  stream: string;
  entries: LogEntry[];
}

const STEP_KINDS = [
  'tool',
  'tool-failed',
  'approval-granted',
  'approval-rejected',
  'approval-expired',
  'approval-escalated',
  'reasoning-failed',
  'output-rejected',
  'outcome-unknown',
] as const;

const agentSpec = fc.record({
  updates: fc.array(
    fc.record({
      name: fc.option(fc.constantFrom('Alpha', 'Beta', 'Gamma'), { nil: undefined }),
      llm: fc.option(
        fc.record({
          provider: fc.constantFrom('openai', 'anthropic', 'demo') as fc.Arbitrary<
            'openai' | 'anthropic' | 'demo'
          >,
          model: fc.constantFrom('m-1', 'm-2'),
          temperature: fc.option(fc.constantFrom(0, 0.5, 1.25), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      tools: fc.option(fc.subarray(['run_sql', 'send_email', 'web_search']), { nil: undefined }),
    }),
    { maxLength: 3 },
  ),
  archived: fc.boolean(),
});

const stepSpec = fc.record({
  kind: fc.constantFrom(...STEP_KINDS),
  inputTokens: fc.nat(5000),
  outputTokens: fc.nat(800),
  microUsd: fc.nat(90_000),
  expiry: fc.constantFrom('reject', 'approve', 'escalate') as fc.Arbitrary<ApprovalExpiryAction>,
  memory: fc.option(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 4, maxLength: 4 }), {
    nil: undefined,
  }),
});

const runSpec = fc.record({
  agent: fc.nat(),
  forkOf: fc.option(fc.nat(), { nil: undefined }),
  steps: fc.array(stepSpec, { maxLength: 4 }),
  end: fc.constantFrom('completed', 'failed', 'cancelled', 'open'),
});

type AgentSpec = typeof agentSpec extends fc.Arbitrary<infer T> ? T : never;
type RunSpec = typeof runSpec extends fc.Arbitrary<infer T> ? T : never;

function agentEntries(agentId: string, spec: AgentSpec): LogEntry[] {
  const stream = agentStream(agentId);
  const out = [entry(stream, 'AgentCreated', { ...exampleEvents.AgentCreated, agentId })];
  spec.updates.forEach((update, i) => {
    const changes = {
      ...(update.name !== undefined && { name: update.name }),
      ...(update.llm !== undefined && {
        llm: {
          provider: update.llm.provider,
          model: update.llm.model,
          ...(update.llm.temperature !== undefined && { temperature: update.llm.temperature }),
        },
      }),
      ...(update.tools !== undefined && { tools: update.tools }),
    };
    const data = Object.keys(changes).length > 0 ? changes : { purpose: `Purpose ${i}` };
    out.push(entry(stream, 'AgentUpdated', { agentId, version: i + 2, ...data }));
  });
  if (spec.archived) out.push(entry(stream, 'AgentArchived', { ...exampleEvents.AgentArchived, agentId }));
  return out;
}

function runEntries(
  runId: string,
  agentId: string,
  forkOf: string | undefined,
  spec: RunSpec,
  id: () => string,
) {
  const stream = runStream(runId);
  const out = [
    entry(stream, 'RunStarted', {
      ...exampleEvents.RunStarted,
      runId,
      agentId,
      inputs: { goal: `Goal of ${runId.slice(-4)}` },
      ...(forkOf !== undefined && { forkedFrom: { runId: forkOf, atRevision: 1 } }),
    }),
  ];
  spec.steps.forEach((step, i) => {
    const n = i + 1;
    const usage = {
      inputTokens: step.inputTokens,
      outputTokens: step.outputTokens,
      cachedTokens: 0,
      reasoningTokens: 0,
    };
    const reasoning = entry(stream, 'ReasoningCompleted', {
      ...exampleEvents.ReasoningCompleted,
      step: n,
      usage,
      costUsd: step.microUsd / 1_000_000,
    });
    const safety = entry(stream, 'SafetyEvaluated', { ...exampleEvents.SafetyEvaluated, step: n });
    const callId = id();
    const started = entry(stream, 'ToolCallStarted', { ...exampleEvents.ToolCallStarted, step: n, callId });
    const approvalId = id();
    const asked = entry(stream, 'ApprovalRequested', {
      ...exampleEvents.ApprovalRequested,
      step: n,
      approvalId,
    });
    const byKind: Record<(typeof STEP_KINDS)[number], LogEntry[]> = {
      tool: [
        reasoning,
        safety,
        started,
        entry(stream, 'ToolCallSucceeded', { ...exampleEvents.ToolCallSucceeded, callId }),
      ],
      'tool-failed': [
        reasoning,
        safety,
        started,
        entry(stream, 'ToolCallFailed', { ...exampleEvents.ToolCallFailed, callId }),
      ],
      'approval-granted': [
        reasoning,
        safety,
        asked,
        entry(stream, 'ApprovalGranted', { ...exampleEvents.ApprovalGranted, approvalId }),
        started,
      ],
      'approval-rejected': [
        reasoning,
        safety,
        asked,
        entry(stream, 'ApprovalRejected', { ...exampleEvents.ApprovalRejected, approvalId }),
      ],
      'approval-expired': [
        reasoning,
        safety,
        asked,
        entry(stream, 'ApprovalExpired', { approvalId, action: step.expiry }),
      ],
      'approval-escalated': [reasoning, safety, asked, entry(stream, 'ApprovalEscalated', { approvalId })],
      'reasoning-failed': [entry(stream, 'ReasoningFailed', { ...exampleEvents.ReasoningFailed, step: n })],
      'output-rejected': [
        entry(stream, 'ModelOutputRejected', {
          ...exampleEvents.ModelOutputRejected,
          step: n,
          usage,
          costUsd: step.microUsd / 1e6,
        }),
      ],
      'outcome-unknown': [
        reasoning,
        safety,
        started,
        entry(stream, 'ToolCallOutcomeUnknown', { callId, tool: 'send_email', step: n }),
      ],
    };
    out.push(...byKind[step.kind]);
    if (step.memory) {
      const vector = step.memory.every((x) => x === 0) ? [1, 0, 0, 0] : step.memory;
      out.push(
        entry(stream, 'MemoryStored', {
          memoryId: id(),
          step: n,
          kind: 'thought',
          text: `Step ${n} of ${runId.slice(-4)}`,
          embedding: { model: 'test-embedder', dims: 4, vectorFloat32LE: encodeFloat32(vector) },
        }),
      );
    }
  });
  const last = spec.steps.length + 1;
  const { action: _, ...reasoning } = exampleEvents.ReasoningCompleted;
  const finish: ReasoningCompletedData = { ...reasoning, step: last, finish: { output: { done: runId } } };
  if (spec.end === 'completed') {
    out.push(
      entry(stream, 'ReasoningCompleted', finish),
      entry(stream, 'RunCompleted', exampleEvents.RunCompleted),
    );
  } else if (spec.end === 'failed') {
    out.push(entry(stream, 'RunFailed', exampleEvents.RunFailed));
  } else if (spec.end === 'cancelled') {
    out.push(entry(stream, 'RunCancelled', exampleEvents.RunCancelled));
  }
  return out;
}

/**
 * Random but valid histories: 1–3 agents (updated, maybe archived) and up to 5 runs of them (steps
 * with tools, approvals, failures and memories; completed, failed, cancelled or still open), each
 * stream cut into appends of 1–3 events, the appends of all streams interleaved at random.
 */
export function historyArbitrary(): fc.Arbitrary<HistoryAppend[]> {
  return fc
    .record({
      agents: fc.array(agentSpec, { minLength: 1, maxLength: 3 }),
      runs: fc.array(runSpec, { maxLength: 5 }),
      chunks: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 20 }),
      order: fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
    })
    .map(({ agents, runs, chunks, order }) => {
      let counter = 0;
      const id = () => `01930000-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;
      const agentIds = agents.map(() => id());
      const runIds = runs.map(() => id());
      const streams = [
        ...agents.map((spec, i) => agentEntries(agentIds[i] as string, spec)),
        ...runs.map((spec, i) => {
          const forkOf = spec.forkOf === undefined ? undefined : runIds[spec.forkOf % runIds.length];
          return runEntries(
            runIds[i] as string,
            agentIds[spec.agent % agentIds.length] as string,
            forkOf,
            spec,
            id,
          );
        }),
      ];
      const pending = streams.map((entries) => {
        const appends: HistoryAppend[] = [];
        for (let at = 0, c = 0; at < entries.length; c++) {
          const size = chunks[c % chunks.length] as number;
          appends.push({ stream: entries[at]?.stream as string, entries: entries.slice(at, at + size) });
          at += size;
        }
        return appends;
      });
      const history: HistoryAppend[] = [];
      for (let i = 0; pending.some((appends) => appends.length > 0); i++) {
        const open = pending.filter((appends) => appends.length > 0);
        const pick = open[(order[i % order.length] as number) % open.length] as HistoryAppend[];
        history.push(pick.shift() as HistoryAppend);
      }
      return history;
    });
}

/**
 * Random policy histories to mix into {@link historyArbitrary}'s: 0–2 policies, each created and
 * updated 0–3 times (sometimes archived), one append per event. Ids do not collide with its ids.
 */
export function policyHistoryArbitrary(): fc.Arbitrary<HistoryAppend[]> {
  const rule = fc.record({
    id: fc.constantFrom('r1', 'r2'),
    risk: fc.constantFrom('LOW', 'HIGH', 'CRITICAL') as fc.Arbitrary<PolicyRule['risk']>,
  });
  const policy = fc.record({
    versions: fc.array(fc.uniqueArray(rule, { selector: (r) => r.id, maxLength: 2 }), {
      minLength: 1,
      maxLength: 4,
    }),
    archived: fc.boolean(),
  });
  return fc.array(policy, { maxLength: 2 }).map((policies) =>
    policies.flatMap((spec, p) => {
      const policyId = `01930000-0000-7000-8000-${(0xf000 + p).toString(16).padStart(12, '0')}`;
      const stream = policyStream(policyId);
      const rules = (version: (typeof spec.versions)[number]) =>
        version.map(({ id, risk }) => ({
          id,
          description: '',
          match: { tool: 'send_email' },
          risk,
          reason: id,
        }));
      const [first, ...updates] = spec.versions;
      const appends: HistoryAppend[] = [
        {
          stream,
          entries: [
            entry(stream, 'PolicyCreated', {
              policyId,
              name: `Policy ${p}`,
              version: 1,
              rules: rules(first ?? []),
            }),
          ],
        },
        ...updates.map((version, i) => ({
          stream,
          entries: [
            entry(stream, 'PolicyUpdated', {
              policyId,
              version: i + 2,
              rules: rules(version),
              changedBy: 'user-admin',
            }),
          ],
        })),
      ];
      if (spec.archived) {
        appends.push({ stream, entries: [entry(stream, 'PolicyArchived', { policyId, by: 'user-admin' })] });
      }
      return appends;
    }),
  );
}
