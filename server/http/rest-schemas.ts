// The shapes the REST routes answer with, as zod schemas: the OpenAPI document (openapi.ts) is
// printed from them, and the mapping functions below are typed by them, so the document and the
// responses cannot drift apart. Pure: no I/O.
import { z } from 'zod';
import type { ApprovalView } from '../../projections/approvals/queries.ts';
import type { RunView } from '../../projections/runs/queries.ts';
import { RunStatus } from '../engine/run-status.ts';

/** REST spells run statuses in lower case (`waiting_for_approval`); GraphQL in upper case. */
export const REST_RUN_STATUSES = Object.values(RunStatus).map((status) => status.toLowerCase()) as [
  string,
  ...string[],
];

/** Every named REST shape: the OpenAPI document's `components.schemas`. */
export const restSchemas = z.registry<{ id: string }>();

const DateTime = z.iso.datetime().describe('An instant, ISO-8601 UTC');

export const RestError = z
  .object({
    error: z.string().describe('A stable code: BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, …'),
    message: z.string(),
    field: z.string().optional().describe('The request field at fault, by its REST name'),
  })
  .register(restSchemas, { id: 'Error' });

export const RestRun = z
  .object({
    run_id: z.string(),
    agent_id: z.string().nullable(),
    status: z.enum(REST_RUN_STATUSES),
    goal: z.string().nullable(),
    steps: z.number().int().describe('The highest completed reasoning step'),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_usd: z.number(),
    output: z.unknown().describe('What the run returned; null until it completed'),
    error: z.object({ message: z.string(), code: z.string().nullable() }).nullable(),
    created_at: DateTime,
    finished_at: DateTime.nullable(),
  })
  .register(restSchemas, { id: 'Run' });

export const RestRunPage = z
  .object({
    runs: z.array(RestRun).describe('Newest first'),
    next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .register(restSchemas, { id: 'RunPage' });

export const RestApproval = z
  .object({
    id: z.string().describe('`<run_id>:<approval_id>`: what /api/apa/hitl/{id}/approve takes'),
    run_id: z.string(),
    agent_id: z.string().nullable(),
    step: z.number().int(),
    tool: z.string(),
    params: z.record(z.string(), z.unknown()).describe('The tool call waiting for a decision'),
    risk: z.string(),
    reasons: z.array(z.string()),
    status: z.literal('pending'),
    escalated: z.boolean(),
    requested_at: DateTime,
    expires_at: DateTime.nullable(),
    on_expiry: z.string().describe('What happens at expires_at: reject, approve or escalate'),
  })
  .register(restSchemas, { id: 'Approval' });

export const RestApprovalPage = z
  .object({
    approvals: z.array(RestApproval).describe('Newest first'),
    next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .register(restSchemas, { id: 'ApprovalPage' });

export const RestAgentCreated = z
  .object({ id: z.string(), status: z.literal('ready') })
  .register(restSchemas, { id: 'AgentCreated' });

export const RestRunCreated = z
  .object({ run_id: z.string(), status: z.enum(REST_RUN_STATUSES), created_at: DateTime })
  .register(restSchemas, { id: 'RunCreated' });

export const RestDecision = z
  .object({ id: z.string(), run_id: z.string(), status: z.enum(['approved', 'rejected']) })
  .register(restSchemas, { id: 'Decision' });

// Request bodies (documentation and examples; the routes check them field by field).
export const CreateAgentBody = z
  .object({
    name: z.string(),
    purpose: z.string(),
    llm_provider: z.string().describe('demo, openai, anthropic, …'),
    llm_model: z.string(),
    tools: z.array(z.string()),
    system_prompt: z.string().optional(),
  })
  .register(restSchemas, { id: 'CreateAgent' });

export const StartRunBody = z
  .object({
    agent_id: z.string(),
    inputs: z
      .object({ goal: z.string().min(1) })
      .catchall(z.string())
      .describe('`goal` and any other named text inputs'),
  })
  .register(restSchemas, { id: 'StartRun' });

export const CancelRunBody = z
  .object({ reason: z.string().optional() })
  .register(restSchemas, { id: 'CancelRun' });

export const DecisionBody = z
  .object({
    run_id: z.string().optional().describe('Needed only when the path holds a bare approval id'),
    comment: z.string().optional(),
    edited_params: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Approve only: the tool call parameters to use instead'),
  })
  .register(restSchemas, { id: 'DecisionRequest' });

export function restRun(run: RunView): z.infer<typeof RestRun> {
  return {
    run_id: run.id,
    agent_id: run.agentId,
    status: run.status.toLowerCase(),
    goal: run.goal,
    steps: run.steps,
    input_tokens: run.inputTokens,
    output_tokens: run.outputTokens,
    cost_usd: run.costUsd,
    output: run.output ?? null,
    error: run.error,
    created_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

/** A pending approval; `id` is its public reference, `<runId>:<approvalId>`. */
export function restApproval(approval: ApprovalView, ref: string): z.infer<typeof RestApproval> {
  return {
    id: ref,
    run_id: approval.runId,
    agent_id: approval.agentId,
    step: approval.step,
    tool: approval.tool,
    params: approval.params,
    risk: approval.risk,
    reasons: approval.reasons,
    status: 'pending',
    escalated: approval.escalated,
    requested_at: approval.requestedAt.toISOString(),
    expires_at: approval.expiresAt?.toISOString() ?? null,
    on_expiry: approval.onExpiry,
  };
}
