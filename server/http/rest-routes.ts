import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HitlStatus } from '../../projections/approvals/hitl-status.ts';
import { InvalidPageRequestError, MAX_PAGE_SIZE, type Page } from '../../projections/pagination.ts';
import type { RunFilter } from '../../projections/runs/queries.ts';
import type { AgentService } from '../application/agent-service.ts';
import { resolveApprovalRef } from '../application/approval-ref.ts';
import { ApplicationError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { Actor } from '../application/event-writer.ts';
import type { RunService } from '../application/run-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import {
  clientAddress,
  NO_TRUSTED_PROXIES,
  type TrustedProxies,
  userAgentOf,
} from '../auth/client-address.ts';
import { UnauthenticatedError } from '../auth/errors.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import { can, Permission, type Viewer } from '../auth/roles.ts';
import { formatApprovalRef } from '../engine/approval-id.ts';
import type { RunStatus } from '../engine/run-status.ts';
import { checkInput } from '../input-bounds.ts';
import type { Logger } from '../logger.ts';
import type { ReadSide } from '../read/read-side.ts';
import { runViewFromState, timesOfWrite } from '../read/state-views.ts';
import { readBody } from './fetch-route.ts';
import { type Route, sendJson } from './http-server.ts';
import { type DocumentedRoute, type OperationDoc, openApiDocument } from './openapi.ts';
import { restErrorBody } from './rest-errors.ts';
import {
  CancelRunBody,
  CreateAgentBody,
  DecisionBody,
  REST_RUN_STATUSES,
  RestAgentCreated,
  RestApprovalPage,
  RestDecision,
  RestError,
  RestRun,
  RestRunCreated,
  RestRunPage,
  restApproval,
  restRun,
  StartRunBody,
} from './rest-schemas.ts';

export interface RestDependencies {
  /** Every view a read route returns (server/read). */
  read: ReadSide;
  agents: AgentService;
  runs: RunService;
  auth: AuthService;
  rateLimiter: RateLimiter;
  logger: Logger;
  bodyLimitBytes: number;
  /** Whose X-Forwarded-For is believed for the client address the audit trail records. */
  trustedProxies?: TrustedProxies;
}

const STATUS_OF_CODE = { NOT_FOUND: 404, CONFLICT: 409, BAD_USER_INPUT: 400, FORBIDDEN: 403 } as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field at fault, exactly as the caller spelled it. */
    readonly field?: string,
  ) {
    super(message);
  }
}

type Handler = (ctx: {
  /** The viewer as the actor of a write, with the request's address and User-Agent (audit trail). */
  actor: Actor;
  viewer: Viewer;
  body: Record<string, unknown>;
  params: string[];
  query: URLSearchParams;
}) => Promise<[number, unknown]>;

interface Endpoint extends DocumentedRoute {
  permission: Permission;
  /** The query parameters the route reads; any other is refused (a typo never widens a list). */
  queryNames?: readonly string[];
  handle: Handler;
}

/** `/api/apa/runs/{id}/cancel` → a pattern capturing each `{name}`. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/\{\w+\}/g, '([^/]+)')}$`);

async function jsonBody(request: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const raw = await readBody(request, limit);
  if (raw === null) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${limit} bytes`);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_USER_INPUT', 'The body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'BAD_USER_INPUT', 'The body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function field<T>(body: Record<string, unknown>, name: string, check: (value: unknown) => value is T): T {
  const value = body[name];
  if (!check(value)) throw new InvalidInputError(name, `${name} is missing or has the wrong type`);
  return value;
}
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `limit`: 1 to MAX_PAGE_SIZE, default 20. */
function limitOf(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return 20;
  const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidInputError('limit', `limit is a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
}

function instantOf(query: URLSearchParams, name: string): Date | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const at = new Date(raw);
  if (!/^\d{4}-\d\d-\d\d/.test(raw) || Number.isNaN(at.getTime())) {
    throw new InvalidInputError(name, `${name} is an ISO-8601 date-time, e.g. 2026-01-31T12:00:00Z`);
  }
  return at;
}

/** `status=running,waiting_for_approval` or repeated `status=`; each a REST run status. */
function statusesOf(query: URLSearchParams): RunStatus[] | undefined {
  const values = query.getAll('status').flatMap((value) => value.split(','));
  if (values.length === 0) return undefined;
  for (const value of values) {
    if (!REST_RUN_STATUSES.includes(value)) {
      throw new InvalidInputError('status', `status is one of ${REST_RUN_STATUSES.join(', ')}`);
    }
  }
  return values.map((value) => value.toUpperCase() as RunStatus);
}

/** A read-side page, with a cursor the caller got wrong reported as the `cursor` parameter. */
async function paged<T>(
  query: URLSearchParams,
  read: (page: { first: number; after: string | null }) => Promise<Page<T>>,
) {
  const page = { first: limitOf(query), after: query.get('cursor') };
  try {
    return await read(page);
  } catch (error) {
    if (error instanceof InvalidPageRequestError) {
      throw new InvalidInputError('cursor', 'cursor is not a `next` value from this list', { cause: error });
    }
    throw error;
  }
}

const PAGE_QUERY = [
  {
    name: 'limit',
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 20)`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  },
  { name: 'cursor', description: 'The `next` of the previous page', schema: { type: 'string' } },
];

