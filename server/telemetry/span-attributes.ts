// Attribute names of the exported spans: OpenTelemetry's GenAI semantic conventions (from the
// package, so a rename upstream is a compile error here), and the platform's own under `spark.`.
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_AGENT_VERSION,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '@opentelemetry/semantic-conventions/incubating';

/** GenAI semantic conventions (incubating upstream: the names are the package's, not ours). */
export const GenAi = {
  OperationName: ATTR_GEN_AI_OPERATION_NAME,
  ProviderName: ATTR_GEN_AI_PROVIDER_NAME,
  RequestModel: ATTR_GEN_AI_REQUEST_MODEL,
  ResponseModel: ATTR_GEN_AI_RESPONSE_MODEL,
  RequestTemperature: ATTR_GEN_AI_REQUEST_TEMPERATURE,
  RequestMaxTokens: ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ConversationId: ATTR_GEN_AI_CONVERSATION_ID,
  UsageInputTokens: ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  UsageOutputTokens: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  UsageCacheReadInputTokens: ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  UsageReasoningOutputTokens: ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ToolName: ATTR_GEN_AI_TOOL_NAME,
  ToolCallId: ATTR_GEN_AI_TOOL_CALL_ID,
  ToolType: ATTR_GEN_AI_TOOL_TYPE,
  AgentId: ATTR_GEN_AI_AGENT_ID,
  AgentName: ATTR_GEN_AI_AGENT_NAME,
  AgentVersion: ATTR_GEN_AI_AGENT_VERSION,
} as const;

/** What the conventions do not cover: the platform's run, step, cost, safety and approval facts. */
export const Spark = {
  RunId: 'spark.run.id',
  RunOutcome: 'spark.run.outcome',
  Steps: 'spark.run.steps',
  ForkedFromRunId: 'spark.run.forked_from.run_id',
  ForkedAtRevision: 'spark.run.forked_from.revision',
  Step: 'spark.step',
  CostUsd: 'spark.cost_usd',
  OutputProblem: 'spark.llm.output_problem',
  Attempt: 'spark.llm.attempt',
  Retryable: 'spark.retryable',
  ErrorType: ATTR_ERROR_TYPE,
  ToolOutcome: 'spark.tool.outcome',
  Idempotent: 'spark.tool.idempotent',
  Risk: 'spark.safety.risk',
  Decision: 'spark.safety.decision',
  PolicyId: 'spark.safety.policy_id',
  PolicyVersion: 'spark.safety.policy_version',
  ApprovalId: 'spark.approval.id',
  MemoryKind: 'spark.memory.kind',
} as const;
