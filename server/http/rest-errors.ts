// What a REST caller is told when a request fails. The command handler refuses an event that fails
// its schema as bad input naming the *event's* field (`RunStarted: field "inputs.goal" …`); a REST
// caller never sees events, so that is re-worded here with the field's REST name (`inputs.goal`,
// `llm_model`). Pure: no I/O.
import type { ApplicationError } from '../application/errors.ts';
import { EventValidationError } from '../eventstore/errors.ts';

export interface RestErrorBody {
  error: string;
  message: string;
  field?: string;
}

/** Event fields whose REST name is not their snake_case spelling (the agent's `llm` is flattened). */
const REST_NAMES: Readonly<Record<string, string>> = {
  'llm.provider': 'llm_provider',
  'llm.model': 'llm_model',
  agentId: 'agent_id',
  runId: 'run_id',
  approvalId: 'id',
};

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The REST name of an event field path: renamed ones from REST_NAMES (longest prefix first), the
 * rest segment by segment in snake_case. The keys of free-form objects (`inputs.someKey`) are the
 * caller's own names and stay as they were sent.
 */
export function restFieldOf(eventPath: string): string {
  const renamed = Object.keys(REST_NAMES)
    .sort((a, b) => b.length - a.length)
    .find((prefix) => eventPath === prefix || eventPath.startsWith(`${prefix}.`));
  if (renamed) return `${REST_NAMES[renamed]}${eventPath.slice(renamed.length)}`;
  const [head = '', ...rest] = eventPath.split('.');
  if (head === 'inputs') return eventPath;
  return [snake(head), ...rest.map(snake)].join('.');
}

/** The problem part of an EventValidationError's message, without the event type and path. */
function problemOf(error: EventValidationError): string {
  const prefix = `${error.eventType}: ${error.path ? `field "${error.path}"` : 'event'} `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : 'is not valid';
}

/** The body of an application error, with event and service field names replaced by REST's. */
export function restErrorBody(error: ApplicationError): RestErrorBody {
  const cause = error.cause;
  if (cause instanceof EventValidationError) {
    if (!cause.path) return { error: error.code, message: `The request is not valid: ${problemOf(cause)}` };
    const field = restFieldOf(cause.path);
    return { error: error.code, message: `${field} ${problemOf(cause)}`, field };
  }
  // Services name their own inputs (`agentId`): REST spells them its way (`agent_id`).
  return {
    error: error.code,
    message: error.message,
    ...(error.field ? { field: restFieldOf(error.field) } : {}),
  };
}
