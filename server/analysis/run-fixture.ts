// A run as a self-contained regression test: its agent, inputs, every event (secrets redacted), the
// policies and tools it ran under, and what the agent asked the model at each step. Versioned, so a
// fixture written today is read (or refused with a clear message) by later releases.
import { z } from 'zod';
import { AgentConfig, eventCatalogue, PolicyRule, RiskLevel } from '../../schema/events/index.ts';
import { redactSecrets } from '../activities/tools/redact-secrets.ts';
import type { ToolSpec } from '../engine/conversation.ts';
import { forkedRunStates } from '../engine/forked-run.ts';
import { evolve, type RunEvent, type RunState } from '../engine/run-state.ts';
import type { PolicyState } from '../safety/policy-state.ts';
import { questionHash } from './run-question.ts';

export const RUN_FIXTURE_FORMAT = 'spark-ops/run-fixture';
export const RUN_FIXTURE_VERSION = 1;

const FixtureEvent = z.strictObject({
  revision: z.number().int().min(0),
  type: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  recordedAt: z.iso.datetime({ offset: true }),
});

const FixturePolicy = z.strictObject({
  policyId: z.string().min(1),
  name: z.string(),
  version: z.number().int().positive(),
  rules: z.array(PolicyRule),
  archived: z.boolean(),
});

/** The fixture format, version 1 (what `exportRun` returns and `replay-check` reads). */
export const RunFixture = z.strictObject({
  format: z.literal(RUN_FIXTURE_FORMAT),
  formatVersion: z.literal(RUN_FIXTURE_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  runId: z.string().min(1),
  agentId: z.string().min(1),
  agentVersion: z.number().int().positive(),
  agent: AgentConfig,
  inputs: z.record(z.string(), z.string()),
  /** The tools the deployment offered (name, description, JSON schema), in its order. */
  tools: z.array(
    z.strictObject({
      name: z.string(),
      description: z.string(),
      parameters: z.record(z.string(), z.unknown()),
    }),
  ),
  /** Each tool's default risk, for calls no policy rule matches. */
  toolDefaults: z.record(z.string(), z.enum(RiskLevel)),
  /** The policies that governed the agent when the run was exported (the built-in one first). */
  policies: z.array(FixturePolicy),
  /** What the agent asked the model at each step (`questionHash`), as the events were exported. */
  questions: z.array(z.strictObject({ step: z.number().int().positive(), hash: z.string().min(1) })),
  /** The run's own events, `RunStarted` first. */
  events: z.array(FixtureEvent).min(1),
  /** For a fork: its source's events up to the fork point. */
  inherited: z.array(FixtureEvent),
});
export type RunFixture = z.infer<typeof RunFixture>;

type FixtureEvent = z.infer<typeof FixtureEvent>;

const toFixtureEvent = (event: RunEvent): FixtureEvent => ({
  revision: event.revision,
  type: event.type,
  data: redactSecrets(event.data) as Record<string, unknown>,
  recordedAt: event.recordedAt.toISOString(),
});

/** Fixture events back as run events. @throws Error naming the event whose data the catalogue refuses. */
export function runEventsOf(events: readonly FixtureEvent[]): RunEvent[] {
  return events.map((event) => {
    try {
      eventCatalogue.validate(event.type, event.data);
    } catch (error) {
      throw new Error(
        `event at revision ${event.revision} (${event.type}) is not valid: ${(error as Error).message}`,
      );
    }
    return { ...event, recordedAt: new Date(event.recordedAt) } as RunEvent;
  });
}

/** The state after a run's `RunStarted` (and, for a fork, its inherited history); null without one. */
export function startedState(own: readonly RunEvent[], inherited: readonly RunEvent[]): RunState | null {
  const first = own[0];
  if (first?.type !== 'RunStarted') return null;
  let state: RunState | null = null;
  for (const next of forkedRunStates([first], inherited)) state = next;
  return state;
}

/** The question of every answered step, folded from the (redacted) events as the check will see them. */
function questionsOf(own: readonly RunEvent[], inherited: readonly RunEvent[], tools: readonly ToolSpec[]) {
  const questions: { step: number; hash: string }[] = [];
  let state = startedState(own, inherited);
  if (state === null) return questions;
  for (const event of own.slice(1)) {
    if (event.type === 'ReasoningCompleted' || event.type === 'ModelOutputRejected') {
      questions.push({ step: event.data.step, hash: questionHash(state, tools) });
    }
    state = evolve(state, event);
  }
  return questions;
}

/** What `buildRunFixture` needs beside the run's history: the world it ran in, as of the export. */
export interface FixtureContext {
  tools: readonly ToolSpec[];
  toolDefaults: Record<string, RiskLevel>;
  policies: readonly PolicyState[];
  exportedAt: Date;
}

/**
 * The fixture of a run. Secrets in event data are redacted (`redactSecrets`), and the questions are
 * hashed from the redacted events, so that a check of the unchanged agent matches. Pure.
 * @throws Error when the history has no `RunStarted`.
 */
export function buildRunFixture(
  history: { own: readonly RunEvent[]; inherited: readonly RunEvent[] },
  context: FixtureContext,
): RunFixture {
  const started = history.own[0];
  if (started?.type !== 'RunStarted') throw new Error("a run fixture needs the run's RunStarted");
  const events = history.own.map(toFixtureEvent);
  const inherited = history.inherited.map(toFixtureEvent);
  const redacted = { own: runEventsOf(events), inherited: runEventsOf(inherited) };
  const start = redacted.own[0];
  if (start?.type !== 'RunStarted') throw new Error("a run fixture needs the run's RunStarted");
  const agentTools = new Set(start.data.agent.tools);
  return {
    format: RUN_FIXTURE_FORMAT,
    formatVersion: RUN_FIXTURE_VERSION,
    exportedAt: context.exportedAt.toISOString(),
    runId: start.data.runId,
    agentId: start.data.agentId,
    agentVersion: start.data.agentVersion,
    agent: start.data.agent,
    inputs: start.data.inputs,
    tools: context.tools.filter((tool) => agentTools.has(tool.name)).map((tool) => ({ ...tool })),
    toolDefaults: { ...context.toolDefaults },
    policies: context.policies.map((policy) => ({ ...policy })),
    questions: questionsOf(redacted.own, redacted.inherited, context.tools),
    events,
    inherited,
  };
}
