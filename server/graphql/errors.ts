import { GraphQLError } from 'graphql';
import { InvalidPageRequestError } from '../../projections/pagination.ts';
import { ApplicationError } from '../application/errors.ts';
import { LoginThrottledError, UnauthenticatedError } from '../auth/errors.ts';
import { SlowSubscriberError } from './live/subscriber-queue.ts';

/** The stable `extensions.code` values of ARCHITECTURE.md §7 (plus RATE_LIMITED and SLOW_CONSUMER). */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  BadUserInput: 'BAD_USER_INPUT',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  SlowConsumer: 'SLOW_CONSUMER',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure as a client sees it. */
export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** `error` with `extensions.code` set to `code` unless it has one (a validation or limit refusal). */
export function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  const { nodes, source, positions, path } = error;
  return new GraphQLError(error.message, {
    nodes,
    source,
    positions,
    path,
    extensions: { ...error.extensions, code },
  });
}

/** Bad input at `field`: BAD_USER_INPUT with `extensions.field`. */
export function badInput(field: string, message: string): GraphQLError {
  return apiError(ErrorCode.BadUserInput, message, { field });
}

/**
 * The known error behind a thrown value as a GraphQL error with its code, or null for anything
 * unexpected (which the server masks).
 */
export function toExpectedError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) {
    if (typeof error.extensions.code === 'string' && error.originalError === undefined) return error;
    return error.originalError ? toExpectedError(error.originalError) : null;
  }
  if (error instanceof ApplicationError) {
    return apiError(error.code, error.message, error.field ? { field: error.field } : {});
  }
  if (error instanceof UnauthenticatedError) return apiError(ErrorCode.Unauthenticated, error.message);
  if (error instanceof LoginThrottledError)
    return apiError(ErrorCode.RateLimited, error.message, { retryAt: error.retryAt.toISOString() });
  if (error instanceof InvalidPageRequestError) return badInput('after', error.message);
  if (error instanceof SlowSubscriberError) return apiError(ErrorCode.SlowConsumer, error.message);
  return null;
}
