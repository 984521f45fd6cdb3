// Fixtures for API tests: a real server (PGlite or a PostgreSQL database) with the API mounted.
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { allProjections } from '../../projections/all-projections.ts';
import { createProjectionRunner, type ProjectionRunner } from '../../projections/runner.ts';
import { eventCatalogue, runStream } from '../../schema/events/index.ts';
import { createHashingEmbedder } from '../activities/memory/hashing-embedder.ts';
import {
  createReasoningProviders,
  type ReasoningProvidersConfig,
} from '../activities/providers/create-provider.ts';
import { createFakeProvider, type FakeStep } from '../activities/providers/fake-provider.ts';
import { createToolRegistry, type ToolRegistry } from '../activities/tools/registry.ts';
import { createAgentService } from '../application/agent-service.ts';
import { createIntegrationsService, type McpServerStatusView } from '../application/integrations.ts';
import { createPolicyLoader } from '../application/policies.ts';
import { createPolicyService } from '../application/policy-service.ts';
import { createRunDriver } from '../application/run-driver.ts';
import { createRunService } from '../application/run-service.ts';
import type { Role } from '../auth/roles.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import { createPostgresEventStore } from '../eventstore/postgres/postgres-event-store.ts';
import { createHttpServer } from '../http/http-server.ts';
import { silentLogger } from '../logger.ts';
import { type Api, type ApiLimits, createApi } from './api.ts';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A tool that echoes, so agents and approvals have something to name. */
const echoTool = {
  name: 'echo',
  description: 'Echoes its text.',
  inputSchema: z.object({ text: z.string() }),
  defaultRisk: 'HIGH' as const,
  timeoutMs: 1000,
  idempotent: true,
  run: async (params: unknown) => params,
};

export interface TestApi {
  api: Api;
  db: SqlDatabase;
  store: EventStore;
  runner: ProjectionRunner;
  tools: ToolRegistry;
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
 * Starts the API on 127.0.0.1 (ephemeral port) over `db`, with its own event store instance and
 * projection runner. Several instances over one PostgreSQL database behave like several servers.
 */
export async function startTestApi(options: {
  db: SqlDatabase;
  production?: boolean;
  limits?: ApiLimits;
  /** The reasoning providers' configuration (default none: only the demo provider). */
  llm?: ReasoningProvidersConfig;
  /** What the integrations page reports as MCP servers (default none). */
  mcpServers?: McpServerStatusView[];
}): Promise<TestApi> {
  const { db } = options;
  const store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
  const runner = createProjectionRunner({ store, db, projections: allProjections, maxBatchMs: 5 });
  await runner.start();
  const tools = createToolRegistry([echoTool]);
  const agents = createAgentService({ store, toolNames: () => tools.describe().map((tool) => tool.name) });
  const runs = createRunService({ store, agents, tools, onRunnable: () => {} });
  const llm = options.llm ?? {};
  const providers = createReasoningProviders(llm);
  const api = await createApi({
    db,
    store,
    agents,
    runs,
    policies: createPolicyService({ store }),
    onRunnable: () => {},
    projections: runner,
    embedder: createHashingEmbedder(),
    tools,
    providers,
    integrations: createIntegrationsService({
      providers,
      tools,
      embedder: createHashingEmbedder(),
      llm: { openaiBaseUrl: llm.openaiBaseUrl, anthropicBaseUrl: llm.anthropicBaseUrl },
      smtp: { from: 'Tests <tests@spark-ops.local>' },
      mcpServers: options.mcpServers ?? [],
      testTimeoutMs: 5000,
    }),
    listOutbox: async () => ({ items: [], endCursor: null, hasNextPage: false }),
    auth: { secret: TEST_JWT_SECRET },
    production: options.production ?? false,
    logger: silentLogger,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const server = createHttpServer({ routes: api.routes, logger: silentLogger });
  api.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const tokens = new Map<Role, string>();
  return {
    api,
    db,
    store,
    runner,
    tools,
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
      server.closeAllConnections();
      await api.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.stop();
      await store.close();
      await tools.close();
    },
  };
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
 * Drives runs of `t` the way the scheduler would, with a scripted model (for every agent,
 * whatever its provider) instead of a real one. `drive(runId)` returns when the run waits or ends.
 */
export function createTestDriver(t: TestApi, script: FakeStep[]) {
  const fake = createFakeProvider(script);
  const driver = createRunDriver({
    store: t.store,
    providers: { get: () => fake, status: () => [] },
    tools: t.tools,
    embedder: createHashingEmbedder(),
    recallMemories: async () => [],
    loadPolicies: createPolicyLoader(t.store),
    approvals: { timeoutMs: 60_000 },
    logger: silentLogger,
    sleep: async () => undefined, // retries of failed LLM calls go at once
  });
  return {
    fake,
    drive: (runId: string) => driver.drive(runId, new AbortController().signal),
  };
}
