// The one shared fixture of event data: a valid example of every event type, telling one coherent
// story (an agent, a policy, a run that asks for approval, sends an email, remembers it and finishes),
// so engine and projection tests can replay it. Deeply frozen: spread it to vary a field.
import { encodeFloat32 } from './embedding-vector.ts';
import type { AgentConfig, EventDataByType } from './index.ts';

/** The ids the examples use, so tests can refer to them by name. */
export const exampleIds = {
  agentId: '01930000-0000-7000-8000-000000000001',
  policyId: '01930000-0000-7000-8000-000000000002',
  integrationId: '01930000-0000-7000-8000-000000000003',
  runId: '01930000-0000-7000-8000-000000000010',
  approvalId: '01930000-0000-7000-8000-000000000020',
  callId: '01930000-0000-7000-8000-000000000030',
  memoryId: '01930000-0000-7000-8000-000000000040',
  channelId: '01930000-0000-7000-8000-000000000050',
  tokenId: '01930000-0000-7000-8000-000000000070',
  annotationId: '01930000-0000-7000-8000-000000000051',
  datasetId: '01930000-0000-7000-8000-000000000060',
  itemId: '01930000-0000-7000-8000-000000000061',
  evaluationId: '01930000-0000-7000-8000-000000000062',
} as const;

const ids = exampleIds;

const agentConfig: AgentConfig = {
  name: 'Support triage',
  purpose: 'Answer customer tickets and escalate refunds.',
  llm: { provider: 'demo', model: 'demo-scripted-1', temperature: 0, maxTokens: 1024 },
  tools: ['run_sql', 'send_email'],
  systemPrompt: 'You are a careful support agent. Ask before sending anything to a customer.',
  policyIds: [ids.policyId],
  budget: { maxSteps: 10, maxTokens: 50_000, maxCostUsd: 1, maxWallTimeMs: 300_000 },
};

