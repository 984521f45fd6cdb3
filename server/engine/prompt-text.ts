// Short texts the model (and the memory of a step) sees: tool outcomes, truncated JSON.
import type { StepOutcome, StepRecord } from './run-state.ts';

/** Longest tool result shown to the model, in characters; longer ones are cut with a note. */
export const MAX_RESULT_CHARS = 4000;

/**
 * `text` cut to `max` characters with a note saying how long it was; unchanged when it fits.
 * The note tells the model that what it sees is partial, so it can ask for less.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [truncated: showing ${max} of ${text.length} characters]`;
}

// An object's keys in code-point order. The log does not keep key order (PostgreSQL's jsonb reads
// keys back shortest first), so text built from a result read back from the log must not depend on
// it: a resumed or replayed run then builds the very prompt and memory the live run built.
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/**
 * Compact JSON of any value (`null` for undefined), with object keys in code-point order, truncated
 * to `max` characters.
 */
export function jsonForPrompt(value: unknown, max: number = MAX_RESULT_CHARS): string {
  let json: string;
  try {
    json = JSON.stringify(value, sortedKeys) ?? 'null';
  } catch {
    json = String(value);
  }
  return truncate(json, max);
}

function errorText(error: { message: string; code?: string }): string {
  return error.code === undefined ? error.message : `${error.message} (${error.code})`;
}

/** The outcome of an action step, as the tool's result the model reads. */
export function describeOutcome(tool: string, outcome: StepOutcome, max: number = MAX_RESULT_CHARS): string {
  switch (outcome.kind) {
    case 'succeeded': {
      const cut = outcome.originalBytes === undefined ? '' : ` (cut from ${outcome.originalBytes} bytes)`;
      return `${jsonForPrompt(outcome.result, max)}${cut}`;
    }
    case 'failed':
      return `Error: ${tool} failed: ${errorText(outcome.error)}`;
    case 'blocked':
      return `Blocked by the safety policy (risk ${outcome.risk}): ${outcome.reasons.join(' ')} The call was not made.`;
    case 'rejected': {
      const comment = outcome.comment ? `: "${outcome.comment}"` : '.';
      return outcome.afterUnknownOutcome
        ? `The call was interrupted and its outcome is unknown; ${outcome.by} decided not to run it again${comment}`
        : `A human (${outcome.by}) rejected this call${comment} The call was not made.`;
    }
    case 'expired':
      return outcome.afterUnknownOutcome
        ? 'The call was interrupted and its outcome is unknown; nobody decided in time, so it was not run again.'
        : 'Nobody approved this call before its deadline, so it was not made.';
  }
}

/** Notes about how an action step went before its outcome: edits, retries, interruptions. */
export function describeNotes(record: StepRecord): string[] {
  const notes: string[] = [];
  if (record.edited !== null) {
    const comment = record.edited.comment ? ` ("${record.edited.comment}")` : '';
    const params = jsonForPrompt(record.edited.params, 1000);
    notes.push(`A human (${record.edited.by}) edited your arguments before approving${comment}: ${params}`);
  }
  for (const error of record.retriedErrors)
    notes.push(`An attempt failed and was retried: ${errorText(error)}`);
  if (record.interruptions > 0) {
    notes.push(`The call was interrupted ${record.interruptions} time(s) before its outcome was recorded.`);
  }
  return notes;
}
