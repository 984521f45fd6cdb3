// The event catalogue (ARCHITECTURE.md §4): every event type, its schema, its data type.
import type { z } from 'zod';
import type {
  ApiTokenCreated,
  ApiTokenRevoked,
  LoginFailed,
  LoginSucceeded,
  LoginThrottled,
  UserCreated,
  UserDeactivated,
  UserReactivated,
  UserRemoved,
  UserRoleChanged,
} from './account-events.ts';
import { accountEventDefinitions } from './account-events.ts';
import type { AgentArchived, AgentCreated, AgentUpdated } from './agent-events.ts';
import { agentEventDefinitions } from './agent-events.ts';
import type { AuditChainAnchored, AuditChainVerified } from './chain-events.ts';
import { chainEventDefinitions } from './chain-events.ts';
import { defineEventCatalogue, type EventDefinition } from './define.ts';
import type {
  DatasetCreated,
  DatasetItemsAdded,
  EvaluationCompleted,
  EvaluationItemScored,
  EvaluationStarted,
} from './evaluation-events.ts';
import { datasetEventDefinitions, evaluationEventDefinitions } from './evaluation-events.ts';
import type { IntegrationConfigured, IntegrationRemoved } from './integration-events.ts';
import { integrationEventDefinitions } from './integration-events.ts';
import type {
  NotificationChannelCreated,
  NotificationChannelDeleted,
  NotificationChannelDisabled,
  NotificationChannelEnabled,
} from './notification-events.ts';
import { notificationEventDefinitions } from './notification-events.ts';
import type { PolicyArchived, PolicyCreated, PolicyUpdated } from './policy-events.ts';
import { policyEventDefinitions } from './policy-events.ts';
import type {
  ApprovalEscalated,
  ApprovalExpired,
  ApprovalGranted,
  ApprovalRejected,
  ApprovalRequested,
  MemoryStored,
  ModelOutputRejected,
  ReasoningCompletedData,
  ReasoningFailed,
  RunCancelled,
  RunCompleted,
  RunFailed,
  RunScored,
  RunStarted,
  SafetyEvaluated,
  StepAnnotated,
  ToolCallFailed,
  ToolCallOutcomeUnknown,
  ToolCallStarted,
  ToolCallSucceeded,
} from './run-events.ts';
import { runEventDefinitions } from './run-events.ts';

export * from './account-events.ts';
export * from './agent-events.ts';
export * from './approval-policy.ts';
export * from './chain-events.ts';
export * from './common.ts';
export { CatalogueValidationError, type EventCatalogue, type EventDefinition } from './define.ts';
export * from './evaluation-events.ts';
export * from './integration-events.ts';
export * from './notification-events.ts';
export * from './policy-events.ts';
export * from './run-events.ts';
export * from './streams.ts';

/** Every event definition at its current schema version. */
export const eventDefinitions: readonly EventDefinition[] = [
  ...agentEventDefinitions,
  ...runEventDefinitions,
  ...policyEventDefinitions,
  ...integrationEventDefinitions,
  ...notificationEventDefinitions,
  ...accountEventDefinitions,
  ...datasetEventDefinitions,
  ...evaluationEventDefinitions,
  ...chainEventDefinitions,
];

/** The catalogue the event store validates appends with and upcasts reads with. */
export const eventCatalogue = defineEventCatalogue(eventDefinitions);

export type AgentCreatedData = z.infer<typeof AgentCreated>;
export type AgentUpdatedData = z.infer<typeof AgentUpdated>;
export type AgentArchivedData = z.infer<typeof AgentArchived>;

export type RunStartedData = z.infer<typeof RunStarted>;
export type ModelOutputRejectedData = z.infer<typeof ModelOutputRejected>;
export type ReasoningFailedData = z.infer<typeof ReasoningFailed>;
export type SafetyEvaluatedData = z.infer<typeof SafetyEvaluated>;
export type ApprovalRequestedData = z.infer<typeof ApprovalRequested>;
export type ApprovalGrantedData = z.infer<typeof ApprovalGranted>;
export type ApprovalRejectedData = z.infer<typeof ApprovalRejected>;
export type ApprovalExpiredData = z.infer<typeof ApprovalExpired>;
export type ApprovalEscalatedData = z.infer<typeof ApprovalEscalated>;
export type ToolCallStartedData = z.infer<typeof ToolCallStarted>;
export type ToolCallSucceededData = z.infer<typeof ToolCallSucceeded>;
export type ToolCallFailedData = z.infer<typeof ToolCallFailed>;
export type ToolCallOutcomeUnknownData = z.infer<typeof ToolCallOutcomeUnknown>;
export type MemoryStoredData = z.infer<typeof MemoryStored>;
export type RunCompletedData = z.infer<typeof RunCompleted>;
export type RunFailedData = z.infer<typeof RunFailed>;
export type RunCancelledData = z.infer<typeof RunCancelled>;
export type StepAnnotatedData = z.infer<typeof StepAnnotated>;
export type RunScoredData = z.infer<typeof RunScored>;

export type PolicyCreatedData = z.infer<typeof PolicyCreated>;
export type PolicyUpdatedData = z.infer<typeof PolicyUpdated>;
export type PolicyArchivedData = z.infer<typeof PolicyArchived>;

export type IntegrationConfiguredData = z.infer<typeof IntegrationConfigured>;
export type IntegrationRemovedData = z.infer<typeof IntegrationRemoved>;
export type NotificationChannelCreatedData = z.infer<typeof NotificationChannelCreated>;
export type NotificationChannelDisabledData = z.infer<typeof NotificationChannelDisabled>;
export type NotificationChannelEnabledData = z.infer<typeof NotificationChannelEnabled>;
export type NotificationChannelDeletedData = z.infer<typeof NotificationChannelDeleted>;

