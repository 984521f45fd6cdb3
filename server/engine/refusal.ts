// Why a command was refused, as data: the application turns it into its error of the same code.

/** A refused command: nothing is appended. `field` names the input at fault (BAD_USER_INPUT). */
export type Refusal =
  | { code: 'NOT_FOUND'; message: string }
  | { code: 'CONFLICT'; message: string }
  | { code: 'BAD_USER_INPUT'; message: string; field: string }
  | { code: 'FORBIDDEN'; message: string };

/** A new event of a command's decision, before the store gives it a revision. */
export interface DecidedEvent {
  type: string;
  data: Record<string, unknown>;
}

/** What handling a command comes to: the events to append (together), or a refusal. */
export type Decision = { events: DecidedEvent[] } | { refusal: Refusal };

export const notFound = (message: string): Decision => ({ refusal: { code: 'NOT_FOUND', message } });
export const conflict = (message: string): Decision => ({ refusal: { code: 'CONFLICT', message } });
export const badInput = (field: string, message: string): Decision => ({
  refusal: { code: 'BAD_USER_INPUT', message, field },
});
export const forbidden = (message: string): Decision => ({ refusal: { code: 'FORBIDDEN', message } });
