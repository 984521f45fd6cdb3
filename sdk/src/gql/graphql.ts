/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as an ISO-8601 UTC string. */
  DateTime: { input: string; output: string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
};

export type AgentStatus =
  | 'ACTIVE'
  | 'ARCHIVED';

export type AnnotateStepInput = {
  /** At most 2000 characters. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 characters (trimmed). */
  label: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
  /** From -1 (bad) through 0 (neutral) to 1 (good). */
  score: Scalars['Float']['input'];
  /** A step of the run (1 to the run's latest step). */
  step: Scalars['Int']['input'];
};

/** What a pending approval comes to at its deadline. */
export type ApprovalExpiryAction =
  | 'APPROVE'
  | 'ESCALATE'
  | 'REJECT';

/** The agent's override of its policy rules' approval settings, field by field (absent: the rule's, then the APPROVAL_* settings). */
export type ApprovalSettingsInput = {
  escalateTo?: InputMaybe<EscalationTargetInput>;
  onExpiry?: InputMaybe<ApprovalExpiryAction>;
  /** How long an approval waits (at most 30 days). */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

export type AuditKind =
  | 'AGENT_ARCHIVED'
  | 'AGENT_CREATED'
  /** A new agent version (data: the fields changed). */
  | 'AGENT_UPDATED'
  | 'API_TOKEN_CREATED'
  | 'API_TOKEN_REVOKED'
  | 'APPROVAL_ESCALATED'
  | 'APPROVAL_EXPIRED'
  | 'APPROVAL_GRANTED'
  | 'APPROVAL_REJECTED'
  | 'APPROVAL_REQUESTED'
  /** decision: wrong_credentials, deactivated or invalid_link (target: the account named). */
  | 'LOGIN_FAILED'
  /** decision: password or link. */
  | 'LOGIN_SUCCEEDED'
  /** Failed logins put an account in back-off (actor: the account; decision: until when). */
  | 'LOGIN_THROTTLED'
  | 'POLICY_ARCHIVED'
  | 'POLICY_CREATED'
  | 'POLICY_UPDATED'
  /** comment: the reason given. */
  | 'RUN_CANCELLED'
  /** A run forked from another (actor: who forked it; data: forkedFrom, agent, inputs). */
  | 'RUN_FORKED'
  | 'RUN_STARTED'
  | 'SAFETY_EVALUATED'
  | 'USER_CREATED'
  | 'USER_DEACTIVATED'
  | 'USER_REACTIVATED'
  | 'USER_REMOVED'
  /** decision: the new role; data: from, to. */
  | 'USER_ROLE_CHANGED';

/** Every given condition must hold. */
export type AuditLogFilter = {
  /** Who acted: an email (any case) or an id as recorded. */
  actor?: InputMaybe<Scalars['String']['input']>;
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** Recorded at or after (inclusive). */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only these kinds (an empty list matches nothing). */
  kinds?: InputMaybe<Array<AuditKind>>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  /** What was acted on: `run:<id>`, `user:<id>`, … or just the id. */
  target?: InputMaybe<Scalars['String']['input']>;
  /** Recorded before (exclusive). */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type BacktestPolicyInput = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** The draft rules (as updatePolicy takes them). */
  draft: Scalars['JSON']['input'];
  /** The latest runs to consider (default 100, at most 2000). */
  lastRuns?: InputMaybe<Scalars['Int']['input']>;
  policyId: Scalars['ID']['input'];
  /** Only runs started at or after this time. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
};

export type BudgetInput = {
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  maxSteps?: InputMaybe<Scalars['Int']['input']>;
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  maxWallTimeMs?: InputMaybe<Scalars['Int']['input']>;
};

export type CreateAgentInput = {
  approval?: InputMaybe<ApprovalSettingsInput>;
  budget?: InputMaybe<BudgetInput>;
  /** A named OpenAI-compatible endpoint (provider OPENAI only). Default: the provider’s own. */
  llmEndpoint?: InputMaybe<Scalars['String']['input']>;
  llmModel: Scalars['String']['input'];
  llmProvider: LlmProvider;
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  policyIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  purpose: Scalars['String']['input'];
  /** Default: made from the name and purpose. */
  systemPrompt?: InputMaybe<Scalars['String']['input']>;
  temperature?: InputMaybe<Scalars['Float']['input']>;
  tools: Array<Scalars['String']['input']>;
};

export type CreateDatasetInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 200 characters (trimmed). */
  name: Scalars['String']['input'];
};

