import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import type { Viewer } from '../auth/roles.ts';
import type { Logger } from '../logger.ts';
import type { ApiContext } from './context.ts';
import { createSharedSubscribe } from './shared-execution.ts';
import { serveGraphqlWs } from './ws-transport.ts';
import { createErrorMasker, type SocketContext } from './yoga.ts';

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
 * anonymous connection whose operations fail with UNAUTHENTICATED.
 */
export function attachGraphqlWs(options: {
  server: Server;
  yoga: YogaServerInstance<Record<string, unknown>, ApiContext>;
  auth: AuthService;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** Largest incoming message (default 1 MiB). */
  maxPayload?: number;
}): { dispose(): Promise<void> } {
  const { yoga, auth, rateLimiter } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: '/graphql',
    maxPayload: options.maxPayload ?? 1 << 20,
  });
  const viewers = new WeakMap<object, Viewer | null>();
  const masker = createErrorMasker(options.logger);
  const sharedSubscribe = createSharedSubscribe(
    (error) => masker(error, 'Unexpected error.') as GraphQLError,
  );
  const server = serveGraphqlWs<Record<string, unknown>>(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => {
        const root = args.rootValue as EnvelopedRoot;
        return sharedSubscribe(args, root.key) as never;
      },
      onConnect: async (ctx) => {
        try {
          viewers.set(ctx.extra.socket, await auth.authenticate(authorizationOf(ctx.connectionParams)));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, params) => {
        const socket = ctx.extra.socket;
        const viewer = viewers.get(socket) ?? null;
        if (!rateLimiter.take(viewer ? `viewer:${viewer.id}` : 'anonymous:ws')) {
          return [new GraphQLError('Too many requests; slow down', { extensions: { code: 'RATE_LIMITED' } })];
        }
        const socketContext: SocketContext = {
          socketViewer: viewer,
          closeConnection: (code, reason) => socket.close(code, reason),
        };
        const { schema, execute, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket,
          params,
          ...socketContext,
        });
        let document: ReturnType<typeof parse>;
        try {
          document = parse(params.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Syntax error')];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
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
      },
    },
    wss,
  );
  return {
    async dispose() {
      await server.dispose();
    },
  };
}