const notFound = { description: 'No such run', schema: RestError };

function endpoints(deps: RestDependencies): Endpoint[] {
  const decide =
    (approve: boolean): Handler =>
    async ({ actor, body, params }) => {
      // `<runId>:<approvalId>`, or a bare approval id with `run_id` in the body: the run is addressed
      // directly, never looked up in a read model.
      const id = params[0] as string;
      const named = body.run_id === undefined ? null : field(body, 'run_id', isString);
      const { runId, approvalId } = resolveApprovalRef(id, named, 'run_id');
      const comment = typeof body.comment === 'string' ? { comment: body.comment } : {};
      const edited = isObject(body.edited_params) ? { editedParams: body.edited_params } : {};
      const decision = approve
        ? { approve: true as const, ...comment, ...edited }
        : { approve: false as const, ...comment };
      await deps.runs.decide(runId, approvalId, decision, actor);
      const status = approve ? 'approved' : 'rejected';
      return [200, { id: formatApprovalRef(runId, approvalId), run_id: runId, status }];
    };
  const decisionDoc = (approve: boolean): OperationDoc => ({
    operationId: approve ? 'approveHitl' : 'rejectHitl',
    summary: approve
      ? 'Approve a pending tool call (optionally with edited parameters)'
      : 'Reject a pending tool call',
    permission: Permission.Approve,
    body: {
      schema: DecisionBody,
      example: approve ? { comment: 'Looks right' } : { comment: 'Not this one' },
    },
    responses: {
      200: { description: 'Decided', schema: RestDecision },
      404: { description: 'No such run or approval', schema: RestError },
      409: { description: 'Already decided, expired, or the run ended', schema: RestError },
    },
  });
  return [
    {
      method: 'POST',
      path: '/api/agents',
      authenticated: true,
      permission: Permission.Configure,
      doc: {
        operationId: 'createAgent',
        summary: 'Create an agent',
        permission: Permission.Configure,
        body: {
          schema: CreateAgentBody,
          example: {
            name: 'Triage',
            purpose: 'Sort tickets.',
            llm_provider: 'demo',
            llm_model: 'demo-1',
            tools: ['echo'],
          },
        },
        responses: { 201: { description: 'Created', schema: RestAgentCreated } },
      },
      handle: async ({ actor, body }) => {
        const provider = field(body, 'llm_provider', isString).toLowerCase();
        const input = {
          name: field(body, 'name', isString),
          purpose: field(body, 'purpose', isString),
          llm: { provider, model: field(body, 'llm_model', isString) },
          tools: field(body, 'tools', isStringList),
          systemPrompt: typeof body.system_prompt === 'string' ? body.system_prompt : '',
        };
        const { agent } = await deps.agents.create(input as never, actor);
        return [201, { id: agent.agentId, status: 'ready' }];
      },
    },
    {
      method: 'GET',
      path: '/api/apa/runs',
      authenticated: true,
      permission: Permission.Read,
      queryNames: ['status', 'agent_id', 'since', 'until', 'limit', 'cursor'],
      doc: {
        operationId: 'listRuns',
        summary: 'List runs, newest first',
        description: 'The filters of GraphQL `runs(filter:)`; page with `limit` and the `next` cursor.',
        permission: Permission.Read,
        query: [
          {
            name: 'status',
            description: 'Comma-separated (or repeated) statuses',
            schema: { type: 'string', examples: ['running,waiting_for_approval'] },
          },
          { name: 'agent_id', description: 'Runs of this agent', schema: { type: 'string' } },
          {
            name: 'since',
            description: 'Started at or after (ISO-8601)',
            schema: { type: 'string', format: 'date-time' },
          },
          {
            name: 'until',
            description: 'Started before (ISO-8601)',
            schema: { type: 'string', format: 'date-time' },
          },
          ...PAGE_QUERY,
        ],
        responses: { 200: { description: 'A page of runs', schema: RestRunPage } },
      },
      handle: async ({ query }) => {
        const status = statusesOf(query);
        const agentId = query.get('agent_id');
        const since = instantOf(query, 'since');
        const until = instantOf(query, 'until');
        const filter: RunFilter = {
          ...(status ? { status } : {}),
          ...(agentId !== null ? { agentId } : {}),
          ...(since ? { startedFrom: since } : {}),
          ...(until ? { startedBefore: until } : {}),
        };
        const page = await paged(query, (request) => deps.read.runs(filter, request));
        return [200, { runs: page.items.map(restRun), next: page.hasNextPage ? page.endCursor : null }];
      },
    },
    {
      method: 'POST',
      path: '/api/apa/runs',
      authenticated: true,
      permission: Permission.StartRun,
      doc: {
        operationId: 'startRun',
        summary: 'Start a run of an agent',
        permission: Permission.StartRun,
        body: {
          schema: StartRunBody,
          example: { agent_id: '<agent id>', inputs: { goal: 'Summarise open tickets' } },
        },
        responses: {
          201: { description: 'Started (queued for the scheduler)', schema: RestRunCreated },
          404: { description: 'No such agent', schema: RestError },
        },
      },
      handle: async ({ actor, body }) => {
        const inputs = field(body, 'inputs', isObject);
        if (!Object.values(inputs).every(isString))
          throw new InvalidInputError('inputs', 'inputs must hold strings');
        const result = await deps.runs.start(
          { agentId: field(body, 'agent_id', isString), inputs: inputs as Record<string, string> },
          actor,
        );
        const run = runViewFromState(result.state, result.runId, result.position, timesOfWrite(result.state));
        return [
          201,
          { run_id: run.id, status: run.status.toLowerCase(), created_at: run.startedAt.toISOString() },
        ];
      },
    },
    {
      method: 'GET',
      path: '/api/apa/runs/{id}',
      authenticated: true,
      permission: Permission.Read,
      doc: {
        operationId: 'getRun',
        summary: 'A run',
        permission: Permission.Read,
        responses: { 200: { description: 'The run', schema: RestRun }, 404: notFound },
      },
      handle: async ({ params }) => {
        const id = params[0] as string;
        const run = await deps.read.run(id);
        if (!run) throw new NotFoundError('Run', id);
        return [200, restRun(run)];
      },
    },
    {
      method: 'POST',
      path: '/api/apa/runs/{id}/cancel',
      authenticated: true,
      permission: Permission.OperateRun,
      doc: {
        operationId: 'cancelRun',
        summary: 'Cancel a run that has not ended',
        permission: Permission.OperateRun,
        body: { schema: CancelRunBody, example: { reason: 'Started by mistake' } },
        responses: {
          200: { description: 'The run, cancelled', schema: RestRun },
          404: notFound,
          409: { description: 'The run has already ended', schema: RestError },
        },
      },
      handle: async ({ actor, body, params }) => {
        const reason = body.reason === undefined ? undefined : field(body, 'reason', isString);
        const result = await deps.runs.cancel(params[0] as string, actor, reason);
        const run = runViewFromState(result.state, result.runId, result.position, timesOfWrite(result.state));
        return [200, restRun(run)];
      },
    },
    {
      method: 'GET',
      path: '/api/apa/hitl',
      authenticated: true,
      permission: Permission.Read,
      queryNames: ['run_id', 'agent_id', 'limit', 'cursor'],
      doc: {
        operationId: 'listPendingHitl',
        summary: 'Pending approvals (of runs that have not ended), newest first',
        permission: Permission.Read,
        query: [
          { name: 'run_id', description: 'Approvals of this run', schema: { type: 'string' } },
          { name: 'agent_id', description: 'Approvals of this agent’s runs', schema: { type: 'string' } },
          ...PAGE_QUERY,
        ],
        responses: { 200: { description: 'A page of pending approvals', schema: RestApprovalPage } },
      },
      handle: async ({ query }) => {
        const runId = query.get('run_id');
        const agentId = query.get('agent_id');
        const filter = {
          status: HitlStatus.Pending,
          ...(runId !== null ? { runId } : {}),
          ...(agentId !== null ? { agentId } : {}),
        };
        const page = await paged(query, (request) => deps.read.approvals(filter, request));
        const approvals = page.items.map((a) => restApproval(a, formatApprovalRef(a.runId, a.id)));
        return [200, { approvals, next: page.hasNextPage ? page.endCursor : null }];
      },
    },
    {
      method: 'POST',
      path: '/api/apa/hitl/{id}/approve',
      authenticated: true,
      permission: Permission.Approve,
      doc: decisionDoc(true),
      handle: decide(true),
    },
    {
      method: 'POST',
      path: '/api/apa/hitl/{id}/reject',
      authenticated: true,
      permission: Permission.Approve,
      doc: decisionDoc(false),
      handle: decide(false),
    },
  ];
}

