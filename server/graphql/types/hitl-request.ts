import { HitlStatus as Status } from '../../../projections/approvals/hitl-status.ts';
import { type ApprovalView, getApproval, listApprovals } from '../../../projections/approvals/queries.ts';
import type { RiskLevel as Risk } from '../../../schema/events/index.ts';
import { NotFoundError } from '../../application/errors.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { actorOf, written } from '../read-your-writes.ts';
import { HitlStatus, RiskLevel } from './enums.ts';
import { loadRuns, Run } from './run.ts';

/** `HitlRequest`: an approval a human must give (or not), backed by the approvals read model. */
export const HitlRequest = builder.objectRef<ApprovalView>('HitlRequest');

HitlRequest.implement({
  description: 'A tool call waiting for (or decided by) a human.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: HitlStatus, resolve: (request) => request.status }),
    tool: t.exposeString('tool'),
    params: t.expose('params', { type: 'JSON' }),
    risk: t.field({ type: RiskLevel, resolve: (request) => request.risk as Risk }),
    reasons: t.exposeStringList('reasons'),
    step: t.exposeInt('step'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    onExpiry: t.exposeString('onExpiry'),
    escalated: t.exposeBoolean('escalated'),
    escalatedTo: t.exposeString('escalatedTo', { nullable: true }),
    decidedBy: t.exposeString('decidedBy', { nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    editedParams: t.expose('editedParams', { type: 'JSON', nullable: true }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    runEnded: t.boolean({
      description: 'The run ended while this was pending: it can no longer be decided.',
      resolve: (request) => request.runEndedAt !== null,
    }),
    runId: t.exposeID('runId'),
    agentId: t.exposeID('agentId', { nullable: true }),
    run: t.loadable({
      type: Run,
      nullable: true,
      load: (ids: string[], context: ApiContext) => loadRuns(context, ids),
      resolve: (request) => request.runId,
    }),
  }),
});

async function decide(
  context: ApiContext,
  id: string,
  decision:
    | { approve: true; comment?: string; editedParams?: Record<string, unknown> }
    | { approve: false; comment?: string },
): Promise<ApprovalView> {
  const { db, runs } = context.services;
  const approval = await getApproval(db, id);
  if (!approval) throw new NotFoundError('HITL request', id);
  const viewer = actorOf(context);
  const result = await runs.decide(approval.runId, id, decision, viewer);
  const comment = decision.comment ?? null;
  return written(
    context,
    result.position,
    () => getApproval(db, id),
    () => ({
      ...approval,
      status: decision.approve ? Status.Approved : Status.Rejected,
      decidedBy: viewer.id,
      comment,
      editedParams: decision.approve ? (decision.editedParams ?? null) : null,
      decidedAt: new Date(),
      lastPosition: result.position,
    }),
  );
}

builder.queryFields((t) => ({
  hitlRequests: t.connection(
    {
      type: HitlRequest,
      authScopes: { permission: Permission.Read },
      args: { status: t.arg({ type: HitlStatus }), runId: t.arg.id(), agentId: t.arg.id() },
      resolve: async (_root, args, context) => {
        const filter = {
          ...(args.status ? { status: args.status } : {}),
          ...(args.runId ? { runId: args.runId } : {}),
          ...(args.agentId ? { agentId: args.agentId } : {}),
        };
        const page = await listApprovals(context.services.db, filter, pageRequest(args));
        return connectionFromPage(page, (request) => ({ at: request.requestedAt, id: request.id }));
      },
    },
    { name: 'HitlRequestConnection' },
    { name: 'HitlRequestEdge' },
  ),
  hitlRequest: t.field({
    type: HitlRequest,
    nullable: true,
    authScopes: { permission: Permission.Read },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => getApproval(context.services.db, args.id),
  }),
}));

builder.mutationFields((t) => ({
  approveHitlRequest: t.field({
    type: HitlRequest,
    authScopes: { permission: Permission.Approve },
    args: {
      id: t.arg.id({ required: true }),
      comment: t.arg.string(),
      editedParams: t.arg({ type: 'JSON' }),
    },
    resolve: (_root, args, context) => {
      const edited = args.editedParams;
      if (edited != null && (typeof edited !== 'object' || Array.isArray(edited))) {
        throw badInput('editedParams', 'editedParams must be a JSON object');
      }
      return decide(context, args.id, {
        approve: true,
        ...(args.comment != null ? { comment: args.comment } : {}),
        ...(edited != null ? { editedParams: edited as Record<string, unknown> } : {}),
      });
    },
  }),
  rejectHitlRequest: t.field({
    type: HitlRequest,
    authScopes: { permission: Permission.Approve },
    args: { id: t.arg.id({ required: true }), comment: t.arg.string() },
    resolve: (_root, args, context) =>
      decide(context, args.id, {
        approve: false,
        ...(args.comment != null ? { comment: args.comment } : {}),
      }),
  }),
}));