const emailParams = {
  to: 'customer@example.com',
  subject: 'Your refund',
  body: 'Your refund is on its way.',
};
const usage = { inputTokens: 812, outputTokens: 64, cachedTokens: 512, reasoningTokens: 0 };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** A valid data example for every event type of the catalogue, keyed by type. */
export const exampleEvents: EventDataByType = deepFreeze({
  AgentCreated: { agentId: ids.agentId, ...agentConfig },
  AgentUpdated: { agentId: ids.agentId, version: 2, llm: { ...agentConfig.llm, temperature: 0.2 } },
  AgentArchived: { agentId: ids.agentId, by: 'user-admin', reason: 'Replaced by a newer agent.' },

  RunStarted: {
    runId: ids.runId,
    agentId: ids.agentId,
    agentVersion: 1,
    agent: agentConfig,
    inputs: { goal: 'Resolve ticket 4711.', ticketId: '4711' },
  },
  ReasoningCompleted: {
    step: 1,
    thought: 'The customer is owed a refund; tell them by email.',
    action: { tool: 'send_email', params: emailParams },
    model: 'demo-scripted-1',
    usage,
    costUsd: 0.0012,
    latencyMs: 420,
    requestHash: 'sha256:6f1ed002ab5595859014ebf0951522d9',
    recalled: [{ memoryId: ids.memoryId, score: 0.82 }],
  },
  ModelOutputRejected: {
    step: 1,
    raw: '{"tool":"send_mail","params":{}}',
    problem: 'unknown_tool',
    detail: 'There is no tool "send_mail". Available tools: run_sql, send_email.',
    model: 'demo-scripted-1',
    usage,
    costUsd: 0.0011,
    latencyMs: 390,
    requestHash: 'sha256:0b5a8f3c4d2e1f60718293a4b5c6d7e8',
  },
  ReasoningFailed: {
    step: 1,
    error: { message: 'The provider answered 503 Service Unavailable.', code: 'http_503' },
    retryable: true,
    attempt: 1,
  },
  SafetyEvaluated: {
    step: 1,
    tool: 'send_email',
    risk: 'HIGH',
    decision: 'require_approval',
    reasons: ['Email to an external address.'],
    policyId: ids.policyId,
    policyVersion: 1,
  },
  ApprovalRequested: {
    approvalId: ids.approvalId,
    step: 1,
    tool: 'send_email',
    params: emailParams,
    risk: 'HIGH',
    reasons: ['Email to an external address.'],
    expiresAt: '2025-01-01T12:00:00.000Z',
    onExpiry: 'reject',
  },
  ApprovalGranted: {
    approvalId: ids.approvalId,
    by: 'user-operator',
    comment: 'Softened the wording.',
    editedParams: { ...emailParams, body: 'Good news: your refund is on its way.' },
  },
  ApprovalRejected: {
    approvalId: ids.approvalId,
    by: 'user-operator',
    comment: 'Not before finance agrees.',
  },
  ApprovalExpired: { approvalId: ids.approvalId, action: 'reject' },
  ApprovalEscalated: { approvalId: ids.approvalId, to: 'role:admin' },
  ToolCallStarted: {
    step: 1,
    callId: ids.callId,
    tool: 'send_email',
    params: emailParams,
    idempotent: false,
  },
  ToolCallSucceeded: {
    callId: ids.callId,
    result: { messageId: '<4711@spark-ops.local>', accepted: ['customer@example.com'] },
    durationMs: 35,
  },
  ToolCallFailed: {
    callId: ids.callId,
    error: { message: 'SMTP connection timed out.', code: 'timeout' },
    retryable: false,
    durationMs: 10_000,
  },
  ToolCallOutcomeUnknown: { callId: ids.callId, tool: 'send_email', step: 1 },
  MemoryStored: {
    memoryId: ids.memoryId,
    step: 1,
    kind: 'observation',
    text: 'Told customer@example.com that their refund is on its way.',
    embedding: { model: 'local-hashing-4', dims: 4, vectorFloat32LE: encodeFloat32([0.5, -0.5, 0.5, 0.5]) },
  },
  RunCompleted: {
    output: { answer: 'Refund confirmed to the customer by email.' },
    totals: { steps: 2, inputTokens: 1700, outputTokens: 120, costUsd: 0.0024, wallTimeMs: 61_000 },
  },
  RunFailed: { error: { message: 'Budget exceeded: 10 steps.', code: 'budget_exceeded' }, step: 10 },
  RunCancelled: { by: 'user-operator', reason: 'Duplicate ticket.' },
  StepAnnotated: {
    annotationId: ids.annotationId,
    step: 1,
    label: 'wrong-tool',
    score: -0.5,
    comment: 'Should have looked the order up first.',
    by: 'user-analyst',
  },
  RunScored: {
    evaluationId: ids.evaluationId,
    itemId: ids.itemId,
    scores: [
      { scorer: 'mentions refund', kind: 'contains', score: 1, passed: true, reason: 'contains "refund"' },
      { scorer: 'under 5 steps', kind: 'max_steps', score: 1, passed: true, reason: '3 steps (at most 5)' },
    ],
    by: 'user-analyst',
  },

  PolicyCreated: {
    policyId: ids.policyId,
    name: 'Customer contact',
    description: 'Anything that reaches a customer needs a human.',
    version: 1,
    rules: [
      {
        id: 'external-email',
        description: 'Email outside the company',
        match: {
          tool: 'send_email',
          params: [{ path: 'to', op: 'matches', value: '@(?!spark-ops\\.local$)' }],
        },
        risk: 'HIGH',
        reason: 'Email to an external address.',
      },
      {
        id: 'runaway',
        description: 'Long or expensive runs',
        match: { totals: { stepsAbove: 8, costUsdAbove: 0.5 } },
        risk: 'CRITICAL',
        reason: 'The run is near its budget.',
      },
    ],
  },
  PolicyUpdated: {
    policyId: ids.policyId,
    version: 2,
    rules: [
      {
        id: 'external-email',
        description: 'Email outside the company, to several people',
        match: { tool: ['send_email'], params: [{ path: 'to', op: 'contains', value: ',' }] },
        risk: 'HIGH',
        reason: 'Email to several external addresses.',
      },
    ],
    changedBy: 'user-admin',
  },
  PolicyArchived: { policyId: ids.policyId, by: 'user-admin' },

  IntegrationConfigured: {
    integrationId: ids.integrationId,
    kind: 'smtp',
    name: 'Outbound mail',
    config: { host: 'smtp.example.com', port: 587, passwordEnv: 'SMTP_PASSWORD' },
  },
  IntegrationRemoved: { integrationId: ids.integrationId, by: 'user-admin' },
  NotificationChannelCreated: {
    channelId: ids.channelId,
    kind: 'webhook',
    name: 'Approvals to the on-call tool',
    url: 'https://hooks.example.com/spark-ops',
    to: [],
    events: ['APPROVAL_REQUESTED', 'APPROVAL_ESCALATED', 'APPROVAL_EXPIRED', 'RUN_FAILED'],
    secret: {
      alg: 'aes-256-gcm',
      iv: 'm1Q2r3S4t5U6v7W8',
      tag: 'AAECAwQFBgcICQoLDA0ODw',
      ciphertext: 'c2VhbGVkLWV4YW1wbGU',
    },
    by: 'user-admin',
  },
  NotificationChannelDisabled: { channelId: ids.channelId, by: 'user-admin' },
  NotificationChannelEnabled: { channelId: ids.channelId, by: 'user-admin' },
  NotificationChannelDeleted: { channelId: ids.channelId, by: 'user-admin' },

  LoginThrottled: {
    account: 'analyst@spark-ops.local',
    failures: 4,
    lockedUntil: '2026-01-01T00:00:01.000Z',
    clientAddress: '203.0.113.7',
  },

  DatasetCreated: {
    datasetId: ids.datasetId,
    name: 'Refund tickets',
    description: 'Tickets the support agent must answer with the refund policy.',
    by: 'user-analyst',
  },
  DatasetItemsAdded: {
    datasetId: ids.datasetId,
    items: [
      {
        itemId: ids.itemId,
        goal: 'Refund order 1042',
        expectedOutput: 'Your refund is on its way.',
        sourceRunId: ids.runId,
      },
    ],
    by: 'user-analyst',
  },
  EvaluationStarted: {
    evaluationId: ids.evaluationId,
    datasetId: ids.datasetId,
    agentId: ids.agentId,
    agentVersion: 1,
    scorers: [
      { kind: 'contains', name: 'mentions refund', value: 'refund' },
      { kind: 'max_steps', name: 'under 5 steps', max: 5 },
    ],
    concurrency: 4,
    items: [
      {
        itemId: ids.itemId,
        runId: ids.runId,
        goal: 'Refund order 1042',
        expectedOutput: 'Your refund is on its way.',
      },
    ],
    by: 'user-analyst',
  },
  EvaluationItemScored: { itemId: ids.itemId, runId: ids.runId, score: 1 },
  EvaluationCompleted: { evaluationId: ids.evaluationId, score: 1 },
  LoginSucceeded: { account: 'analyst@spark-ops.local', userId: 'user-analyst', method: 'password' },
  LoginFailed: { account: 'analyst@spark-ops.local', reason: 'wrong_credentials' },
  UserCreated: { userId: 'user-analyst', email: 'analyst@spark-ops.local', role: 'analyst' },
  UserRoleChanged: {
    userId: 'user-analyst',
    email: 'analyst@spark-ops.local',
    from: 'analyst',
    to: 'operator',
  },
  UserDeactivated: { userId: 'user-analyst', email: 'analyst@spark-ops.local' },
  UserReactivated: { userId: 'user-analyst', email: 'analyst@spark-ops.local' },
  UserRemoved: { userId: 'user-analyst', email: 'analyst@spark-ops.local', revokedTokens: 1 },
  ApiTokenCreated: {
    tokenId: ids.tokenId,
    name: 'ci pipeline',
    role: 'integrator',
    expiresAt: '2026-02-01T00:00:00.000Z',
  },
  ApiTokenRevoked: { tokenId: ids.tokenId, name: 'ci pipeline' },
  AuditChainAnchored: {
    heads: [
      {
        stream: `run-${ids.runId}`,
        revision: 12,
        hash: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4a6b8d0f2e4a6c8e0a',
      },
    ],
    legacy: false,
    through: 'pg:00000000000000000742:00000000000000000031',
    by: 'system',
  },
  AuditChainVerified: {
    runId: null,
    ok: true,
    eventsChecked: 31,
    brokenAt: null,
    startedAt: '2026-01-01T00:00:02.000Z',
    durationMs: 4,
    by: 'user-admin',
  },
});