/** The document route's own entry: open, so an integrator can read how to authenticate. */
const OPENAPI_ROUTE: DocumentedRoute = {
  method: 'GET',
  path: '/api/openapi.json',
  authenticated: false,
  doc: {
    operationId: 'openApiDocument',
    summary: 'This document (OpenAPI 3.1)',
    permission: null,
    responses: { 200: { description: 'The document', schema: z.record(z.string(), z.unknown()) } },
  },
};

/** Every REST route as documented: the OpenAPI document is printed from this list. */
export function restRouteTable(deps: RestDependencies): DocumentedRoute[] {
  return [...endpoints(deps), OPENAPI_ROUTE];
}

function sendError(response: ServerResponse, error: unknown, logger: Logger): void {
  if (error instanceof HttpError) {
    const field = error.field === undefined ? {} : { field: error.field };
    sendJson(response, error.status, { error: error.code, message: error.message, ...field });
  } else if (error instanceof UnauthenticatedError) {
    sendJson(response, 401, { error: error.code, message: error.message });
  } else if (error instanceof ApplicationError) {
    sendJson(response, STATUS_OF_CODE[error.code], restErrorBody(error));
  } else {
    logger.error('REST request failed', { error });
    sendJson(response, 500, { error: 'INTERNAL', message: 'Unexpected error' });
  }
}

