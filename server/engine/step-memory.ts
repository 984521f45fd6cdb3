// What the run remembers of a step: one memory per answered step, stored before the next one.
import type { MemoryKind } from '../../schema/events/index.ts';
import { describeOutcome, jsonForPrompt, truncate } from './prompt-text.ts';
import type { RunState, StepRecord } from './run-state.ts';

/** The memory to store next: which step, which kind, and its text (never empty). */
export interface MemoryToStore {
  step: number;
  memoryKind: MemoryKind;
  text: string;
}

/** A string as it is; anything else as compact JSON. */
function plain(value: unknown, max: number): string {
  return typeof value === 'string' ? truncate(value, max) : jsonForPrompt(value, max);
}

function remembered(state: RunState, step: number): boolean {
  return state.memories.some((memory) => memory.step === step);
}

function actionMemory(goal: string, record: StepRecord): MemoryToStore | null {
  const { answer, outcome } = record;
  if (answer.kind !== 'action' || outcome === null) return null;
  const call = `${answer.tool} ${jsonForPrompt(answer.params, 300)}`;
  if (outcome.kind === 'rejected' && outcome.comment) {
    const text = `${outcome.by} rejected ${call} while working on "${goal}": "${truncate(outcome.comment, 500)}"`;
    return { step: record.step, memoryKind: 'feedback', text };
  }
  const thought = record.thought ? `${truncate(record.thought, 300)} ` : '';
  const text = `Working on "${goal}", step ${record.step}: ${thought}→ ${call} → ${describeOutcome(answer.tool, outcome, 500)}`;
  return { step: record.step, memoryKind: 'observation', text };
}

/**
 * The memory the run should store before it goes on, or null when there is none to store: the
 * final output once the model finished (kind `output`), else the last concluded action step
 * (kind `feedback` when a human rejected it with a comment, `observation` otherwise). Malformed
 * answers are not remembered. Each step is remembered at most once.
 */
export function memoryToStore(state: RunState): MemoryToStore | null {
  const goal = truncate(state.inputs?.goal ?? '', 200);
  if (state.finish !== null) {
    if (remembered(state, state.finish.step)) return null;
    const text = `Final output for "${goal}": ${plain(state.finish.output, 1000)}`;
    return { step: state.finish.step, memoryKind: 'output', text };
  }
  const last = state.steps.at(-1);
  if (last === undefined || remembered(state, last.step)) return null;
  return actionMemory(goal, last);
}
