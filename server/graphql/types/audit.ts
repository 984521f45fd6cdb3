import { AuditKind as Kind } from '../../../projections/audit/mapping.ts';
import { type AuditEntryView, listAuditEntries } from '../../../projections/audit/queries.ts';
import type { RiskLevel as Risk } from '../../../schema/events/index.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import { emailOf } from '../people.ts';
import { RiskLevel } from './enums.ts';

/** `AuditKind`: the event types the audit log records. */
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
    RUN_FORKED: {
      value: Kind.RunForked,
      description: 'A run forked from another (actor: who forked it; data: forkedFrom, agent, inputs).',
    },
    LOGIN_THROTTLED: {
      value: Kind.LoginThrottled,
      description: 'Failed logins put an account in back-off (actor: the account; decision: until when).',
    },
  } as const,
});

const AuditEntry = builder.objectRef<AuditEntryView>('AuditEntry').implement({
  description: 'One safety verdict, approval event or policy version, as recorded in the log.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The id of the event.' }),
    position: t.exposeString('position'),
    kind: t.field({ type: AuditKind, resolve: (entry) => entry.kind }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    actor: t.string({
      nullable: true,
      description: 'Who decided or changed it: a user’s email, or `expiry`.',
      resolve: (entry, _args, context) => emailOf(context, entry.actor),
    }),
    runId: t.exposeID('runId', { nullable: true }),
    agentId: t.exposeID('agentId', { nullable: true }),
    step: t.exposeInt('step', { nullable: true }),
    tool: t.exposeString('tool', { nullable: true }),
    risk: t.field({ type: RiskLevel, nullable: true, resolve: (entry) => entry.risk as Risk | null }),
    decision: t.exposeString('decision', {
      nullable: true,
      description:
        'allow, require_approval or block (verdicts); approved, rejected, escalated or expired:<onExpiry> (approvals).',
    }),
    reasons: t.exposeStringList('reasons'),
    policyId: t.exposeID('policyId', { nullable: true }),
    policyVersion: t.exposeInt('policyVersion', { nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    data: t.expose('data', { type: 'JSON', description: 'The event’s data, as recorded.' }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntry,
      description: 'Safety verdicts, approvals and policy changes, newest first.',
      authScopes: { permission: Permission.Read },
      args: { runId: t.arg.id(), agentId: t.arg.id(), kinds: t.arg({ type: [AuditKind] }) },
      resolve: async (_root, args, context) => {
        const filter = {
          ...(args.runId ? { runId: args.runId } : {}),
          ...(args.agentId ? { agentId: args.agentId } : {}),
          ...(args.kinds ? { kinds: args.kinds } : {}),
        };
        const page = await listAuditEntries(context.services.db, filter, pageRequest(args));
        return connectionFromPage(page, (entry) => entry.position);
      },
    },
    { name: 'AuditEntryConnection' },
    { name: 'AuditEntryEdge' },
  ),
);
