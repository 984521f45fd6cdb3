import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { userAgentOf } from '../auth/client-address.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import type { Viewer } from '../auth/roles.ts';
import { renderOfflineGraphiQL } from '../http/graphiql.ts';
import type { Logger } from '../logger.ts';
import { boundArguments } from './bounded-arguments.ts';
import type { ApiContext, ApiServices } from './context.ts';
import { apiError, ErrorCode, toExpectedError, withCode } from './errors.ts';
import { parseWaitHeader } from './read-your-writes.ts';
import { apiSchema } from './schema.ts';

/** What a graphql-ws connection hands to the context (it authenticated in `connection_init`). */
export interface SocketContext {
  socketViewer: Viewer | null;
  clientAddress: string;
  userAgent: string | null;
  closeConnection: (code: number, reason: string) => void;
}

/** The limits of §7; defaults suit the console's heaviest queries. */
export interface QueryLimits {
  maxDepth?: number;
  maxCost?: number;
  maxAliases?: number;
  maxTokens?: number;
}

export interface ApiYogaOptions {
  services: ApiServices;
  production: boolean;
  rateLimiter: RateLimiter;
  limits?: QueryLimits;
}

// The envelop plugins below are not called use…(): the linter's React rules would take them for hooks.

/** Adds the last appended position of a mutation as `extensions.position`. */
function positionExtensionPlugin(): Plugin<ApiContext> {
  return {
    onExecute: () => ({
      onExecuteDone({ args, result, setResult }) {
        const writes = (args.contextValue as ApiContext).writes;
        if (writes.length === 0 || Symbol.asyncIterator in result) return;
        // Positions compare as strings (not numbers): the greatest is the latest.
        const position = [...writes].sort().at(-1);
        setResult({ ...result, extensions: { ...result.extensions, position } });
      },
    }),
  };
}

/**
 * Variables that do not fit their types (an unknown enum value, a missing required variable) fail
 * before execution: graphql-js then answers errors without `data`. They are the caller's bad
 * input, so they get BAD_USER_INPUT like every other expected failure.
 */
function variableErrorCodePlugin(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (Symbol.asyncIterator in result || 'data' in result || !result.errors) return;
        const errors = result.errors.map((error) =>
          error.extensions.code
            ? error
            : new GraphQLError(error.message, {
                nodes: error.nodes,
                source: error.source,
                positions: error.positions,
                path: error.path,
                extensions: { ...error.extensions, code: ErrorCode.BadUserInput },
              }),
        );
        setResult({ ...result, errors });
      },
    }),
  };
}

/**
 * Every error an HTTP response carries has a code: a request refused before execution by a limit
 * (armor's cost, depth, alias and token limits throw while parsing, without a code) is the
 * caller's bad input. Results of subscriptions over SSE are async iterables and pass through; their
 * errors come from the masker.
 */
function everyErrorCodedPlugin(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const single = result as { errors?: readonly GraphQLError[] };
      if (!single.errors?.some((error) => !error.extensions?.code)) return;
      setResult({
        ...result,
        errors: single.errors.map((error) =>
          error instanceof GraphQLError
            ? withCode(error, ErrorCode.BadUserInput)
            : new GraphQLError(String((error as Error).message ?? error), {
                extensions: { code: ErrorCode.BadUserInput },
              }),
        ),
      } as typeof result);
    },
  };
}

/** Introspection off (production): the schema is published as schema/schema.graphql instead. */
function noIntrospectionPlugin(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
}

function rateLimited(limiter: RateLimiter, key: string): void {
  if (!limiter.take(key)) {
    throw apiError(ErrorCode.RateLimited, 'Too many requests; slow down', { http: { status: 429 } });
  }
}

/**
 * Yoga's `maskError`: expected failures (see `toExpectedError`) keep their message and code, with
 * the location and path of the original error; anything else is logged and masked.
 */
export function createErrorMasker(logger: Logger): (error: unknown, message: string) => Error {
  return (error, message) => {
    const expected = toExpectedError(error);
    if (!expected) {
      logger.error('unexpected GraphQL error (masked)', {
        error: (error as GraphQLError).originalError ?? error,
      });
      return maskError(error, message, false);
    }
    if (!(error instanceof GraphQLError)) return expected;
    const { nodes, source, positions, path } = error;
    return new GraphQLError(expected.message, {
      nodes,
      source,
      positions,
      path,
      extensions: expected.extensions,
    });
  };
}

/**
 * The yoga instance: schema, context (viewer from the bearer token or the socket, read-your-writes
 * wait, rate limit), armor limits, masked errors with stable codes, no batching, and in production
 * no introspection, no field suggestions and no GraphiQL.
 */
export function createApiYoga(
  options: ApiYogaOptions,
): YogaServerInstance<Record<string, unknown>, ApiContext> {
  const { services, production, rateLimiter } = options;
  const limits = options.limits ?? {};
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth ?? 10 },
    costLimit: { maxCost: limits.maxCost ?? 5000 },
    maxAliases: { n: limits.maxAliases ?? 15 },
    maxTokens: { n: limits.maxTokens ?? 2000 },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return createYoga<Record<string, unknown>, ApiContext>({
    schema: boundArguments(apiSchema()),
    graphqlEndpoint: '/graphql',
    graphiql: production ? false : { subscriptionsProtocol: 'WS', title: 'Spark-Ops GraphQL explorer' },
    // The explorer's assets come from this server (server/http/graphiql.ts), not a CDN: it works offline.
    renderGraphiQL: renderOfflineGraphiQL,
    landingPage: false,
    batching: false,
    logging: false,
    maskedErrors: { maskError: createErrorMasker(services.logger) },
    plugins: [
      ...armor.plugins,
      ...(production ? [noIntrospectionPlugin()] : []),
      positionExtensionPlugin(),
      variableErrorCodePlugin(),
      everyErrorCodedPlugin(),
    ],
    context: async (initial): Promise<ApiContext> => {
      const socket = initial as Partial<SocketContext>;
      if ('socketViewer' in socket) {
        return {
          viewer: socket.socketViewer ?? null,
          services,
          waitForMs: 0,
          writes: [],
          clientAddress: socket.clientAddress ?? 'unknown',
          userAgent: socket.userAgent ?? null,
          closeConnection: socket.closeConnection ?? null,
        };
      }
      const { request, clientAddress = 'unknown' } = initial as { request: Request; clientAddress?: string };
      const viewer = await services.auth.authenticate(request.headers.get('authorization'));
      // The address comes from the fetch route, which believes X-Forwarded-For only from TRUSTED_PROXIES.
      rateLimited(rateLimiter, viewer ? `viewer:${viewer.id}` : `anonymous:${clientAddress}`);
      return {
        viewer,
        services,
        waitForMs: parseWaitHeader(request.headers.get('x-wait-for-projections')),
        writes: [],
        clientAddress,
        userAgent: userAgentOf(request.headers.get('user-agent')),
        closeConnection: null,
      };
    },
  });
}