export type CreateNotificationChannelInput = {
  events: Array<NotificationEvent>;
  kind: NotificationChannelKind;
  name: Scalars['String']['input'];
  /** WEBHOOK: the HMAC-SHA256 signing key (16+ characters). Never returned. */
  secret?: InputMaybe<Scalars['String']['input']>;
  /** EMAIL: recipients; empty or absent: the approvers. */
  to?: InputMaybe<Array<Scalars['String']['input']>>;
  /** WEBHOOK: the receiver. SLACK: the incoming-webhook URL. */
  url?: InputMaybe<Scalars['String']['input']>;
};

export type CreatePolicyInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  rules: Scalars['JSON']['input'];
};

/** Either a hand-written `goal` (with an optional `expectedOutput`), or a `runId` to take the item from. */
export type DatasetItemInput = {
  expectedOutput?: InputMaybe<Scalars['String']['input']>;
  goal?: InputMaybe<Scalars['String']['input']>;
  /** Goal from the run's inputs, expected output from its final answer (if it completed). */
  runId?: InputMaybe<Scalars['ID']['input']>;
};

/** Exactly one: a role that may approve (admin, operator), or named users (emails). */
export type EscalationTargetInput = {
  role?: InputMaybe<Scalars['String']['input']>;
  users?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type EvaluationStatus =
  | 'COMPLETED'
  | 'RUNNING';

export type ForkOverrides = {
  /** Inputs merged over the source run’s. */
  inputs?: InputMaybe<Scalars['JSON']['input']>;
  llmModel?: InputMaybe<Scalars['String']['input']>;
  systemPrompt?: InputMaybe<Scalars['String']['input']>;
  /** New params (a JSON object) for the tool call the model had proposed at the fork point; the fork’s safety evaluates them. */
  toolParams?: InputMaybe<Scalars['JSON']['input']>;
  tools?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type HitlStatus =
  | 'APPROVED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REJECTED';

export type LlmProvider =
  | 'ANTHROPIC'
  | 'DEMO'
  | 'OPENAI';

export type MetricsBucket =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE';

/** WEBHOOK: signed JSON POST. SLACK: an incoming-webhook URL. EMAIL: over SMTP_URL. */
export type NotificationChannelKind =
  | 'EMAIL'
  | 'SLACK'
  | 'WEBHOOK';

/** PENDING (waiting for its first or next attempt), SENDING, DELIVERED, FAILED (out of attempts or refused for good), CANCELLED (the channel was disabled or deleted first). */
export type NotificationDeliveryStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  | 'SENDING';

/** What a channel is told: approvals requested, escalated, expired or decided (granted or rejected), runs completed, failed or cancelled. */
export type NotificationEvent =
  | 'APPROVAL_DECIDED'
  | 'APPROVAL_ESCALATED'
  | 'APPROVAL_EXPIRED'
  | 'APPROVAL_REQUESTED'
  | 'RUN_CANCELLED'
  | 'RUN_COMPLETED'
  | 'RUN_FAILED';

export type RiskLevel =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'INTEGRATOR'
  | 'OPERATOR';

export type RollbackAgentInput = {
  agentId: Scalars['ID']['input'];
  /** Refuse the rollback unless the agent is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The version whose config becomes the new version. */
  version: Scalars['Int']['input'];
};

/** How a step of run a compares with the same step of run b. */
export type RunDiffKind =
  | 'CHANGED'
  | 'ONLY_A'
  | 'ONLY_B'
  | 'SAME';

export type RunFilter = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  agentVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Runs with (true) or without (false) any step annotation. */
  annotated?: InputMaybe<Scalars['Boolean']['input']>;
  /** Runs with a step annotation of exactly this label. */
  annotationLabel?: InputMaybe<Scalars['String']['input']>;
  /** Inclusive. */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Inclusive. */
  minCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** The highest risk of any of its tool calls. */
  riskReached?: InputMaybe<RiskLevel>;
  /** Full-text search over goal, thoughts and final output, web-search syntax ("a phrase", or, -word); at most 500 characters. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Started at or after (inclusive). */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive. */
  startedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Inclusive. */
  startedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<Array<RunStatus>>;
  /** A tool the run proposed at least once. */
  tool?: InputMaybe<Scalars['String']['input']>;
  /** Started before (exclusive). */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The order of a list of runs; ties are broken by id. */
export type RunSort =
  | 'COST_ASC'
  | 'COST_DESC'
  | 'DURATION_ASC'
  | 'DURATION_DESC'
  | 'STARTED_ASC'
  | 'STARTED_DESC'
  | 'STEPS_ASC'
  | 'STEPS_DESC';

export type RunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'WAITING_FOR_APPROVAL';

export type RunStepStatus =
  | 'BLOCKED'
  | 'EXPIRED'
  | 'FAILED'
  | 'FINISHED'
  | 'MALFORMED'
  | 'OUTCOME_UNKNOWN'
  | 'REASONING'
  | 'REJECTED'
  | 'RUNNING_TOOL'
  | 'SUCCEEDED'
  | 'WAITING_FOR_APPROVAL';

export type SafetyDecision =
  | 'ALLOW'
  | 'BLOCK'
  | 'REQUIRE_APPROVAL';

/** One scorer: `kind` and the fields it uses. EXACT/CONTAINS: `value` (default: the item’s expected output); REGEX: `pattern`, `flags`; JSON_SCHEMA: `schema`; TOOL_SEQUENCE: `tools`; MAX_STEPS/MAX_TOKENS/MAX_COST: `max`; LLM_JUDGE: `rubric`, `provider`, `model` (and `endpoint` for a named OpenAI-compatible one). `name` defaults to the kind. */
export type ScorerInput = {
  endpoint?: InputMaybe<Scalars['String']['input']>;
  flags?: InputMaybe<Scalars['String']['input']>;
  kind: ScorerKind;
  max?: InputMaybe<Scalars['Float']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  pattern?: InputMaybe<Scalars['String']['input']>;
  provider?: InputMaybe<LlmProvider>;
  rubric?: InputMaybe<Scalars['String']['input']>;
  schema?: InputMaybe<Scalars['JSON']['input']>;
  tools?: InputMaybe<Array<Scalars['String']['input']>>;
  value?: InputMaybe<Scalars['String']['input']>;
};

/** EXACT, CONTAINS, REGEX and JSON_SCHEMA check the final output; TOOL_SEQUENCE the tools called in order; MAX_STEPS, MAX_TOKENS and MAX_COST what the run used; LLM_JUDGE asks a model to grade the output by a rubric. */
export type ScorerKind =
  | 'CONTAINS'
  | 'EXACT'
  | 'JSON_SCHEMA'
  | 'LLM_JUDGE'
  | 'MAX_COST'
  | 'MAX_STEPS'
  | 'MAX_TOKENS'
  | 'REGEX'
  | 'TOOL_SEQUENCE';

export type StartEvaluationInput = {
  agentId: Scalars['ID']['input'];
  agentVersion: Scalars['Int']['input'];
  /** Most runs at once, 1 to 32 (default 4). */
  concurrency?: InputMaybe<Scalars['Int']['input']>;
  datasetId: Scalars['ID']['input'];
  scorers: Array<ScorerInput>;
};

export type StartRunInput = {
  agentId: Scalars['ID']['input'];
  /** Pin the run to this version of the agent (its config drives every step, after a restart too). Default: the latest. */
  agentVersion?: InputMaybe<Scalars['Int']['input']>;
  /** String values; `goal` is required. */
  inputs: Scalars['JSON']['input'];
};

export type StepKind =
  | 'ACTION'
  | 'FINISH'
  | 'MALFORMED';

export type TimeRange = {
  /** Inclusive; omitted: from the first run. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive; omitted: up to now. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type UpdateAgentInput = {
  approval?: InputMaybe<ApprovalSettingsInput>;
  budget?: InputMaybe<BudgetInput>;
  /** Refuse the update unless the agent is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** A named OpenAI-compatible endpoint; null or "" goes back to the default. Kept when not given, unless the provider changes away from OPENAI. */
  llmEndpoint?: InputMaybe<Scalars['String']['input']>;
  llmModel?: InputMaybe<Scalars['String']['input']>;
  llmProvider?: InputMaybe<LlmProvider>;
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  policyIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  purpose?: InputMaybe<Scalars['String']['input']>;
  systemPrompt?: InputMaybe<Scalars['String']['input']>;
  temperature?: InputMaybe<Scalars['Float']['input']>;
  tools?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type UpdatePolicyInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Why the rules change (at most 500 characters); kept with the version. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Replaces every rule. */
  rules: Scalars['JSON']['input'];
};

export type SdkAgentFragment = { __typename?: 'Agent', id: string, name: string, purpose: string, status: AgentStatus, version: number, llmProvider: LlmProvider, llmModel: string, tools: Array<string>, systemPrompt: string, createdAt: string, updatedAt: string };

export type SdkRunFragment = { __typename?: 'Run', id: string, agentId?: string | null, agentVersion?: number | null, status: RunStatus, goal?: string | null, output?: unknown | null, startedAt: string, finishedAt?: string | null, updatedAt: string, lastRevision: number, lastPosition: string, error?: { __typename?: 'RunError', code?: string | null, message: string } | null, metrics: { __typename?: 'RunMetrics', steps: number, inputTokens: number, outputTokens: number, costUsd: number } };

export type SdkApprovalFragment = { __typename?: 'HitlRequest', id: string, runId: string, agentId?: string | null, step: number, tool: string, params: unknown, risk: RiskLevel, reasons: Array<string>, status: HitlStatus, runEnded: boolean, requestedAt: string, expiresAt?: string | null, onExpiry: string, escalated: boolean, decidedBy?: string | null, decidedAt?: string | null, comment?: string | null, editedParams?: unknown | null };

export type SdkListAgentsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<AgentStatus>;
}>;


export type SdkListAgentsQuery = { __typename?: 'Query', agents: { __typename?: 'AgentConnection', edges: Array<{ __typename?: 'AgentEdge', node: { __typename?: 'Agent', id: string, name: string, purpose: string, status: AgentStatus, version: number, llmProvider: LlmProvider, llmModel: string, tools: Array<string>, systemPrompt: string, createdAt: string, updatedAt: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SdkGetAgentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SdkGetAgentQuery = { __typename?: 'Query', agent?: { __typename?: 'Agent', id: string, name: string, purpose: string, status: AgentStatus, version: number, llmProvider: LlmProvider, llmModel: string, tools: Array<string>, systemPrompt: string, createdAt: string, updatedAt: string } | null };

export type SdkCreateAgentMutationVariables = Exact<{
  input: CreateAgentInput;
}>;


export type SdkCreateAgentMutation = { __typename?: 'Mutation', createAgent: { __typename?: 'Agent', id: string, name: string, purpose: string, status: AgentStatus, version: number, llmProvider: LlmProvider, llmModel: string, tools: Array<string>, systemPrompt: string, createdAt: string, updatedAt: string } };

export type SdkStartRunMutationVariables = Exact<{
  input: StartRunInput;
}>;


export type SdkStartRunMutation = { __typename?: 'Mutation', startRun: { __typename?: 'Run', id: string, agentId?: string | null, agentVersion?: number | null, status: RunStatus, goal?: string | null, output?: unknown | null, startedAt: string, finishedAt?: string | null, updatedAt: string, lastRevision: number, lastPosition: string, error?: { __typename?: 'RunError', code?: string | null, message: string } | null, metrics: { __typename?: 'RunMetrics', steps: number, inputTokens: number, outputTokens: number, costUsd: number } } };

export type SdkGetRunQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SdkGetRunQuery = { __typename?: 'Query', run?: { __typename?: 'Run', id: string, agentId?: string | null, agentVersion?: number | null, status: RunStatus, goal?: string | null, output?: unknown | null, startedAt: string, finishedAt?: string | null, updatedAt: string, lastRevision: number, lastPosition: string, error?: { __typename?: 'RunError', code?: string | null, message: string } | null, metrics: { __typename?: 'RunMetrics', steps: number, inputTokens: number, outputTokens: number, costUsd: number } } | null };

export type SdkListRunsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
}>;


export type SdkListRunsQuery = { __typename?: 'Query', runs: { __typename?: 'RunConnection', edges: Array<{ __typename?: 'RunEdge', node: { __typename?: 'Run', id: string, agentId?: string | null, agentVersion?: number | null, status: RunStatus, goal?: string | null, output?: unknown | null, startedAt: string, finishedAt?: string | null, updatedAt: string, lastRevision: number, lastPosition: string, error?: { __typename?: 'RunError', code?: string | null, message: string } | null, metrics: { __typename?: 'RunMetrics', steps: number, inputTokens: number, outputTokens: number, costUsd: number } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SdkCancelRunMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type SdkCancelRunMutation = { __typename?: 'Mutation', cancelRun: { __typename?: 'Run', id: string, agentId?: string | null, agentVersion?: number | null, status: RunStatus, goal?: string | null, output?: unknown | null, startedAt: string, finishedAt?: string | null, updatedAt: string, lastRevision: number, lastPosition: string, error?: { __typename?: 'RunError', code?: string | null, message: string } | null, metrics: { __typename?: 'RunMetrics', steps: number, inputTokens: number, outputTokens: number, costUsd: number } } };

export type SdkRunStepsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SdkRunStepsQuery = { __typename?: 'Query', run?: { __typename?: 'Run', steps: { __typename?: 'RunStepConnection', edges: Array<{ __typename?: 'RunStepEdge', node: { __typename?: 'RunStep', step: number, kind: StepKind, status: RunStepStatus, tool?: string | null, params?: unknown | null, output?: unknown | null, outcome?: string | null, risk?: RiskLevel | null, inputTokens: number, outputTokens: number, costUsd: number, startedAt: string, finishedAt?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | null };

export type SdkListApprovalsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  agentId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<HitlStatus>;
}>;


export type SdkListApprovalsQuery = { __typename?: 'Query', hitlRequests: { __typename?: 'HitlRequestConnection', edges: Array<{ __typename?: 'HitlRequestEdge', node: { __typename?: 'HitlRequest', id: string, runId: string, agentId?: string | null, step: number, tool: string, params: unknown, risk: RiskLevel, reasons: Array<string>, status: HitlStatus, runEnded: boolean, requestedAt: string, expiresAt?: string | null, onExpiry: string, escalated: boolean, decidedBy?: string | null, decidedAt?: string | null, comment?: string | null, editedParams?: unknown | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SdkApproveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  comment?: InputMaybe<Scalars['String']['input']>;
  editedParams?: InputMaybe<Scalars['JSON']['input']>;
}>;


export type SdkApproveMutation = { __typename?: 'Mutation', approveHitlRequest: { __typename?: 'HitlRequest', id: string, runId: string, agentId?: string | null, step: number, tool: string, params: unknown, risk: RiskLevel, reasons: Array<string>, status: HitlStatus, runEnded: boolean, requestedAt: string, expiresAt?: string | null, onExpiry: string, escalated: boolean, decidedBy?: string | null, decidedAt?: string | null, comment?: string | null, editedParams?: unknown | null } };

export type SdkRejectMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  comment?: InputMaybe<Scalars['String']['input']>;
}>;


export type SdkRejectMutation = { __typename?: 'Mutation', rejectHitlRequest: { __typename?: 'HitlRequest', id: string, runId: string, agentId?: string | null, step: number, tool: string, params: unknown, risk: RiskLevel, reasons: Array<string>, status: HitlStatus, runEnded: boolean, requestedAt: string, expiresAt?: string | null, onExpiry: string, escalated: boolean, decidedBy?: string | null, decidedAt?: string | null, comment?: string | null, editedParams?: unknown | null } };

export type SdkRunEventsSubscriptionVariables = Exact<{
  runId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SdkRunEventsSubscription = { __typename?: 'Subscription', runEvents: { __typename?: 'RunEvent', id: string, type: string, position: string, revision: number, recordedAt: string, data: unknown } };

export type SdkRunUpdatedSubscriptionVariables = Exact<{
  runId: Scalars['ID']['input'];
}>;


export type SdkRunUpdatedSubscription = { __typename?: 'Subscription', runUpdated: { __typename?: 'Run', id: string, agentId?: string | null, agentVersion?: number | null, status: RunStatus, goal?: string | null, output?: unknown | null, startedAt: string, finishedAt?: string | null, updatedAt: string, lastRevision: number, lastPosition: string, error?: { __typename?: 'RunError', code?: string | null, message: string } | null, metrics: { __typename?: 'RunMetrics', steps: number, inputTokens: number, outputTokens: number, costUsd: number } } };

export type SdkApprovalsRequestedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SdkApprovalsRequestedSubscription = { __typename?: 'Subscription', hitlRequested: { __typename?: 'HitlRequest', id: string, runId: string, agentId?: string | null, step: number, tool: string, params: unknown, risk: RiskLevel, reasons: Array<string>, status: HitlStatus, runEnded: boolean, requestedAt: string, expiresAt?: string | null, onExpiry: string, escalated: boolean, decidedBy?: string | null, decidedAt?: string | null, comment?: string | null, editedParams?: unknown | null } };

export const SdkAgentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkAgent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Agent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"llmProvider"}},{"kind":"Field","name":{"kind":"Name","value":"llmModel"}},{"kind":"Field","name":{"kind":"Name","value":"tools"}},{"kind":"Field","name":{"kind":"Name","value":"systemPrompt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkAgentFragment, unknown>;
export const SdkRunFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"agentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRevision"}},{"kind":"Field","name":{"kind":"Name","value":"lastPosition"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SdkRunFragment, unknown>;
export const SdkApprovalFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkApproval"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HitlRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"params"}},{"kind":"Field","name":{"kind":"Name","value":"risk"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"runEnded"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"onExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"escalated"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"editedParams"}}]}}]} as unknown as DocumentNode<SdkApprovalFragment, unknown>;
export const SdkListAgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListAgents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AgentStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkAgent"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkAgent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Agent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"llmProvider"}},{"kind":"Field","name":{"kind":"Name","value":"llmModel"}},{"kind":"Field","name":{"kind":"Name","value":"tools"}},{"kind":"Field","name":{"kind":"Name","value":"systemPrompt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkListAgentsQuery, SdkListAgentsQueryVariables>;
export const SdkGetAgentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkGetAgent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkAgent"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkAgent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Agent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"llmProvider"}},{"kind":"Field","name":{"kind":"Name","value":"llmModel"}},{"kind":"Field","name":{"kind":"Name","value":"tools"}},{"kind":"Field","name":{"kind":"Name","value":"systemPrompt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkGetAgentQuery, SdkGetAgentQueryVariables>;
export const SdkCreateAgentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkCreateAgent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAgentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAgent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkAgent"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkAgent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Agent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"llmProvider"}},{"kind":"Field","name":{"kind":"Name","value":"llmModel"}},{"kind":"Field","name":{"kind":"Name","value":"tools"}},{"kind":"Field","name":{"kind":"Name","value":"systemPrompt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkCreateAgentMutation, SdkCreateAgentMutationVariables>;
export const SdkStartRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkStartRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"agentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRevision"}},{"kind":"Field","name":{"kind":"Name","value":"lastPosition"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SdkStartRunMutation, SdkStartRunMutationVariables>;
export const SdkGetRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkGetRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"agentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRevision"}},{"kind":"Field","name":{"kind":"Name","value":"lastPosition"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SdkGetRunQuery, SdkGetRunQueryVariables>;
export const SdkListRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkRun"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"agentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRevision"}},{"kind":"Field","name":{"kind":"Name","value":"lastPosition"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SdkListRunsQuery, SdkListRunsQueryVariables>;
export const SdkCancelRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkCancelRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"agentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRevision"}},{"kind":"Field","name":{"kind":"Name","value":"lastPosition"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SdkCancelRunMutation, SdkCancelRunMutationVariables>;
export const SdkRunStepsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkRunSteps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"params"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"risk"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SdkRunStepsQuery, SdkRunStepsQueryVariables>;
export const SdkListApprovalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListApprovals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HitlStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hitlRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"agentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkApproval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkApproval"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HitlRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"params"}},{"kind":"Field","name":{"kind":"Name","value":"risk"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"runEnded"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"onExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"escalated"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"editedParams"}}]}}]} as unknown as DocumentNode<SdkListApprovalsQuery, SdkListApprovalsQueryVariables>;
export const SdkApproveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkApprove"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"editedParams"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveHitlRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}},{"kind":"Argument","name":{"kind":"Name","value":"editedParams"},"value":{"kind":"Variable","name":{"kind":"Name","value":"editedParams"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkApproval"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkApproval"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HitlRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"params"}},{"kind":"Field","name":{"kind":"Name","value":"risk"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"runEnded"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"onExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"escalated"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"editedParams"}}]}}]} as unknown as DocumentNode<SdkApproveMutation, SdkApproveMutationVariables>;
export const SdkRejectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkReject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectHitlRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkApproval"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkApproval"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HitlRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"params"}},{"kind":"Field","name":{"kind":"Name","value":"risk"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"runEnded"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"onExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"escalated"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"editedParams"}}]}}]} as unknown as DocumentNode<SdkRejectMutation, SdkRejectMutationVariables>;
export const SdkRunEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SdkRunEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]} as unknown as DocumentNode<SdkRunEventsSubscription, SdkRunEventsSubscriptionVariables>;
export const SdkRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SdkRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"agentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRevision"}},{"kind":"Field","name":{"kind":"Name","value":"lastPosition"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SdkRunUpdatedSubscription, SdkRunUpdatedSubscriptionVariables>;
export const SdkApprovalsRequestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SdkApprovalsRequested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hitlRequested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkApproval"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkApproval"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"HitlRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"params"}},{"kind":"Field","name":{"kind":"Name","value":"risk"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"runEnded"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"onExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"escalated"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"editedParams"}}]}}]} as unknown as DocumentNode<SdkApprovalsRequestedSubscription, SdkApprovalsRequestedSubscriptionVariables>;