// Two runs side by side, step by step: where they chose another tool, other params, or ended
// differently. Pure, over folded traces (a fork against its source, or any two runs).
import { jsonChanges } from '../../lib/json-diff';
import type { Trace, TraceStep } from './trace-types';

export interface StepComparison {
  step: number;
  left: TraceStep | null;
  right: TraceStep | null;
  kind: 'same' | 'changed' | 'only-left' | 'only-right';
  /** What differs, for people: "tool", "params: to[0]", "outcome". */
  changes: string[];
}

function outcomeOf(step: TraceStep): unknown {
  const call = step.toolCalls.at(-1);
  return call?.status === 'succeeded' ? call.result : (call?.error ?? step.finish?.output ?? null);
}

/** What differs between two versions of the same step. */
export function stepChanges(left: TraceStep, right: TraceStep): string[] {
  const changes: string[] = [];
  if (left.tool !== right.tool) changes.push('tool');
  else {
    const params = jsonChanges(left.params ?? {}, right.params ?? {}).map((change) => change.path);
    if (params.length > 0) changes.push(`params: ${params.join(', ')}`);
  }
  if (Boolean(left.finish) !== Boolean(right.finish)) changes.push('finished');
  if (left.status !== right.status) changes.push('status');
  if (jsonChanges(outcomeOf(left), outcomeOf(right)).length > 0) changes.push('outcome');
  return changes;
}

/** Every step of either run, in order, with what differs. */
export function compareTraces(left: Trace, right: Trace): StepComparison[] {
  const byStep = new Map<number, { left: TraceStep | null; right: TraceStep | null }>();
  for (const step of left.steps) byStep.set(step.step, { left: step, right: null });
  for (const step of right.steps) {
    const entry = byStep.get(step.step);
    if (entry) entry.right = step;
    else byStep.set(step.step, { left: null, right: step });
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, { left: l, right: r }]) => {
      if (!r) return { step, left: l, right: null, kind: 'only-left', changes: [] };
      if (!l) return { step, left: null, right: r, kind: 'only-right', changes: [] };
      const changes = stepChanges(l, r);
      return { step, left: l, right: r, kind: changes.length > 0 ? 'changed' : 'same', changes };
    });
}
