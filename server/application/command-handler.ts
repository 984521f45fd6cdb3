import type { DecidedEvent, Decision, Refusal } from '../engine/refusal.ts';
import { EventValidationError, WrongExpectedVersionError } from '../eventstore/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import {
  type ApplicationError,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
} from './errors.ts';
import { type Actor, actorMetadata } from './event-writer.ts';

/** An event as folded locally after the append: its revision and (the writer's) time. */
export interface AppendedEvent extends DecidedEvent {
  revision: number;
  recordedAt: Date;
}

/** One stream a command acts on: how to read its state, and how a new event changes it. */
export interface CommandTarget<S> {
  stream: string;
  /** Reads and folds the stream: the state and the revision to expect (-1: no stream yet). */
  load(): Promise<{ state: S; revision: number }>;
  /** Folds one event just appended into the state (no re-read). */
  evolve(state: S, event: AppendedEvent): S;
}

/** What a command came to: the state with its events folded in, and where they landed. */
export interface CommandResult<S> {
  state: S;
  /** The state the command was decided on. */
  before: S;
  revision: number;
  /** Position of the last appended event; null when the decision was to append nothing. */
  position: string | null;
  events: readonly DecidedEvent[];
}

/** Decides a command on the loaded state: pure (`handle`, `decide`) or after a look-up it needs. */
export type CommandDecider<S> = (state: S, revision: number) => Decision | Promise<Decision>;

/** How often, by default, a command whose stream moved while it was decided is decided on the new state. */
const ATTEMPTS = 3;

export interface ExecuteOptions {
  /**
   * Decisions to try (default 3). 1 for edits of a version the user saw (agent and policy updates):
   * someone else's change in between is a CONFLICT to reload, not something to silently build on.
   */
  attempts?: number;
}

/** The application error of a refusal, with the same code (and field). */
export function refusalError(refusal: Refusal): ApplicationError {
  switch (refusal.code) {
    case 'BAD_USER_INPUT':
      return new InvalidInputError(refusal.field, refusal.message);
    case 'CONFLICT':
      return new ConflictError(refusal.message);
    case 'NOT_FOUND':
      return new NotFoundError(refusal.message);
    case 'FORBIDDEN':
      return new ForbiddenError(refusal.message);
  }
}

/**
 * The one write path: load the stream once, decide, append the decision's events together with the
 * expected revision, and fold them into the state locally. When someone else appended first, the
 * command is decided again on the new state (so of two racing approvals exactly one is appended and
 * the other is refused as already decided), at most `ATTEMPTS` times.
 */
export function createCommandHandler(store: EventStore) {
  const append = async (stream: string, events: readonly DecidedEvent[], revision: number, actor: Actor) => {
    try {
      return await store.append(
        stream,
        events.map((event) => ({
          id: newEventId(),
          type: event.type,
          data: event.data,
          metadata: actorMetadata(actor),
        })),
        { expected: revision === -1 ? 'no_stream' : revision },
      );
    } catch (error) {
      if (error instanceof EventValidationError) {
        throw new InvalidInputError(error.path, error.message, { cause: error });
      }
      throw error;
    }
  };

  return {
    async execute<S>(
      target: CommandTarget<S>,
      decide: CommandDecider<S>,
      actor: Actor,
      options: ExecuteOptions = {},
    ): Promise<CommandResult<S>> {
      const attempts = options.attempts ?? ATTEMPTS;
      for (let attempt = 1; ; attempt++) {
        const { state, revision } = await target.load();
        const decision = await decide(state, revision);
        if ('refusal' in decision) throw refusalError(decision.refusal);
        if (decision.events.length === 0)
          return { state, before: state, revision, position: null, events: [] };
        try {
          const result = await append(target.stream, decision.events, revision, actor);
          const recordedAt = new Date();
          let next = state;
          decision.events.forEach((event, i) => {
            next = target.evolve(next, { ...event, revision: revision + 1 + i, recordedAt });
          });
          return {
            state: next,
            before: state,
            revision: result.nextExpectedRevision,
            position: result.position,
            events: decision.events,
          };
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          if (attempt >= attempts) {
            const message = `${target.stream} changed meanwhile (now at revision ${error.actual}); reload and retry`;
            throw new ConflictError(message, { cause: error });
          }
        }
      }
    },
  };
}

export type CommandHandler = ReturnType<typeof createCommandHandler>;