/** The REST routes: same auth, same permissions, same services as GraphQL; documented at /api/openapi.json. */
export function createRestRoutes(deps: RestDependencies): Route {
  const table = endpoints(deps).map((endpoint) => ({ ...endpoint, pattern: patternOf(endpoint.path) }));
  const document = JSON.stringify(openApiDocument(restRouteTable(deps), '1'));
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (request.method === 'GET' && path === OPENAPI_ROUTE.path) {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(document);
      return true;
    }
    const endpoint = table.find((e) => e.method === request.method && e.pattern.test(path));
    if (!endpoint) return false;
    try {
      const viewer = await deps.auth.authenticate(request.headers.authorization);
      if (!viewer) throw new UnauthenticatedError();
      if (!deps.rateLimiter.take(`viewer:${viewer.id}`))
        throw new HttpError(429, 'RATE_LIMITED', 'Too many requests');
      if (!can(viewer.role, endpoint.permission)) {
        throw new HttpError(403, 'FORBIDDEN', `The ${viewer.role} role may not do this`);
      }
      // The HTTP server already refused paths that do not percent-decode (400).
      const params = (endpoint.pattern.exec(path) ?? []).slice(1).map(decodeURIComponent);
      const query = url.searchParams;
      for (const name of query.keys()) {
        if (!endpoint.queryNames?.includes(name)) {
          const message = `${name} is not a parameter of ${endpoint.method} ${endpoint.path}`;
          throw new HttpError(400, 'BAD_USER_INPUT', message, name);
        }
      }
      const body = endpoint.method === 'POST' ? await jsonBody(request, deps.bodyLimitBytes) : {};
      // The same table of limits and text rule as GraphQL's arguments (BAD_USER_INPUT naming the field).
      for (const id of params) checkInput({ id });
      checkInput(Object.fromEntries(query));
      checkInput(body);
      const actor: Actor = {
        id: viewer.id,
        email: viewer.email,
        clientAddress: clientAddress(
          request.socket.remoteAddress,
          request.headers['x-forwarded-for'],
          deps.trustedProxies ?? NO_TRUSTED_PROXIES,
        ),
        userAgent: userAgentOf(request.headers['user-agent']),
      };
      const [status, result] = await endpoint.handle({ actor, viewer, body, params, query });
      sendJson(response, status, result);
    } catch (error) {
      sendError(response, error, deps.logger);
    }
    return true;
  };
}
