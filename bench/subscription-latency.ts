// Live latency from append to message received, p50/p99, for 1, 100 and 1000 subscribers on one
// server process: graphql-ws clients of `runEvents` vs a plain `ws` broadcast of the same events
// (the baseline, fed by the same live tail). Clients run in a child process (same machine clock:
// performance.timeOrigin + now()). One JSON line per figure. SUB_COUNTS, SUB_EVENTS, SUB_RATE tune it.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { runStream } from '../schema/events/index.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import { startTestApi } from '../server/graphql/api-testkit.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';
import { envNumber, percentile, report } from './bench-kit.ts';

const now = () => performance.timeOrigin + performance.now();
const QUERY =
  'subscription($runId: ID!, $after: String) { runEvents(runId: $runId, after: $after) { position type data } }';

type ToClient =
  | {
      cmd: 'connect';
      mode: 'graphql-ws' | 'ws';
      url: string;
      n: number;
      token: string;
      runId: string;
      after: string;
    }
  | { cmd: 'report'; expected: number };
type FromClient = { type: 'ready' } | { type: 'report'; latencies: number[]; received: number };

function stampOf(data: unknown): number | null {
  const message = (data as { error?: { message?: string } })?.error?.message ?? '';
  return message.startsWith('t=') ? Number(message.slice(2)) : null;
}

