import { RunStatus as RunStatusValues } from '../../../projections/runs/run-status.ts';
import { Permission } from '../../auth/roles.ts';
import { collectRunStats, type RunStats } from '../../http/run-stats.ts';
import { builder } from '../builder.ts';
import { badInput } from '../errors.ts';
import { RunStatus } from './enums.ts';

const StatusCount = builder
  .objectRef<{ status: RunStatusValues; count: number }>('RunStatusCount')
  .implement({
    fields: (t) => ({
      status: t.field({ type: RunStatus, resolve: (item) => item.status }),
      count: t.exposeInt('count'),
    }),
  });

/** `Metrics`: totals of the runs started in a time range. */
const Metrics = builder.objectRef<RunStats>('Metrics').implement({
  fields: (t) => ({
    from: t.expose('from', { type: 'DateTime', nullable: true }),
    to: t.expose('to', { type: 'DateTime', nullable: true }),
    runs: t.exposeInt('runs'),
    runsByStatus: t.field({
      type: [StatusCount],
      resolve: (stats) =>
        Object.values(RunStatusValues).map((status) => ({ status, count: stats.byStatus[status] })),
    }),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    costUsd: t.exposeFloat('costUsd'),
    pendingApprovals: t.exposeInt('pendingApprovals', { description: 'Open now, whatever the range.' }),
    truncated: t.exposeBoolean('truncated', {
      description: 'Always false: every run of the range is counted (aggregated in SQL).',
      deprecationReason: 'Totals are no longer capped.',
    }),
  }),
});

/** `TimeRange`: `[from, to)`, either bound may be omitted. */
export const TimeRange = builder.inputType('TimeRange', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'Inclusive; omitted: from the first run.' }),
    to: t.field({ type: 'DateTime', description: 'Exclusive; omitted: up to now.' }),
  }),
});

/** The bounds of a `TimeRange` argument. @throws BAD_USER_INPUT on `range.to` when `to` is not after `from`. */
export function rangeBounds(range: { from?: Date | null; to?: Date | null } | null | undefined): {
  from: Date | null;
  to: Date | null;
} {
  const from = range?.from ?? null;
  const to = range?.to ?? null;
  if (from && to && from >= to) throw badInput('range.to', 'range.to must be after range.from');
  return { from, to };
}

builder.queryField('metrics', (t) =>
  t.field({
    type: Metrics,
    authScopes: { permission: Permission.Read },
    args: { range: t.arg({ type: TimeRange }) },
    resolve: (_root, args, context) => collectRunStats(context.services.db, rangeBounds(args.range)),
  }),
);