export type LoginThrottledData = z.infer<typeof LoginThrottled>;
export type LoginSucceededData = z.infer<typeof LoginSucceeded>;
export type LoginFailedData = z.infer<typeof LoginFailed>;
export type UserCreatedData = z.infer<typeof UserCreated>;
export type UserRoleChangedData = z.infer<typeof UserRoleChanged>;
export type UserDeactivatedData = z.infer<typeof UserDeactivated>;
export type UserReactivatedData = z.infer<typeof UserReactivated>;
export type UserRemovedData = z.infer<typeof UserRemoved>;
export type ApiTokenCreatedData = z.infer<typeof ApiTokenCreated>;
export type ApiTokenRevokedData = z.infer<typeof ApiTokenRevoked>;

export type DatasetCreatedData = z.infer<typeof DatasetCreated>;
export type DatasetItemsAddedData = z.infer<typeof DatasetItemsAdded>;
export type EvaluationStartedData = z.infer<typeof EvaluationStarted>;
export type EvaluationItemScoredData = z.infer<typeof EvaluationItemScored>;
export type EvaluationCompletedData = z.infer<typeof EvaluationCompleted>;

export type AuditChainAnchoredData = z.infer<typeof AuditChainAnchored>;
export type AuditChainVerifiedData = z.infer<typeof AuditChainVerified>;

/** The data type of each event type of an `agent-` stream. */
export interface AgentEventDataByType {
  AgentCreated: AgentCreatedData;
  AgentUpdated: AgentUpdatedData;
  AgentArchived: AgentArchivedData;
}

/** The data type of each event type of a `run-` stream. */
export interface RunEventDataByType {
  RunStarted: RunStartedData;
  ReasoningCompleted: ReasoningCompletedData;
  ModelOutputRejected: ModelOutputRejectedData;
  ReasoningFailed: ReasoningFailedData;
  SafetyEvaluated: SafetyEvaluatedData;
  ApprovalRequested: ApprovalRequestedData;
  ApprovalGranted: ApprovalGrantedData;
  ApprovalRejected: ApprovalRejectedData;
  ApprovalExpired: ApprovalExpiredData;
  ApprovalEscalated: ApprovalEscalatedData;
  ToolCallStarted: ToolCallStartedData;
  ToolCallSucceeded: ToolCallSucceededData;
  ToolCallFailed: ToolCallFailedData;
  ToolCallOutcomeUnknown: ToolCallOutcomeUnknownData;
  MemoryStored: MemoryStoredData;
  RunCompleted: RunCompletedData;
  RunFailed: RunFailedData;
  RunCancelled: RunCancelledData;
  StepAnnotated: StepAnnotatedData;
  RunScored: RunScoredData;
}

/** The data type of each event type of a `policy-` stream. */
export interface PolicyEventDataByType {
  PolicyCreated: PolicyCreatedData;
  PolicyUpdated: PolicyUpdatedData;
  PolicyArchived: PolicyArchivedData;
}

/** The data type of each event type of an `integration-` stream. */
export interface IntegrationEventDataByType {
  IntegrationConfigured: IntegrationConfiguredData;
  IntegrationRemoved: IntegrationRemovedData;
  NotificationChannelCreated: NotificationChannelCreatedData;
  NotificationChannelDisabled: NotificationChannelDisabledData;
  NotificationChannelEnabled: NotificationChannelEnabledData;
  NotificationChannelDeleted: NotificationChannelDeletedData;
}

/** The data type of each event type of an `account-` stream. */
export interface AccountEventDataByType {
  LoginThrottled: LoginThrottledData;
  LoginSucceeded: LoginSucceededData;
  LoginFailed: LoginFailedData;
  UserCreated: UserCreatedData;
  UserRoleChanged: UserRoleChangedData;
  UserDeactivated: UserDeactivatedData;
  UserReactivated: UserReactivatedData;
  UserRemoved: UserRemovedData;
  ApiTokenCreated: ApiTokenCreatedData;
  ApiTokenRevoked: ApiTokenRevokedData;
}

/** The data type of each event type of a `dataset-` stream. */
export interface DatasetEventDataByType {
  DatasetCreated: DatasetCreatedData;
  DatasetItemsAdded: DatasetItemsAddedData;
}

/** The data type of each event type of an `evaluation-` stream. */
export interface EvaluationEventDataByType {
  EvaluationStarted: EvaluationStartedData;
  EvaluationItemScored: EvaluationItemScoredData;
  EvaluationCompleted: EvaluationCompletedData;
}

/** The data type of each event type of the `chain-` streams. */
export interface ChainEventDataByType {
  AuditChainAnchored: AuditChainAnchoredData;
  AuditChainVerified: AuditChainVerifiedData;
}

/** The data type of every event type of the catalogue. */
export interface EventDataByType
  extends AgentEventDataByType,
    ChainEventDataByType,
    RunEventDataByType,
    PolicyEventDataByType,
    IntegrationEventDataByType,
    AccountEventDataByType,
    DatasetEventDataByType,
    EvaluationEventDataByType {}

export type EventType = keyof EventDataByType;

type TypedData<M> = { [K in keyof M]: { type: K; data: M[K] } }[keyof M];

/** `{ type, data }` of any run event; switch on `type` to narrow `data`. */
export type RunEventData = TypedData<RunEventDataByType>;
export type AgentEventData = TypedData<AgentEventDataByType>;
export type PolicyEventData = TypedData<PolicyEventDataByType>;
export type IntegrationEventData = TypedData<IntegrationEventDataByType>;
/** `{ type, data }` of any event of the catalogue. */
export type AnyEventData = TypedData<EventDataByType>;
