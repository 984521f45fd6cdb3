import { HitlStatus as Status } from '../../../projections/approvals/hitl-status.ts';
import { type ApprovalView, getApproval } from '../../../projections/approvals/queries.ts';
import type { RiskLevel as Risk } from '../../../schema/events/index.ts';
import { resolveApprovalRef } from '../../application/approval-ref.ts';
import type { ApprovalDecision } from '../../application/run-service.ts';
import { Permission } from '../../auth/roles.ts';
import { formatApprovalRef, parseApprovalRef } from '../../engine/approval-id.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { emailOf } from '../people.ts';
import { actorOf, written } from '../read-your-writes.ts';
import { HitlStatus, RiskLevel } from './enums.ts';
import { loadRuns, Run } from './run.ts';

/** `HitlRequest`: an approval a human must give (or not), backed by the approvals read model. */
export const HitlRequest = builder.objectRef<ApprovalView>('HitlRequest');

HitlRequest.implement({
  description: 'A tool call waiting for (or decided by) a human.',
  fields: (t) => ({
    id: t.id({
      description: '`<runId>:<approvalId>`: commands reach the run directly.',
      resolve: (request) =>
        formatApprovalRef(request.runId, parseApprovalRef(request.id)?.approvalId ?? request.id),
    }),
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
    decidedBy: t.string({
      nullable: true,
      description: 'The email of who decided (or `expiry`).',
      resolve: (request, _args, context) => emailOf(context, request.decidedBy),
    }),
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

/**
 * Decides an approval through the run it belongs to (`id` is `<runId>:<approvalId>`, or a bare
 * approval id with `runId`): no read model is asked before the write. The view returned is the
 * read model's once it caught up (when the request waits for it), otherwise built from the run.
 */
async function decide(
  context: ApiContext,
  args: { id: string; runId?: string | null },
  decision: ApprovalDecision,
): Promise<ApprovalView> {
  const { db, runs } = context.services;
  const { runId, approvalId } = resolveApprovalRef(args.id, args.runId);
  const viewer = actorOf(context);
  const result = await runs.decide(runId, approvalId, decision, viewer);
  const id = formatApprovalRef(runId, approvalId);
  const { approval, state } = result;
  return written(
    context,
    result.position,
    async () => {
      const view = await getApproval(db, approvalId);
      return view && { ...view, id };
    },
    () => ({
      id,
      runId,
      agentId: state.agentId,
      step: approval.step,
      tool: approval.tool,
      params: approval.params,
      risk: approval.risk,
      reasons: approval.reasons,
      status: decision.approve ? Status.Approved : Status.Rejected,
      expiresAt: approval.expiresAt,
      onExpiry: approval.onExpiry,
      expiryAction: null,
      escalated: approval.escalatedTo !== null,
      escalatedTo: approval.escalatedTo,
      decidedBy: viewer.id,
      comment: decision.comment ?? null,
      editedParams: decision.approve ? (decision.editedParams ?? null) : null,
      requestedAt: approval.requestedAt,
      decidedAt: new Date(),
      runEndedAt: null,
      lastPosition: result.position,
    }),
  );
}

const RUN_ID_ARG = 'The run, for a bare (legacy) approval id; not needed with `<runId>:<approvalId>`.';

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
        const page = await context.services.read.approvals(filter, pageRequest(args));
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
    resolve: (_root, args, context) => context.services.read.approval(args.id),
  }),
}));

builder.mutationFields((t) => ({
  approveHitlRequest: t.field({
    type: HitlRequest,
    authScopes: { permission: Permission.Approve },
    args: {
      id: t.arg.id({ required: true }),
      runId: t.arg.id({ description: RUN_ID_ARG }),
      comment: t.arg.string(),
      editedParams: t.arg({ type: 'JSON' }),
    },
    resolve: (_root, args, context) => {
      const edited = args.editedParams;
      if (edited != null && (typeof edited !== 'object' || Array.isArray(edited))) {
        throw badInput('editedParams', 'editedParams must be a JSON object');
      }
      return decide(context, args, {
        approve: true,
        ...(args.comment != null ? { comment: args.comment } : {}),
        ...(edited != null ? { editedParams: edited as Record<string, unknown> } : {}),
      });
    },
  }),
  rejectHitlRequest: t.field({
    type: HitlRequest,
    authScopes: { permission: Permission.Approve },
    args: {
      id: t.arg.id({ required: true }),
      runId: t.arg.id({ description: RUN_ID_ARG }),
      comment: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      decide(context, args, {
        approve: false,
        ...(args.comment != null ? { comment: args.comment } : {}),
      }),
  }),
}));
