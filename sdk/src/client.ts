// The Spark-Ops client: typed calls over GraphQL (HTTP for queries and mutations, graphql-ws for
// live streams) with the documents of ./documents.ts, typed by graphql-codegen from the server's
// schema. Live streams survive a dropped connection: the client reconnects and resumes where the
// stream stopped (by cursor for run events), so the caller sees no gap and no duplicate.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import {
  ApprovalsRequested,
  Approve,
  CancelRun,
  CreateAgent,
  GetAgent,
  GetRun,
  ListAgents,
  ListApprovals,
  ListRuns,
  Reject,
  RunEvents,
  RunSteps,
  RunUpdated,
  StartRun,
} from './documents.ts';
import type {
  AgentStatus,
  CreateAgentInput,
  RunStatus,
  SdkAgentFragment,
  SdkApprovalFragment,
  SdkRunEventsSubscription,
  SdkRunFragment,
  SdkRunStepsQuery,
} from './gql/graphql.ts';

export type Agent = SdkAgentFragment;
export type Run = SdkRunFragment;
export type Approval = SdkApprovalFragment;
export type RunEvent = SdkRunEventsSubscription['runEvents'];
export type RunStep = NonNullable<SdkRunStepsQuery['run']>['steps']['edges'][number]['node'];
export type { AgentStatus, CreateAgentInput, RunStatus };

/** One page of a list; pass `next` as `after` for the following page (null on the last). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A GraphQL error of the server: `code` is its `extensions.code` (BAD_USER_INPUT, FORBIDDEN, …). */
export class SparkOpsError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** For BAD_USER_INPUT: the argument at fault. */
    readonly field: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SparkOpsError';
  }
}

export interface SparkOpsClientOptions {
  /** The server's base URL, e.g. `http://localhost:8000`. */
  url: string;
  /** An API token (`spk_…`) or session token, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** WebSocket constructor for live streams; default the global one, else the `ws` package. */
  webSocketImpl?: unknown;
  /** Live streams: reconnect attempts in a row before giving up (default 10), and the first delay. */
  reconnect?: { attempts?: number; delayMs?: number };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Close codes after which reconnecting cannot help: bad or revoked token, forbidden. */
const FATAL_CLOSE_CODES = new Set([4401, 4403, 4400, 4500]);

function errorOf(errors: NonNullable<GraphQLResponse<unknown>['errors']>, status: number | null) {
  const [first] = errors;
  return new SparkOpsError(
    first?.message ?? 'GraphQL error',
    first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    first?.extensions?.field ?? null,
    status,
  );
}

const isCloseEvent = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';

/** How long a resubscription takes to reach the server's live feed, at most (a few round trips). */
const SUBSCRIBE_SETTLE_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates a client. Queries and mutations go over HTTP POST /graphql; live streams share one
 * graphql-ws connection, opened on first use. `close()` ends the live streams.
 */
export function createSparkOpsClient(options: SparkOpsClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  const httpUrl = `${base}/graphql`;
  const wsUrl = httpUrl.replace(/^http/, 'ws');
  const authorization = `Bearer ${options.token}`;
  const attempts = options.reconnect?.attempts ?? 10;
  const firstDelay = options.reconnect?.delayMs ?? 200;
  let ws: WsClient | null = null;
  let closed = false;
  // Whether the live connection is acknowledged, and who waits for that.
  let connected = false;
  let waitingForConnection: Array<() => void> = [];
  const whenConnected = () =>
    connected ? Promise.resolve() : new Promise<void>((resolve) => waitingForConnection.push(resolve));

  async function request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as GraphQLResponse<R>;
    if (body.errors?.length) throw errorOf(body.errors, response.status);
    if (!body.data) throw new SparkOpsError(`HTTP ${response.status} without data`, 'INTERNAL_SERVER_ERROR');
    return body.data;
  }

