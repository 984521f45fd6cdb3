import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunView } from '../../projections/runs/queries.ts';
import type { AgentService } from '../application/agent-service.ts';
import { resolveApprovalRef } from '../application/approval-ref.ts';
import { ApplicationError, InvalidInputError, NotFoundError } from '../application/errors.ts';
import type { RunService } from '../application/run-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { UnauthenticatedError } from '../auth/errors.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import { can, Permission, type Viewer } from '../auth/roles.ts';
import { formatApprovalRef } from '../engine/approval-id.ts';
import { checkInput } from '../input-bounds.ts';
import type { Logger } from '../logger.ts';
import type { ReadSide } from '../read/read-side.ts';
import { runViewFromState, timesOfWrite } from '../read/state-views.ts';
import { readBody } from './fetch-route.ts';
import { type Route, sendJson } from './http-server.ts';

export interface RestDependencies {
  /** Every view a read route returns (server/read). */
  read: ReadSide;
  agents: AgentService;
  runs: RunService;
  auth: AuthService;
  rateLimiter: RateLimiter;
  logger: Logger;
  bodyLimitBytes: number;
}

const STATUS_OF_CODE = { NOT_FOUND: 404, CONFLICT: 409, BAD_USER_INPUT: 400, FORBIDDEN: 403 } as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (ctx: {
  viewer: Viewer;
  body: Record<string, unknown>;
  params: string[];
}) => Promise<[number, unknown]>;

interface Endpoint {
  method: string;
  pattern: RegExp;
  permission: Permission;
  handle: Handler;
}

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

function restRun(run: RunView) {
  return {
    run_id: run.id,
    agent_id: run.agentId,
    status: run.status.toLowerCase(),
    goal: run.goal,
    steps: run.steps,
    input_tokens: run.inputTokens,
    output_tokens: run.outputTokens,
    cost_usd: run.costUsd,
    output: run.output,
    error: run.error,
    created_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

function endpoints(deps: RestDependencies): Endpoint[] {
  const actor = (viewer: Viewer) => ({ id: viewer.id });
  const decide =
    (approve: boolean): Handler =>
    async ({ viewer, body, params }) => {
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
      await deps.runs.decide(runId, approvalId, decision, actor(viewer));
      const status = approve ? 'approved' : 'rejected';
      return [200, { id: formatApprovalRef(runId, approvalId), run_id: runId, status }];
    };
  return [
    {
      method: 'POST',
      pattern: /^\/api\/agents$/,
      permission: Permission.Configure,
      handle: async ({ viewer, body }) => {
        const provider = field(body, 'llm_provider', isString).toLowerCase();
        const input = {
          name: field(body, 'name', isString),
          purpose: field(body, 'purpose', isString),
          llm: { provider, model: field(body, 'llm_model', isString) },
          tools: field(body, 'tools', isStringList),
          systemPrompt: typeof body.system_prompt === 'string' ? body.system_prompt : '',
        };
        const { agent } = await deps.agents.create(input as never, actor(viewer));
        return [201, { id: agent.agentId, status: 'ready' }];
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/apa\/runs$/,
      permission: Permission.StartRun,
      handle: async ({ viewer, body }) => {
        const inputs = field(body, 'inputs', isObject);
        if (!Object.values(inputs).every(isString))
          throw new InvalidInputError('inputs', 'inputs must hold strings');
        const result = await deps.runs.start(
          { agentId: field(body, 'agent_id', isString), inputs: inputs as Record<string, string> },
          actor(viewer),
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
      pattern: /^\/api\/apa\/runs\/([^/]+)$/,
      permission: Permission.Read,
      handle: async ({ params }) => {
        const id = params[0] as string;
        const run = await deps.read.run(id);
        if (!run) throw new NotFoundError('Run', id);
        return [200, restRun(run)];
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/apa\/hitl\/([^/]+)\/approve$/,
      permission: Permission.Approve,
      handle: decide(true),
    },
    {
      method: 'POST',
      pattern: /^\/api\/apa\/hitl\/([^/]+)\/reject$/,
      permission: Permission.Approve,
      handle: decide(false),
    },
  ];
}

function sendError(response: ServerResponse, error: unknown, logger: Logger): void {
  if (error instanceof HttpError) {
    sendJson(response, error.status, { error: error.code, message: error.message });
  } else if (error instanceof UnauthenticatedError) {
    sendJson(response, 401, { error: error.code, message: error.message });
  } else if (error instanceof ApplicationError) {
    const body = {
      error: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    };
    sendJson(response, STATUS_OF_CODE[error.code], body);
  } else {
    logger.error('REST request failed', { error });
    sendJson(response, 500, { error: 'INTERNAL', message: 'Unexpected error' });
  }
}

/** The REST compatibility routes of §7: same auth, same permissions, same services as GraphQL. */
export function createRestRoutes(deps: RestDependencies): Route {
  const table = endpoints(deps);
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
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
      const body = endpoint.method === 'POST' ? await jsonBody(request, deps.bodyLimitBytes) : {};
      // The same table of limits and text rule as GraphQL's arguments (BAD_USER_INPUT naming the field).
      for (const id of params) checkInput({ id });
      checkInput(body);
      const [status, result] = await endpoint.handle({ viewer, body, params });
      sendJson(response, status, result);
    } catch (error) {
      sendError(response, error, deps.logger);
    }
    return true;
  };
}
