import type { AuditVerificationRecord } from '../../audit-chain/audit-chain-service.ts';
import type { AuditBreak as AuditBreakValue } from '../../audit-chain/verify.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';

/** `AuditBreak`: where the tamper-evident log stopped checking out. */
const AuditBreak = builder.objectRef<AuditBreakValue>('AuditBreak').implement({
  description: 'The first event (or missing event) of the log that does not match its chain or an anchor.',
  fields: (t) => ({
    stream: t.exposeString('stream'),
    revision: t.exposeInt('revision'),
    reason: t.exposeString('reason'),
  }),
});

/** `AuditVerification`: one check of the tamper-evident log. */
const AuditVerification = builder.objectRef<AuditVerificationRecord>('AuditVerification').implement({
  description: 'The outcome of recomputing the hash chains and comparing them with the anchors.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    eventsChecked: t.exposeInt('eventsChecked'),
    brokenAt: t.field({ type: AuditBreak, nullable: true, resolve: (v) => v.brokenAt }),
    runId: t.exposeID('runId', {
      nullable: true,
      description: 'The run checked; null when every stream was.',
    }),
    verifiedAt: t.expose('verifiedAt', { type: 'DateTime' }),
    durationMs: t.exposeInt('durationMs'),
    verifiedBy: t.exposeString('by'),
  }),
});

builder.queryField('verifyAuditChain', (t) =>
  t.field({
    type: AuditVerification,
    description:
      'Recomputes the hash chain of a run (every stream when runId is null) and checks it against the anchors; records the result. NOT_FOUND for an unknown run.',
    authScopes: { permission: Permission.Administer },
    args: { runId: t.arg.id({ required: false }) },
    resolve: (_root, args, context) =>
      context.services.auditChain.verify({
        runId: args.runId === null || args.runId === undefined ? null : String(args.runId),
        by: context.viewer?.id ?? 'unknown',
      }),
  }),
);

builder.queryField('lastAuditVerification', (t) =>
  t.field({
    type: AuditVerification,
    nullable: true,
    description: 'The newest recorded verification of the tamper-evident log; null before the first.',
    authScopes: { permission: Permission.Administer },
    resolve: (_root, _args, context) => context.services.auditChain.lastVerification(),
  }),
);
