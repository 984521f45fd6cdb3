import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import {
  clientAddress,
  NO_TRUSTED_PROXIES,
  type TrustedProxies,
  userAgentOf,
} from '../auth/client-address.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import type { Logger } from '../logger.ts';
import type { ApiContext } from './context.ts';
import { apiError, ErrorCode, withCode } from './errors.ts';
import { createSharedSubscribe } from './shared-execution.ts';
import { createSocketSessions } from './socket-sessions.ts';
import { serveGraphqlWs } from './ws-transport.ts';
import { createErrorMasker, type SocketContext } from './yoga.ts';

const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => unknown;
  /** Which subscribers may share an event's result (see `createSharedSubscribe`). */
  key: string;
};

/** The bearer token of a `connection_init` payload: `{ authorization: "Bearer …" }` (any case). */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : null;
}

/**
 * graphql-ws on `ws` at /graphql on the given HTTP server, running every operation through yoga's
 * envelop (same schema, auth scopes, limits and error masking as HTTP). Authentication happens in
 * `connection_init`: a token that does not verify closes the socket with 4403; no token gives an
 * anonymous connection whose operations fail with UNAUTHENTICATED. The token is re-checked on
 * every operation and, for running subscriptions, when a JWT expires and every `tokenRecheckMs`
 * for revoked API tokens: either ends the socket with 4401. An operation refused by parsing,
 * validation or a limit fails alone with a code; the socket stays open.
 */
export function attachGraphqlWs(options: {
  server: Server;
  yoga: YogaServerInstance<Record<string, unknown>, ApiContext>;
  auth: AuthService;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** Largest incoming message (default 1 MiB). */
  maxPayload?: number;
  /** Whose X-Forwarded-For names the client (default: nobody's). */
  trustedProxies?: TrustedProxies;
  /** How often open sockets' API tokens are re-checked for revocation (default 5 s). */
  tokenRecheckMs?: number;
  /** Ping interval; a socket that misses its pong that long is ended (default 12 s). */
  keepAliveMs?: number;
}): { dispose(): Promise<void> } {
  const { yoga, auth, rateLimiter } = options;
  const proxies = options.trustedProxies ?? NO_TRUSTED_PROXIES;
  const wss = new WebSocketServer({
    server: options.server,
    path: '/graphql',
    maxPayload: options.maxPayload ?? 1 << 20,
  });
  const sessions = createSocketSessions({ auth, recheckMs: options.tokenRecheckMs ?? 5000 });
  wss.on('connection', (socket) => socket.once('close', () => sessions.forget(socket)));
  const masker = createErrorMasker(options.logger);
  const mask = (error: unknown) => masker(error, 'Unexpected error.') as GraphQLError;
  const sharedSubscribe = createSharedSubscribe(mask);
  const server = serveGraphqlWs<Record<string, unknown>>(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => {
        const root = args.rootValue as EnvelopedRoot;
        return sharedSubscribe(args, root.key) as never;
      },
      onConnect: async (ctx) => {
        try {
          sessions.open(ctx.extra.socket, await auth.authenticate(authorizationOf(ctx.connectionParams)));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, params) => {
        const socket = ctx.extra.socket;
        const address = clientAddress(
          ctx.extra.request.socket.remoteAddress,
          ctx.extra.request.headers['x-forwarded-for'],
          proxies,
        );
        const viewer = await sessions.current(socket);
        if (viewer === undefined)
          return [apiError(ErrorCode.Unauthenticated, 'The token expired or was revoked; reconnect')];
        if (!rateLimiter.take(viewer ? `viewer:${viewer.id}` : `anonymous:${address}`)) {
          return [apiError(ErrorCode.RateLimited, 'Too many requests; slow down')];
        }
        const socketContext: SocketContext = {
          socketViewer: viewer,
          clientAddress: address,
          userAgent: userAgentOf(ctx.extra.request.headers['user-agent']),
          closeConnection: (code, reason) => socket.close(code, reason),
        };
        // Parse and validate (armor's depth, cost and alias limits run here) may throw: a throw
        // would close the whole socket with 4500, so each refusal becomes this operation's error.
        try {
          const { schema, execute, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket,
            params,
            ...socketContext,
          });
          const document = parse(params.query);
          const errors = validate(schema, document);
          // The same code HTTP answers (yoga's) for a document that does not validate.
          if (errors.length > 0)
            return errors.map((error: GraphQLError) => withCode(error, VALIDATION_FAILED));
          return {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: {
              execute,
              key: JSON.stringify([
                params.query,
                params.operationName ?? null,
                params.variables ?? {},
                viewer?.role,
              ]),
            } satisfies EnvelopedRoot,
          };
        } catch (error) {
          if (error instanceof GraphQLError && error.originalError === undefined)
            return [withCode(error, ErrorCode.BadUserInput)];
          return [mask(error)];
        }
      },
    },
    wss,
    options.keepAliveMs ? { keepAliveMs: options.keepAliveMs } : {},
  );
  return {
    async dispose() {
      sessions.dispose();
      await server.dispose();
    },
  };
}
