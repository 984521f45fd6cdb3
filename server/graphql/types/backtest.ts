import type {
  BacktestCall as BacktestCallView,
  BacktestReport as BacktestReportView,
} from '../../analysis/backtest-policy.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { badInput } from '../errors.ts';
import { RiskLevel, SafetyDecision } from './enums.ts';

const BacktestCall = builder.objectRef<BacktestCallView>('BacktestCall').implement({
  description: 'One recorded tool call: the verdict it got, and the one the draft policy would give it.',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    step: t.exposeInt('step'),
    revision: t.exposeInt('revision', { description: 'Revision of the recorded SafetyEvaluated.' }),
    tool: t.exposeString('tool'),
    params: t.field({ type: 'JSON', resolve: (call) => call.params }),
    recordedDecision: t.field({ type: SafetyDecision, resolve: (call) => call.recordedDecision }),
    draftDecision: t.field({ type: SafetyDecision, resolve: (call) => call.draftDecision }),
    recordedRisk: t.field({ type: RiskLevel, resolve: (call) => call.recordedRisk }),
    draftRisk: t.field({ type: RiskLevel, resolve: (call) => call.draftRisk }),
    reasons: t.exposeStringList('reasons', { description: 'Why the draft decides as it does.' }),
    changed: t.exposeBoolean('changed', {
      description: 'The draft’s decision or risk differs from the recorded one.',
    }),
  }),
});

const CALLS_PAGE_MAX = 500;

const BacktestReport = builder.objectRef<BacktestReportView>('BacktestReport').implement({
  description:
    'A draft policy judged against the recorded tool calls of past runs (events only; no tool ran).',
  fields: (t) => ({
    policyId: t.exposeID('policyId'),
    runsEvaluated: t.exposeInt('runsEvaluated'),
    callsEvaluated: t.exposeInt('callsEvaluated'),
    changedCalls: t.exposeInt('changedCalls'),
    calls: t.connection(
      {
        type: BacktestCall,
        args: { changedOnly: t.arg.boolean({ description: 'Only the calls the draft judges differently.' }) },
        resolve: (report, args) => {
          const first = args.first ?? 50;
          if (!Number.isInteger(first) || first < 1 || first > CALLS_PAGE_MAX) {
            throw badInput('first', `first must be a whole number from 1 to ${CALLS_PAGE_MAX}`);
          }
          if (args.last != null || args.before != null) {
            throw badInput('last', 'Only forward pagination (first/after) is supported');
          }
          const start = args.after == null ? 0 : Number(args.after);
          if (!Number.isInteger(start) || start < 0)
            throw badInput('after', 'after must be a cursor this connection gave');
          const listed = args.changedOnly ? report.calls.filter((call) => call.changed) : report.calls;
          const edges = listed
            .slice(start, start + first)
            .map((node, i) => ({ node, cursor: String(start + i + 1) }));
          return {
            edges,
            pageInfo: {
              hasNextPage: start + first < listed.length,
              hasPreviousPage: false,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          };
        },
      },
      { name: 'BacktestCallConnection' },
      { name: 'BacktestCallEdge' },
    ),
  }),
});

const BacktestPolicyInput = builder.inputType('BacktestPolicyInput', {
  fields: (t) => ({
    policyId: t.id({ required: true }),
    draft: t.field({
      type: 'JSON',
      required: true,
      description: 'The draft rules (as updatePolicy takes them).',
    }),
    lastRuns: t.int({ description: 'The latest runs to consider (default 100, at most 2000).' }),
    agentId: t.id(),
    since: t.field({ type: 'DateTime', description: 'Only runs started at or after this time.' }),
  }),
});

builder.queryField('backtestPolicy', (t) =>
  t.field({
    type: BacktestReport,
    description:
      'Judges every recorded tool call of the selected runs by a draft of the policy, beside the recorded verdicts. Reads events only.',
    authScopes: { permission: Permission.Read },
    args: { input: t.arg({ type: BacktestPolicyInput, required: true }) },
    resolve: (_root, { input }, context) =>
      context.services.analysis.backtestPolicy({
        policyId: String(input.policyId),
        draft: input.draft,
        ...(input.lastRuns != null ? { lastRuns: input.lastRuns } : {}),
        ...(input.agentId != null ? { agentId: String(input.agentId) } : {}),
        ...(input.since != null ? { since: input.since } : {}),
      }),
  }),
);
