// Fixtures for API tests: the platform (createPlatform, as `npm start` builds it) over a PGlite or
// PostgreSQL test database, its scheduler driving runs with a scripted model, its routes on a real port.
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ProjectionRunner } from '../../projections/runner.ts';
import { runStream } from '../../schema/events/index.ts';
import {
  createReasoningProviders,
  type ReasoningProvidersConfig,
} from '../activities/providers/create-provider.ts';
import {
  createFakeProvider,
  type FakeProvider,
  type FakeStep,
} from '../activities/providers/fake-provider.ts';
import type { ReasoningProvider } from '../activities/providers/provider.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import { defineTool } from '../activities/tools/tool.ts';
import type { McpServerStatusView } from '../application/integrations.ts';
import type { Role } from '../auth/roles.ts';
import { loadConfig } from '../config.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import { createHttpServer } from '../http/http-server.ts';
import { createLogger, type LogLevel, silentLogger } from '../logger.ts';
import { createPlatform, type Platform, type PlatformOverrides } from '../platform.ts';
import { pollUntil } from '../testkit/poll-until.ts';
import type { Api, ApiLimits } from './api.ts';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A tool that echoes, so agents and approvals have something to name (HIGH risk: it asks approval). */
export const echoTool = defineTool({
  name: 'echo',
  description: 'Echoes its text.',
  inputSchema: z.object({ text: z.string() }),
  defaultRisk: 'HIGH',
  timeoutMs: 1000,
  idempotent: true,
  run: async (params) => params,
});

/**
 * A model that is still thinking: it answers nothing until the platform stops (then it fails as an
 * aborted call does). Runs started by tests that script no model stay where the test puts them.
 */
export function createThinkingModel(): ReasoningProvider {
  return {
    name: 'fake',
    reason: (_request, { signal }) =>
      new Promise((_resolve, reject) => {
        const abort = () => reject(signal?.reason ?? new Error('aborted'));
        if (signal?.aborted) abort();
        else signal?.addEventListener('abort', abort, { once: true });
      }),
  };
}