  async function webSocket(): Promise<WsClient> {
    if (ws) return ws;
    const impl = options.webSocketImpl ?? globalThis.WebSocket ?? (await import('ws')).WebSocket;
    ws = createWsClient({
      url: wsUrl,
      webSocketImpl: impl,
      connectionParams: { authorization },
      lazy: true,
      // Reconnecting is the stream's job (below): it resubscribes with the cursor it reached, where
      // graphql-ws would repeat the first subscription's variables.
      retryAttempts: 0,
      on: {
        connected: () => {
          connected = true;
          for (const resolve of waitingForConnection) resolve();
          waitingForConnection = [];
        },
        closed: () => {
          connected = false;
        },
      },
    });
    return ws;
  }

  /**
   * A live stream that resumes: `subscribe(cursor)` opens it from a cursor, `advance` takes the
   * cursor past an item and says whether the item is new. On a dropped connection it waits, opens
   * a new one and resubscribes from the cursor, `attempts` times in a row at most.
   */
  async function* resuming<T, C>(
    subscribe: (cursor: C) => Promise<AsyncIterableIterator<T>>,
    initial: C,
    advance: (cursor: C, item: T) => { cursor: C; fresh: boolean },
    onReconnect?: (cursor: C) => AsyncIterable<T>,
  ): AsyncGenerator<T> {
    let cursor = initial;
    let failures = 0;
    let reconnected = false;
    while (!closed) {
      try {
        // Subscribed first, then what was missed: whatever arrives meanwhile waits in the stream.
        const stream = await subscribe(cursor);
        if (reconnected && onReconnect) {
          // A stream without a cursor is caught up once its new subscription is (very likely) in
          // place on the server: the connection acknowledged, plus a moment for the subscribe
          // message; what arrives both ways is delivered once.
          await whenConnected();
          await sleep(SUBSCRIBE_SETTLE_MS);
          for await (const item of onReconnect(cursor)) {
            const step = advance(cursor, item);
            cursor = step.cursor;
            if (step.fresh) yield item;
          }
        }
        for await (const item of stream) {
          failures = 0;
          const step = advance(cursor, item);
          cursor = step.cursor;
          if (step.fresh) yield item;
        }
        return;
      } catch (error) {
        const fatal =
          error instanceof SparkOpsError || (isCloseEvent(error) && FATAL_CLOSE_CODES.has(error.code));
        if (closed) return;
        if (fatal || ++failures > attempts) {
          if (isCloseEvent(error)) {
            throw new SparkOpsError(`Connection closed: ${error.code} ${error.reason}`, 'CONNECTION_CLOSED');
          }
          throw error;
        }
        await sleep(Math.min(firstDelay * 2 ** (failures - 1), 5000));
        reconnected = true;
      }
    }
  }

  /** One subscription's data, or a SparkOpsError for its GraphQL errors. */
  async function subscription<R, V>(document: TypedDocumentNode<R, V>, variables: V) {
    const client = await webSocket();
    const results = client.iterate<R>({
      query: print(document),
      variables: variables as Record<string, unknown>,
    });
    return (async function* () {
      for await (const result of results) {
        if (result.errors?.length) throw errorOf(result.errors as never, null);
        if (result.data) yield result.data;
      }
    })();
  }

  const nodes = <T>(connection: {
    edges: { node: T }[];
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  }): Page<T> => ({
    items: connection.edges.map((edge) => edge.node),
    next: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null,
  });

