// What the chaos tests and the soak do against a cluster, as a client would: GraphQL over HTTP through
// nginx, and graphql-ws subscriptions to a run's events that check their own sequence.
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
    this.name = 'GraphqlError';
  }
}

/** A GraphQL request; throws GraphqlError with the error codes when the answer has errors. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new GraphqlError(`HTTP ${response.status}: ${text.slice(0, 300)}`, [`HTTP_${response.status}`]);
  }
  if (body.errors?.length)
    throw new GraphqlError(
      `GraphQL: ${body.errors.map((e) => e.message).join('; ')}`,
      body.errors.map((e) => e.extensions?.code ?? 'UNKNOWN'),
    );
  return body.data as T;
}

/** Redeems the first admin's one-time link for a session token. */
export async function adminToken(url: string, linkToken: string): Promise<string> {
  const data = await gql<{ loginWithLink: { token: string } }>(
    url,
    null,
    'mutation($token: String!) { loginWithLink(token: $token) { token } }',
    { token: linkToken },
  );
  return data.loginWithLink.token;
}

/** An API token with the OPERATOR role: each is its own viewer (and rate-limit bucket). */
export async function operatorToken(url: string, admin: string, name: string): Promise<string> {
  const data = await gql<{ createApiToken: { token: string } }>(
    url,
    admin,
    'mutation($name: String!) { createApiToken(name: $name, role: OPERATOR) { token } }',
    { name },
  );
  return data.createApiToken.token;
}

/** An agent on the OpenAI provider (OPENAI_BASE_URL: a fake model) that may use run_sql. */
export async function createSqlAgent(url: string, token: string, name: string): Promise<string> {
  const data = await gql<{ createAgent: { id: string } }>(
    url,
    token,
    `mutation($input: CreateAgentInput!) { createAgent(input: $input) { id } }`,
    {
      input: {
        name,
        purpose: 'Counts events, for the chaos tests and the soak',
        llmProvider: 'OPENAI',
        llmModel: 'gpt-4o-mini',
        tools: ['run_sql'],
        budget: { maxSteps: 50 },
      },
    },
  );
  return data.createAgent.id;
}

export async function startRun(url: string, token: string, agentId: string, goal: string): Promise<string> {
  const data = await gql<{ startRun: { id: string } }>(
    url,
    token,
    'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
    { input: { agentId, inputs: { goal } } },
  );
  return data.startRun.id;
}

/**
 * A graphql-ws client through `url` (http → ws). It does not retry by itself: graphql-ws would
 * subscribe again with the first variables, from the start; `watchRun` resumes from its cursor.
 */
export function subscriptionClient(url: string, token: string): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: 0,
  });
}

export interface SeenEvent {
  revision: number;
  type: string;
  position: string;
  recordedAt: string;
  /** Date.now() when it arrived here. */
  at: number;
}

export interface RunWatch {
  runId: string;
  events: SeenEvent[];
  /** Revisions that arrived twice, and revisions skipped (a later one came first). */
  duplicates: number;
  gaps: number;
  /** Times the subscription was started again after the socket dropped (each resumed by cursor). */
  resumes: number;
  /** Resolves when the run's last event (RunCompleted, RunFailed, RunCancelled) arrived. */
  ended: Promise<SeenEvent>;
  stop(): void;
}

const RUN_EVENTS = `subscription($runId: ID!, $after: String) {
  runEvents(runId: $runId, after: $after) { revision type position recordedAt }
}`;
const TERMINAL = new Set(['RunCompleted', 'RunFailed', 'RunCancelled']);

/**
 * Follows one run's events: history, then live. When the socket drops, graphql-ws reconnects and the
 * subscription starts again after the last position seen (the cursor), as the console does; every
 * revision must then arrive exactly once, in order.
 */
export function watchRun(client: Client, runId: string, onEvent?: (event: SeenEvent) => void): RunWatch {
  let finish: (event: SeenEvent) => void = () => {};
  const ended = new Promise<SeenEvent>((resolve) => {
    finish = resolve;
  });
  const watch: RunWatch = { runId, events: [], duplicates: 0, gaps: 0, resumes: 0, ended, stop: () => {} };
  let stopped = false;
  let dispose: () => void = () => {};
  const subscribe = () => {
    const last = watch.events.at(-1);
    dispose = client.subscribe<{ runEvents: Omit<SeenEvent, 'at'> }>(
      { query: RUN_EVENTS, variables: { runId, after: last?.position ?? null } },
      {
        next: (result) => {
          const event = result.data?.runEvents;
          if (!event) return;
          const seen = { ...event, at: Date.now() };
          const expected = (watch.events.at(-1)?.revision ?? -1) + 1;
          if (seen.revision < expected) watch.duplicates++;
          else {
            if (seen.revision > expected) watch.gaps += seen.revision - expected;
            watch.events.push(seen);
            onEvent?.(seen);
            if (TERMINAL.has(seen.type)) finish(seen);
          }
        },
        // The socket closed under it (an api process died): resume after the last event seen.
        error: () => {
          if (stopped) return;
          watch.resumes++;
          setTimeout(subscribe, Math.min(2000, 100 * 2 ** Math.min(5, watch.resumes)));
        },
        complete: () => {
          if (stopped || TERMINAL.has(watch.events.at(-1)?.type ?? '')) return;
          watch.resumes++;
          setTimeout(subscribe, 100);
        },
      },
    );
  };
  subscribe();
  watch.stop = () => {
    stopped = true;
    dispose();
  };
  return watch;
}
