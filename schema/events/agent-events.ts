// Stream `agent-<agentId>`: an agent's configuration, versioned from 1 at `AgentCreated`.
import { z } from 'zod';
import { ApprovalPolicy } from './approval-policy.ts';
import { Actor, Id, NonEmpty, uniqueList } from './common.ts';
import type { EventDefinition } from './define.ts';

export const LlmProvider = { OpenAI: 'openai', Anthropic: 'anthropic', Demo: 'demo' } as const;
export type LlmProvider = (typeof LlmProvider)[keyof typeof LlmProvider];

/** Which model an agent reasons with. Absent sampling settings mean the provider's default. */
export const LlmConfig = z.strictObject({
  provider: z.enum(LlmProvider),
  /**
   * A named OpenAI-compatible endpoint of the deployment (`OPENAI_COMPATIBLE_<NAME>_BASE_URL`), for
   * provider `openai` only; absent means the default endpoint (OPENAI_API_KEY / OPENAI_BASE_URL).
   */
  endpoint: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
      'must be an endpoint name (lowercase letters, digits, "-")',
    )
    .optional(),
  model: NonEmpty,
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
});
export type LlmConfig = z.infer<typeof LlmConfig>;

/** Limits checked before each step. An absent limit means no limit; `{}` means an unbounded agent. */
export const Budget = z.strictObject({
  maxSteps: z.number().int().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
  maxWallTimeMs: z.number().int().positive().optional(),
});
export type Budget = z.infer<typeof Budget>;

/** Everything that defines how an agent behaves; `RunStarted` snapshots it so a run never changes. */
export const AgentConfig = z.strictObject({
  name: NonEmpty,
  purpose: NonEmpty,
  llm: LlmConfig,
  tools: uniqueList(NonEmpty, 'tool'),
  systemPrompt: z.string(),
  policyIds: uniqueList(Id, 'policy'),
  budget: Budget,
  /** The agent's override of its policy rules' approval settings (field by field). */
  approval: ApprovalPolicy.optional(),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

/** An agent exists, at version 1. */
export const AgentCreated = z.strictObject({ agentId: Id, ...AgentConfig.shape });

const configKeys = Object.keys(AgentConfig.shape);

/**
 * A new version of the agent. It carries only the config fields that changed, each replaced whole
 * (a new `llm` object, not a patch of it); `version` is the agent's version after this event.
 */
export const AgentUpdated = z
  .strictObject({ agentId: Id, version: z.number().int().min(2), ...AgentConfig.partial().shape })
  .refine(
    (event) => configKeys.some((key) => key in event && event[key as keyof typeof event] !== undefined),
    {
      message: 'must change at least one config field',
    },
  );

/** The agent starts no new runs; its history stays. */
export const AgentArchived = z.strictObject({ agentId: Id, by: Actor, reason: NonEmpty.optional() });

export const agentEventDefinitions = [
  { type: 'AgentCreated', schemaVersion: 1, schema: AgentCreated },
  { type: 'AgentUpdated', schemaVersion: 1, schema: AgentUpdated },
  { type: 'AgentArchived', schemaVersion: 1, schema: AgentArchived },
] as const satisfies readonly EventDefinition[];
