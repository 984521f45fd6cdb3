import { AuditKind as Kind } from '../../../projections/audit/mapping.ts';
import {
  type AuditEntryView,
  type AuditFilter,
  listAuditEntries,
} from '../../../projections/audit/queries.ts';
import type { RiskLevel as Risk } from '../../../schema/events/index.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import { badInput } from '../errors.ts';
import { emailOf } from '../people.ts';
import { RiskLevel } from './enums.ts';

/** `AuditKind`: the actions and decisions the audit log records. */
const AuditKind = builder.enumType('AuditKind', {
  values: {
    SAFETY_EVALUATED: { value: Kind.SafetyEvaluated },
    APPROVAL_REQUESTED: { value: Kind.ApprovalRequested },
    APPROVAL_GRANTED: { value: Kind.ApprovalGranted },
    APPROVAL_REJECTED: { value: Kind.ApprovalRejected },
    APPROVAL_EXPIRED: { value: Kind.ApprovalExpired },
    APPROVAL_ESCALATED: { value: Kind.ApprovalEscalated },
    POLICY_CREATED: { value: Kind.PolicyCreated },
    POLICY_UPDATED: { value: Kind.PolicyUpdated },
    POLICY_ARCHIVED: { value: Kind.PolicyArchived },
    RUN_FORKED: {
      value: Kind.RunForked,
      description: 'A run forked from another (actor: who forked it; data: forkedFrom, agent, inputs).',
    },
    LOGIN_THROTTLED: {
      value: Kind.LoginThrottled,
      description: 'Failed logins put an account in back-off (actor: the account; decision: until when).',
    },
    AGENT_CREATED: { value: Kind.AgentCreated },
    AGENT_UPDATED: {
      value: Kind.AgentUpdated,
      description: 'A new agent version (data: the fields changed).',
    },
    AGENT_ARCHIVED: { value: Kind.AgentArchived },
    RUN_STARTED: { value: Kind.RunStarted },
    RUN_CANCELLED: { value: Kind.RunCancelled, description: 'comment: the reason given.' },
    LOGIN_SUCCEEDED: { value: Kind.LoginSucceeded, description: 'decision: password or link.' },
    LOGIN_FAILED: {
      value: Kind.LoginFailed,
      description: 'decision: wrong_credentials, deactivated or invalid_link (target: the account named).',
    },
    USER_CREATED: { value: Kind.UserCreated },
    USER_ROLE_CHANGED: {
      value: Kind.UserRoleChanged,
      description: 'decision: the new role; data: from, to.',
    },
    USER_DEACTIVATED: { value: Kind.UserDeactivated },
    USER_REACTIVATED: { value: Kind.UserReactivated },
    USER_REMOVED: { value: Kind.UserRemoved },
    API_TOKEN_CREATED: { value: Kind.ApiTokenCreated },
    API_TOKEN_REVOKED: { value: Kind.ApiTokenRevoked },
  } as const,
});

const AuditEntry = builder.objectRef<AuditEntryView>('AuditEntry').implement({
  description: 'One privileged action or safety decision, as recorded in the log.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The id of the event.' }),
    position: t.exposeString('position'),
    kind: t.field({ type: AuditKind, resolve: (entry) => entry.kind }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    actor: t.string({
      nullable: true,
      description: 'Who decided or changed it: a user’s email, an account, `expiry` or `system`.',
      resolve: (entry, _args, context) => entry.actorEmail ?? emailOf(context, entry.actor),
    }),
    actorId: t.exposeString('actor', {
      nullable: true,
      description: 'The actor as recorded: a user id, token:<id>, an account or system.',
    }),
    target: t.exposeString('target', {
      nullable: true,
      description:
        'What it was done to: agent:<id>, run:<id>, policy:<id>, user:<id>, token:<id> or account:<email>.',
    }),
    clientAddress: t.exposeString('clientAddress', {
      nullable: true,
      description: 'The address the request came from (X-Forwarded-For only from TRUSTED_PROXIES).',
    }),
    userAgent: t.exposeString('userAgent', { nullable: true, description: 'The request’s User-Agent.' }),
    runId: t.exposeID('runId', { nullable: true }),
    agentId: t.exposeID('agentId', { nullable: true }),
    step: t.exposeInt('step', { nullable: true }),
    tool: t.exposeString('tool', { nullable: true }),
    risk: t.field({ type: RiskLevel, nullable: true, resolve: (entry) => entry.risk as Risk | null }),
    decision: t.exposeString('decision', {
      nullable: true,
      description:
        'allow, require_approval or block (verdicts); approved, rejected, escalated or expired:<onExpiry> (approvals); the new role (role changes); the method or reason (logins).',
    }),
    reasons: t.exposeStringList('reasons'),
    policyId: t.exposeID('policyId', { nullable: true }),
    policyVersion: t.exposeInt('policyVersion', { nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    data: t.expose('data', { type: 'JSON', description: 'The event’s data, as recorded: what changed.' }),
  }),
});

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  description: 'Every given condition must hold.',
  fields: (t) => ({
    actor: t.string({ description: 'Who acted: an email (any case) or an id as recorded.' }),
    kinds: t.field({ type: [AuditKind], description: 'Only these kinds (an empty list matches nothing).' }),
    target: t.string({ description: 'What was acted on: `run:<id>`, `user:<id>`, … or just the id.' }),
    runId: t.id(),
    agentId: t.id(),
    from: t.field({ type: 'DateTime', description: 'Recorded at or after (inclusive).' }),
    to: t.field({ type: 'DateTime', description: 'Recorded before (exclusive).' }),
  }),
});

/** The longest actor or target a filter takes (ids and emails are far shorter). */
const MAX_FILTER_TEXT = 320;

function filterText(field: string, value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_FILTER_TEXT)
    throw badInput(`filter.${field}`, `${field} has 1 to ${MAX_FILTER_TEXT} characters`);
  return trimmed;
}

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntry,
      description:
        'Every privileged action (agents, runs, approvals, policies, users, tokens, logins) and safety verdict, newest first. The older `runId`, `agentId` and `kinds` arguments still work (an argument wins over the same field of `filter`; kinds may not be given twice).',
      authScopes: { permission: Permission.Read },
      args: {
        runId: t.arg.id(),
        agentId: t.arg.id(),
        kinds: t.arg({ type: [AuditKind] }),
        filter: t.arg({ type: AuditLogFilter }),
      },
      resolve: async (_root, args, context) => {
        const given = args.filter ?? {};
        const runId = args.runId ?? given.runId;
        const agentId = args.agentId ?? given.agentId;
        const kinds = args.kinds ?? given.kinds;
        const actor = filterText('actor', given.actor);
        const target = filterText('target', given.target);
        if (given.from && given.to && given.from.getTime() >= given.to.getTime())
          throw badInput('filter.to', 'to must be after from');
        if (args.kinds && given.kinds)
          throw badInput('kinds', 'give kinds either as an argument or in filter');
        const filter: AuditFilter = {
          ...(runId ? { runId: String(runId) } : {}),
          ...(agentId ? { agentId: String(agentId) } : {}),
          ...(kinds ? { kinds } : {}),
          ...(actor ? { actor } : {}),
          ...(target ? { target } : {}),
          ...(given.from ? { from: given.from } : {}),
          ...(given.to ? { to: given.to } : {}),
        };
        const page = await listAuditEntries(context.services.db, filter, pageRequest(args));
        return connectionFromPage(page, (entry) => entry.position);
      },
    },
    { name: 'AuditEntryConnection' },
    { name: 'AuditEntryEdge' },
  ),
);
