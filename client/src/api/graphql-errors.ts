// Reading the server's expected errors (ARCHITECTURE.md §7): `extensions.code`, and for
// BAD_USER_INPUT the `extensions.field` at fault, so a form can show the message at the field.

/** The parts of urql's CombinedError this module reads (kept structural so it is testable). */
export interface ErrorLike {
  message: string;
  graphQLErrors: readonly { message: string; extensions?: Readonly<Record<string, unknown>> }[];
  networkError?: Error | undefined;
}

export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  BadUserInput: 'BAD_USER_INPUT',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The first `extensions.code` of the error, if any. */
export function errorCode(error: ErrorLike | null | undefined): string | undefined {
  for (const item of error?.graphQLErrors ?? []) {
    const code = item.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function hasErrorCode(error: ErrorLike | null | undefined, code: ErrorCode): boolean {
  return (error?.graphQLErrors ?? []).some((item) => item.extensions?.code === code);
}

/** Drops the event-validation prefix (`AgentCreated: field "name" `) the field already shows. */
export function cleanMessage(message: string): string {
  return message.replace(/^[A-Za-z]+: field "[^"]*" /, '').replace(/^\[(GraphQL|Network)\] /, '');
}

/** One human sentence for an error: the network problem, or the server's messages. */
export function describeError(error: ErrorLike): string {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return `Cannot reach the server: ${error.networkError.message}`;
  }
  const messages = error.graphQLErrors.map((item) => cleanMessage(item.message));
  return messages.length > 0 ? [...new Set(messages)].join(' ') : cleanMessage(error.message);
}

export interface FormErrors {
  /** Messages by form field name. */
  fields: Record<string, string>;
  /** The server's full path for each field's message (`rules.0.match.tool` for `rules`). */
  paths: Record<string, string>;
  /** Messages that belong to no known field. */
  general: string[];
}

/**
 * Sorts an error's messages onto form fields. The server names a field by its path in the input
 * or in the event (`name`, `llm.model`, `budget.maxSteps`, `rules.0.match.tool`); `aliases` maps a
 * path prefix to a form field (`{ 'llm.model': 'llmModel' }`). A path matches the longest known
 * prefix, so `rules.0.match.tool` lands on `rules` when only `rules` is a field.
 */
export function formErrorsOf(
  error: ErrorLike | null | undefined,
  knownFields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormErrors {
  const result: FormErrors = { fields: {}, paths: {}, general: [] };
  if (!error) return result;
  if (error.graphQLErrors.length === 0) {
    result.general.push(describeError(error));
    return result;
  }
  const known = new Set(knownFields);
  for (const item of error.graphQLErrors) {
    const raw = item.extensions?.field;
    const field = typeof raw === 'string' ? resolveField(raw, known, aliases) : undefined;
    const message = cleanMessage(item.message);
    if (field && result.fields[field] === undefined) {
      result.fields[field] = message;
      result.paths[field] = String(raw);
    } else {
      result.general.push(message);
    }
  }
  return result;
}

function resolveField(
  path: string,
  known: ReadonlySet<string>,
  aliases: Readonly<Record<string, string>>,
): string | undefined {
  const parts = path.replace(/^input\./, '').split('.');
  for (let length = parts.length; length > 0; length--) {
    const prefix = parts.slice(0, length).join('.');
    const alias = aliases[prefix];
    if (alias !== undefined) return alias;
    if (known.has(prefix)) return prefix;
  }
  return undefined;
}
