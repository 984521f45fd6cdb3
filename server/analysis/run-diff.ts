// Two runs side by side, step by step (the console's Compare): where they chose another tool,
// other params, ended a step otherwise, and what each step cost. Pure, over step rows.
import type { RunStepRow } from '../../projections/run-steps/step-row.ts';
import { INHERITED_REVISION } from '../../projections/run-steps/step-row.ts';
import { canonicalJson } from '../activities/providers/request-hash.ts';

export const RunDiffKind = { Same: 'SAME', Changed: 'CHANGED', OnlyA: 'ONLY_A', OnlyB: 'ONLY_B' } as const;
export type RunDiffKind = (typeof RunDiffKind)[keyof typeof RunDiffKind];

/** One step of either run, aligned by step number. */
export interface RunDiffStep {
  step: number;
  kind: RunDiffKind;
  /** What differs, for people: "tool", "params: to[0]", "thought", "finished", "status", "result". */
  changes: string[];
  /** Run a's step was inherited from its fork source (the same history, not a difference). */
  inherited: boolean;
  a: RunStepRow | null;
  b: RunStepRow | null;
}

export interface RunDiffView {
  a: string;
  b: string;
  /** Steps that differ (changed, or in one run only), inherited ones aside. */
  differingSteps: number;
  steps: RunDiffStep[];
}

/** Paths where two JSON values differ (`to[0]`, `body`), or `(root)` when they differ whole. */
export function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!bothArrays && !(isObject(before) && isObject(after))) {
    return canonicalJson(before) === canonicalJson(after) ? [] : [path || '(root)'];
  }
  const left = before as Record<string, unknown>;
  const right = after as Record<string, unknown>;
  const keys = bothArrays
    ? Array.from({ length: Math.max((before as unknown[]).length, (after as unknown[]).length) }, (_, i) =>
        String(i),
      )
    : [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return keys.flatMap((key) => {
    const child = bothArrays ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!(key in left) || !(key in right)) return [child];
    return changedPaths(left[key], right[key], child);
  });
}

/** What differs between two versions of the same step (as the console's trace diff says it). */
export function stepChanges(a: RunStepRow, b: RunStepRow): string[] {
  const changes: string[] = [];
  if (a.tool !== b.tool) changes.push('tool');
  else {
    const params = changedPaths(a.params ?? {}, b.params ?? {});
    if (params.length > 0) changes.push(`params: ${params.join(', ')}`);
  }
  if (a.thought !== b.thought) changes.push('thought');
  if ((a.kind === 'finish') !== (b.kind === 'finish')) changes.push('finished');
  if (a.status !== b.status) changes.push('status');
  if (
    changedPaths(a.kind === 'finish' ? a.output : a.result, b.kind === 'finish' ? b.output : b.result)
      .length > 0
  ) {
    changes.push('result');
  }
  return changes;
}

/** Every step of either run, in order, with what differs. Never throws. */
export function diffRunSteps(
  a: { runId: string; steps: readonly RunStepRow[] },
  b: { runId: string; steps: readonly RunStepRow[] },
): RunDiffView {
  const byStep = new Map<number, { a: RunStepRow | null; b: RunStepRow | null }>();
  for (const row of a.steps) byStep.set(row.step, { a: row, b: null });
  for (const row of b.steps) {
    const entry = byStep.get(row.step);
    if (entry) entry.b = row;
    else byStep.set(row.step, { a: null, b: row });
  }
  const steps = [...byStep.entries()]
    .sort(([x], [y]) => x - y)
    .map(([step, pair]): RunDiffStep => {
      // Wholly inherited: every event of the step is the source's. A step the fork went on with (the
      // fork point inside it: the proposal inherited, the verdict and the tool call its own) is compared.
      const wholly = (row: RunStepRow | null) =>
        row?.firstRevision === INHERITED_REVISION && row.lastRevision === INHERITED_REVISION;
      const inherited = wholly(pair.a) || wholly(pair.b);
      if (!pair.b)
        return { step, kind: RunDiffKind.OnlyA, changes: [], inherited: false, a: pair.a, b: null };
      if (!pair.a)
        return { step, kind: RunDiffKind.OnlyB, changes: [], inherited: false, a: null, b: pair.b };
      const changes = stepChanges(pair.a, pair.b);
      const kind = changes.length > 0 ? RunDiffKind.Changed : RunDiffKind.Same;
      return { step, kind, changes, inherited: inherited && kind === RunDiffKind.Same, a: pair.a, b: pair.b };
    });
  const differingSteps = steps.filter((row) => row.kind !== RunDiffKind.Same).length;
  return { a: a.runId, b: b.runId, differingSteps, steps };
}