export interface TestApi {
  platform: Platform;
  api: Api;
  db: SqlDatabase;
  store: EventStore;
  runner: ProjectionRunner;
  tools: ToolRegistry;
  /** The scripted model when `script` was given. */
  model: FakeProvider | null;
  url: string;
  wsUrl: string;
  /** A bearer token for a user of `role`. */
  tokenFor(role: Role): Promise<string>;
  /** POSTs a GraphQL operation; returns the parsed JSON and the HTTP status. */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: GraphQLBody }>;
  close(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/**
 * Starts the platform over `db` with the `echo` tool, and serves its routes on 127.0.0.1 (ephemeral
 * port). The scheduler drives runs: every agent's model is `script` (a scripted fake), or, without
 * one, a model that never answers. Several instances over one PostgreSQL database behave like
 * several servers.
 */
export async function startTestApi(options: {
  db: SqlDatabase;
  /** Introspection, suggestions and GraphiQL off (default false: NODE_ENV=development). */
  production?: boolean;
  limits?: ApiLimits;
  /** What the scripted model answers, in order, for every agent whatever its provider. */
  script?: FakeStep[];
  /** The reasoning providers' configuration (default none: only the demo provider). */
  llm?: ReasoningProvidersConfig;
  /** What the integrations page reports as MCP servers (default none). */
  mcpServers?: McpServerStatusView[];
  /** false: no scheduler in this instance (default true). */
  worker?: boolean;
  /** More environment for `loadConfig` (e.g. TRUSTED_PROXIES, METRICS_TOKEN). */
  env?: Record<string, string>;
  /** Notification delivery tuning (retry policy, poll interval, lease). */
  notifications?: PlatformOverrides['notifications'];
  /** How failed logins slow down guessing (default the platform's). */
  loginThrottle?: PlatformOverrides['loginThrottle'];
}): Promise<TestApi> {
  const { db } = options;
  const llm = options.llm ?? {};
  const config = loadConfig({
    JWT_SECRET: TEST_JWT_SECRET,
    NODE_ENV: options.production ? 'production' : 'development',
    OPENAI_BASE_URL: llm.openaiBaseUrl,
    ANTHROPIC_BASE_URL: llm.anthropicBaseUrl,
    ...options.env,
  });
  const model = options.script ? createFakeProvider(options.script) : null;
  // With an LLM configuration and no script, agents use the configured providers themselves.
  const reasoning = model ?? (options.llm ? null : createThinkingModel());
  const platform = await createPlatform(config, {
    // TEST_LOG=info shows what the server logged (masked errors included) while debugging a test.
    logger: process.env.TEST_LOG ? createLogger({ level: process.env.TEST_LOG as LogLevel }) : silentLogger,
    db,
    tools: [echoTool],
    mcpServers: options.mcpServers ?? [],
    providers: createReasoningProviders(llm),
    ...(reasoning ? { reasoning } : {}),
    approvals: { timeoutMs: 60_000 },
    sleep: async () => undefined, // retries of failed LLM calls go at once
    projections: { maxBatchMs: 5 },
    scheduler: { pollMs: 100 },
    ...(options.worker === false ? { worker: false } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
  });
  const { api } = platform;
  const server = createHttpServer({ routes: platform.routes, logger: silentLogger });
  api.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const tokens = new Map<Role, string>();
  return {
    platform,
    api,
    db,
    store: platform.storage.store,
    runner: platform.projections,
    tools: platform.tools,
    model,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    async tokenFor(role) {
      const known = tokens.get(role);
      if (known) return known;
      const { token } = await api.auth.issueToken({ id: `user-${role}`, role, email: `${role}@test.local` });
      tokens.set(role, token);
      return token;
    },
    async gql(query, variables = {}, requestOptions = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(requestOptions.token ? { authorization: `Bearer ${requestOptions.token}` } : {}),
          ...requestOptions.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async close() {
      // The platform first: it closes the websockets, which the HTTP server's close would wait for.
      await platform.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates a demo agent with the `echo` tool as an admin and starts a run of it; returns the run id. */
export async function startEchoRun(t: TestApi): Promise<string> {
  const token = await t.tokenFor('admin');
  const agent = await t.gql(
    'mutation { createAgent(input: { name: "a", purpose: "p", llmProvider: DEMO, llmModel: "m", tools: ["echo"], systemPrompt: "" }) { id } }',
    {},
    { token },
  );
  const agentId = (agent.body.data!.createAgent as { id: string }).id;
  const run = await t.gql(
    'mutation($agentId: ID!) { startRun(input: { agentId: $agentId, inputs: { goal: "g" } }) { id } }',
    { agentId },
    { token },
  );
  return (run.body.data!.startRun as { id: string }).id;
}

/** The first error's code of a GraphQL response. */
export function errorCode(body: GraphQLBody): unknown {
  return body.errors?.[0]?.extensions?.code;
}

/** Appends an ApprovalRequested for the `echo` tool to a run, as the engine would (HIGH risk, 1 min deadline). */
export function appendApprovalRequest(
  store: EventStore,
  runId: string,
  approval: { approvalId: string; params?: Record<string, unknown>; reasons?: string[] },
) {
  return store.append(runStream(runId), [
    {
      id: newEventId(),
      type: 'ApprovalRequested',
      data: {
        approvalId: approval.approvalId,
        step: 1,
        tool: 'echo',
        params: approval.params ?? { text: 'x' },
        risk: 'HIGH',
        reasons: approval.reasons ?? ['r'],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        onExpiry: 'reject',
      },
    },
  ]);
}

/**
 * Polls `run(id) { status }` over GraphQL until the run reaches one of `statuses` (the scheduler
 * drives it meanwhile); returns the status.
 * @throws naming the last status seen after `timeoutMs`.
 */
export async function waitForRunStatus(
  t: TestApi,
  token: string,
  runId: string,
  statuses: readonly string[],
  timeoutMs = 20_000,
): Promise<string> {
  const { value: status, accepted } = await pollUntil(
    async () => {
      const { body } = await t.gql('query($id: ID!) { run(id: $id) { status } }', { id: runId }, { token });
      return (body.data?.run as { status?: string } | null)?.status ?? JSON.stringify(body.errors);
    },
    (status) => statuses.includes(status),
    timeoutMs,
  );
  if (!accepted)
    throw new Error(`run ${runId} is ${status}, not ${statuses.join(' or ')}, after ${timeoutMs} ms`);
  return status;
}

/**
 * Polls `hitlRequests(runId)` until the run's pending approval is in the approvals read model
 * (a projection of its own: the runs read model may say WAITING_FOR_APPROVAL before it does);
 * returns the request's id.
 * @throws after `timeoutMs`.
 */
export async function waitForPendingApproval(
  t: TestApi,
  token: string,
  runId: string,
  timeoutMs = 20_000,
): Promise<string> {
  const { value: id, accepted } = await pollUntil(
    async () => {
      const { body } = await t.gql(
        'query($runId: ID!) { hitlRequests(runId: $runId, status: PENDING) { edges { node { id } } } }',
        { runId },
        { token },
      );
      const edges = (body.data?.hitlRequests as { edges: { node: { id: string } }[] } | undefined)?.edges;
      return edges?.[0]?.node.id;
    },
    (id) => id !== undefined,
    timeoutMs,
  );
  if (!accepted || id === undefined)
    throw new Error(`run ${runId} has no pending approval after ${timeoutMs} ms`);
  return id;
}
