// Pure: the one table of input limits, and the one check every GraphQL argument and REST body goes
// through. No I/O.
import { hasUnstorableText } from '../schema/events/storable-text.ts';
import { InvalidInputError } from './application/errors.ts';

/** Names, and the keys of JSON objects. */
const NAME_LIMIT = 200;

/**
 * Longest text per field, in UTF-16 code units, by the field's own name (the last name of its
 * path: `input.name` is `name`, `tools[3]` is `tools`, `inputs.goal` is `goal`). REST's snake_case
 * names are looked up as camelCase, so both APIs share these numbers.
 */
export const INPUT_LIMITS: Readonly<Record<string, number>> = {
  // Identifiers, cursors, names
  id: 200,
  agentId: 200,
  runId: 200,
  policyIds: 200,
  after: 200,
  before: 200,
  position: 200,
  name: NAME_LIMIT,
  tools: 200,
  llmModel: 200,
  model: 200,
  // Accounts
  email: 320,
  password: 1024,
  currentPassword: 1024,
  newPassword: 1024,
  token: 4096,
  // Prose
  purpose: 2000,
  description: 2000,
  query: 2000,
  comment: 4000,
  reason: 4000,
  goal: 10_000,
  systemPrompt: 32_000,
};

/** Any other string (a run input, a value inside JSON parameters or policy rules). */
export const DEFAULT_TEXT_LIMIT = 100_000;
/** Nesting of JSON arguments (inputs, editedParams, rules); deeper is refused, not recursed into. */
export const MAX_INPUT_DEPTH = 32;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * What is wrong with a text, or null. The rule is the event log's (`hasUnstorableText`): what the
 * log would have to rewrite is refused at the edge, where the caller can still fix it.
 */
function invalidText(text: string): string | null {
  if (!hasUnstorableText(text)) return null;
  return text.includes('\u0000')
    ? 'contains a NUL character (U+0000)'
    : 'contains an unpaired surrogate (not valid Unicode text)';
}

function checkText(text: string, field: string, key: string): void {
  const invalid = invalidText(text);
  if (invalid) throw new InvalidInputError(field, `${field} ${invalid}`);
  const limit = INPUT_LIMITS[camel(key)] ?? DEFAULT_TEXT_LIMIT;
  if (text.length > limit)
    throw new InvalidInputError(
      field,
      `${field} is too long: at most ${limit} characters (got ${text.length})`,
    );
}

function walk(value: unknown, field: string, key: string, depth: number): void {
  if (typeof value === 'string') {
    checkText(value, field, key);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_INPUT_DEPTH)
    throw new InvalidInputError(field, `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep`);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${field}[${index}]`, key, depth + 1);
    return;
  }
  if (value instanceof Date) return;
  for (const [name, item] of Object.entries(value)) {
    const path = field === '' ? name : `${field}.${name}`;
    const invalid = invalidText(name);
    if (invalid) throw new InvalidInputError(path, `A key of ${field || 'the input'} ${invalid}`);
    if (name.length > NAME_LIMIT)
      throw new InvalidInputError(
        field || name,
        `A key of ${field || 'the input'} is longer than 200 characters`,
      );
    walk(item, path, name, depth + 1);
  }
}

/**
 * Checks every string in `input` (an operation's arguments, a REST body, path parameters):
 * valid Unicode without NUL, within its field's limit, nested at most `MAX_INPUT_DEPTH` deep.
 * @throws InvalidInputError (BAD_USER_INPUT) naming the field, e.g. `input.name`.
 */
export function checkInput(input: Readonly<Record<string, unknown>>): void {
  walk(input, '', '', 0);
}