  /** Remembers the ids of the last items seen, to drop one a reconnect delivers again. */
  const recentIds = (size = 1000) => {
    const ids = new Set<string>();
    return (id: string) => {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > size) ids.delete(ids.values().next().value as string);
      return true;
    };
  };

  return {
    agents: {
      async list(
        args: { first?: number; after?: string | null; status?: AgentStatus } = {},
      ): Promise<Page<Agent>> {
        return nodes((await request(ListAgents, args)).agents);
      },
      async get(id: string): Promise<Agent | null> {
        return (await request(GetAgent, { id })).agent ?? null;
      },
      async create(input: CreateAgentInput): Promise<Agent> {
        return (await request(CreateAgent, { input })).createAgent;
      },
    },
    runs: {
      /** Starts a run; `inputs.goal` is required, every input is a string. */
      async start(agentId: string, inputs: { goal: string } & Record<string, string>): Promise<Run> {
        return (await request(StartRun, { input: { agentId, inputs } })).startRun;
      },
      async get(id: string): Promise<Run | null> {
        return (await request(GetRun, { id })).run ?? null;
      },
      async list(
        args: {
          first?: number;
          after?: string | null;
          status?: RunStatus[];
          agentId?: string;
          startedFrom?: string;
          startedBefore?: string;
        } = {},
      ): Promise<Page<Run>> {
        const { first, after, ...filter } = args;
        return nodes((await request(ListRuns, { first, after, filter })).runs);
      },
      async cancel(id: string, reason?: string): Promise<Run> {
        return (await request(CancelRun, { id, reason })).cancelRun;
      },
      async steps(id: string, args: { first?: number; after?: string | null } = {}): Promise<Page<RunStep>> {
        const { run } = await request(RunSteps, { id, ...args });
        if (!run) throw new SparkOpsError(`Run ${id} does not exist`, 'NOT_FOUND');
        return nodes(run.steps);
      },
      /**
       * Every event of the run after `after` (a position; default from the start): history, then
       * live. After a dropped connection it resumes from the last event it delivered.
       */
      events(runId: string, args: { after?: string | null } = {}): AsyncGenerator<RunEvent> {
        const fresh = recentIds();
        return resuming(
          async (after) => {
            const stream = await subscription(RunEvents, { runId, after });
            return (async function* () {
              for await (const data of stream) yield data.runEvents;
            })();
          },
          args.after ?? null,
          (_cursor, event) => ({ cursor: event.position, fresh: fresh(event.id) }),
        );
      },
      /** The run now, then after each of its events; resumes with the run as it is after a drop. */
      updates(runId: string): AsyncGenerator<Run> {
        return resuming(
          async () => {
            const stream = await subscription(RunUpdated, { runId });
            return (async function* () {
              for await (const data of stream) yield data.runUpdated;
            })();
          },
          -1,
          // Only newer states of the run: a reconnect's first answer may be one already seen.
          (revision, run) => ({
            cursor: Math.max(revision, run.lastRevision),
            fresh: run.lastRevision > revision,
          }),
        );
      },
    },
    approvals: {
      async listPending(
        args: { first?: number; after?: string | null; runId?: string; agentId?: string } = {},
      ): Promise<Page<Approval>> {
        return nodes((await request(ListApprovals, { ...args, status: 'PENDING' })).hitlRequests);
      },
      async approve(
        id: string,
        args: { comment?: string; editedParams?: Record<string, unknown> } = {},
      ): Promise<Approval> {
        return (await request(Approve, { id, ...args })).approveHitlRequest;
      },
      async reject(id: string, args: { comment?: string } = {}): Promise<Approval> {
        return (await request(Reject, { id, ...args })).rejectHitlRequest;
      },
      /**
       * Each new approval request, live. After a dropped connection the requests made meanwhile are
       * fetched (pending ones) before live ones continue; none is delivered twice.
       */
      requested(): AsyncGenerator<Approval> {
        const fresh = recentIds();
        const startedAt = new Date().toISOString();
        return resuming(
          async () => {
            const stream = await subscription(ApprovalsRequested, {});
            return (async function* () {
              for await (const data of stream) yield data.hitlRequested;
            })();
          },
          startedAt,
          (since, approval) => ({
            // biome-ignore lint/complexity/useMathMinMax: ISO-8601 strings, the later one by text order
            cursor: approval.requestedAt > since ? approval.requestedAt : since,
            fresh: fresh(approval.id),
          }),
          async function* missed(since) {
            const { hitlRequests } = await request(ListApprovals, { status: 'PENDING', first: 200 });
            const pending = hitlRequests.edges.map((edge) => edge.node).filter((a) => a.requestedAt >= since);
            // Oldest first, as they would have arrived.
            yield* pending.reverse();
          },
        );
      },
    },
    /** Ends the live streams and their connection. */
    async close(): Promise<void> {
      closed = true;
      await ws?.dispose();
      ws = null;
    },
  };
}

export type SparkOpsClient = ReturnType<typeof createSparkOpsClient>;