/** The child: opens N sockets, records receive time minus append time for every stamped event. */
async function clients(): Promise<void> {
  const latencies: number[] = [];
  const sockets: WebSocket[] = [];
  const record = (data: unknown) => {
    const stamp = stampOf(data);
    if (stamp !== null) latencies.push(now() - stamp);
  };
  const open = (message: Extract<ToClient, { cmd: 'connect' }>) =>
    new Promise<void>((resolve, reject) => {
      const graphql = message.mode === 'graphql-ws';
      const socket = graphql
        ? new WebSocket(message.url, 'graphql-transport-ws')
        : new WebSocket(message.url);
      sockets.push(socket);
      socket.on('error', reject);
      socket.on('open', () => {
        if (!graphql) return resolve();
        socket.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${message.token}` } }),
        );
      });
      socket.on('message', (raw) => {
        const parsed = JSON.parse(String(raw));
        if (!graphql) return record(parsed.data);
        if (parsed.type === 'connection_ack') {
          socket.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query: QUERY, variables: { runId: message.runId, after: message.after } },
            }),
          );
          setTimeout(resolve, 20);
        } else if (parsed.type === 'next') record(parsed.payload.data.runEvents.data);
        else if (parsed.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      });
    });
  process.on('message', async (message: ToClient) => {
    if (message.cmd === 'connect') {
      for (let i = 0; i < message.n; i += 100) {
        await Promise.all(Array.from({ length: Math.min(100, message.n - i) }, () => open(message)));
      }
      process.send?.({ type: 'ready' } satisfies FromClient);
    } else {
      const deadline = Date.now() + 30_000;
      while (latencies.length < message.expected && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      for (const socket of sockets) socket.terminate();
      // Exit only once the (large) report is flushed to the parent.
      process.send?.({ type: 'report', latencies, received: latencies.length } satisfies FromClient, () =>
        process.exit(0),
      );
    }
  });
}

function child(message: ToClient): Promise<{ latencies: number[]; received: number }> {
  const worker = fork(fileURLToPath(import.meta.url), ['clients'], { execArgv: ['--import', 'tsx'] });
  const next = () =>
    new Promise<FromClient>((resolve) => worker.once('message', (m) => resolve(m as FromClient)));
  return (async () => {
    const ready = next();
    worker.send(message);
    await ready;
    return { latencies: [], received: 0, worker, next } as never;
  })();
}

async function measure(
  mode: 'graphql-ws' | 'ws',
  n: number,
  ctx: { url: string; wsUrl: string; token: string; runId: string; append(): Promise<void>; last(): string },
) {
  const events = envNumber('SUB_EVENTS', 100);
  const rate = envNumber('SUB_RATE', 20);
  const url = mode === 'ws' ? ctx.url.replace('http', 'ws').replace(/\/?$/, '/baseline') : ctx.wsUrl;
  const handle = (await child({
    cmd: 'connect',
    mode,
    url,
    n,
    token: ctx.token,
    runId: ctx.runId,
    after: ctx.last(),
  })) as unknown as {
    worker: ReturnType<typeof fork>;
    next(): Promise<FromClient>;
  };
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await ctx.append();
  }
  const done = handle.next();
  handle.worker.send({ cmd: 'report', expected: events * n } satisfies ToClient);
  const result = (await done) as Extract<FromClient, { type: 'report' }>;
  return {
    p50_ms: percentile(result.latencies, 50),
    p99_ms: percentile(result.latencies, 99),
    max_ms: percentile(result.latencies, 100),
    delivered: result.received,
    expected: events * n,
    events,
    rate_per_s: rate,
  };
}

async function main(): Promise<void> {
  const target = await createTestPglite();
  const t = await startTestApi({ db: target.db, limits: { rate: { capacity: 1e6, refillPerSecond: 1e6 } } });
  const token = await t.tokenFor('operator');
  const admin = await t.tokenFor('admin');
  const agent = await t.gql(
    'mutation { createAgent(input: { name: "b", purpose: "b", llmProvider: DEMO, llmModel: "m", tools: [], systemPrompt: "" }) { id } }',
    {},
    { token: admin },
  );
  const agentId = (agent.body.data!.createAgent as { id: string }).id;
  const run = await t.gql(
    'mutation($a: ID!) { startRun(input: { agentId: $a, inputs: { goal: "g" } }) { id } }',
    { a: agentId },
    { token: admin },
  );
  const runId = (run.body.data!.startRun as { id: string }).id;
  // The baseline: a plain ws server on the same process, fed by the same live tail, one JSON.stringify per event.
  const baseline = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/baseline' });
  await new Promise((resolve) => baseline.once('listening', resolve));
  t.api.hub.observe((event) => {
    if (event.stream !== runStream(runId)) return;
    const frame = JSON.stringify({ position: event.position, type: event.type, data: event.data });
    for (const socket of baseline.clients) socket.send(frame);
  });
  const baselineUrl = `http://127.0.0.1:${(baseline.address() as { port: number }).port}`;
  let attempt = 0;
  let last = '';
  const append = async () => {
    attempt++;
    const data = { step: 1, error: { message: `t=${now()}` }, retryable: true, attempt };
    last = (await t.store.append(runStream(runId), [{ id: newEventId(), type: 'ReasoningFailed', data }]))
      .position;
  };
  const counts = (process.env.SUB_COUNTS ?? '1,100,1000').split(',').map(Number);
  for (const n of counts) {
    const graphql = await measure('graphql-ws', n, {
      url: t.url,
      wsUrl: t.wsUrl,
      token,
      runId,
      append,
      last: () => last,
    });
    report({ bench: 'subscription-latency', transport: 'graphql-ws', subscribers: n, ...graphql });
    const plain = await measure('ws', n, {
      url: baselineUrl,
      wsUrl: t.wsUrl,
      token,
      runId,
      append,
      last: () => last,
    });
    report({ bench: 'subscription-latency', transport: 'ws-broadcast', subscribers: n, ...plain });
    report({
      bench: 'subscription-latency',
      figure: 'ratio graphql-ws / ws-broadcast',
      subscribers: n,
      p50_ratio: Number((graphql.p50_ms / plain.p50_ms).toFixed(2)),
      p99_ratio: Number((graphql.p99_ms / plain.p99_ms).toFixed(2)),
    });
  }
  baseline.close();
  await t.close();
  await target.drop();
}

if (process.argv[2] === 'clients') await clients();
else await main();
