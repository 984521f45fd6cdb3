// The SDK against a real server (the platform over PGlite, from the API test kit): typed calls, and
// live streams that survive a killed websocket — the client reconnects and resumes by cursor, and
// the caller sees every event exactly once, including those appended while it was disconnected.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { WebSocket } from 'ws';
import { runStream } from '../schema/events/index.ts';
import { appendApprovalRequest, startTestApi, type TestApi } from '../server/graphql/api-testkit.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';
import {
  createSparkOpsClient,
  type Run,
  type RunEvent,
  type SparkOpsClient,
  SparkOpsError,
} from './src/index.ts';

/** Every websocket the client opens, so a test can kill the current one like a dropped network. */
function trackedWebSocket() {
  const sockets: WebSocket[] = [];
  class Tracked extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
  }
  return { sockets, Tracked };
}

/** The next `count` items of an iterator, each within `ms`. */
async function take<T>(iterator: AsyncIterator<T>, count: number, ms = 10_000): Promise<T[]> {
  const items: T[] = [];
  for (let i = 0; i < count; i++) {
    const next = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`item ${i + 1} of ${count} not within ${ms} ms`)), ms),
      ),
    ]);
    assert.ok(!next.done, 'the stream ended early');
    items.push(next.value);
  }
  return items;
}

const approvalId = (n: number) => `01930000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('@spark-ops/sdk against a real server', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let client: SparkOpsClient;
  const ws = trackedWebSocket();
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({ db: target.db });
    client = createSparkOpsClient({
      url: t.url,
      token: await t.tokenFor('admin'),
      webSocketImpl: ws.Tracked,
      reconnect: { delayMs: 20 },
    });
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
    await drop?.();
  });

  it('creates, lists and reads agents and runs; lists and decides approvals; cancels', async () => {
    const agent = await client.agents.create({
      name: 'Typed',
      purpose: 'Typed calls',
      llmProvider: 'DEMO',
      llmModel: 'demo',
      tools: ['echo'],
    });
    assert.equal((await client.agents.get(agent.id))?.name, 'Typed');
    const first = await client.runs.start(agent.id, { goal: 'one' });
    const second = await client.runs.start(agent.id, { goal: 'two' });
    assert.equal(first.status, 'QUEUED');
    const appended = await appendApprovalRequest(t.store, second.id, { approvalId: approvalId(1) });
    assert.ok(await t.runner.waitFor(appended.position, 5000));

    const agents = await client.agents.list({ first: 50 });
    assert.ok(agents.items.some((a) => a.id === agent.id));
    const page1 = await client.runs.list({ agentId: agent.id, first: 1 });
    assert.equal(page1.items.length, 1);
    assert.ok(page1.next);
    const page2 = await client.runs.list({ agentId: agent.id, first: 1, after: page1.next });
    assert.deepEqual(
      [...page1.items, ...page2.items].map((r) => r.id),
      [second.id, first.id],
    );
    assert.equal(page2.next, null);
    assert.equal((await client.runs.get(second.id))?.goal, 'two');
    const [step] = (await client.runs.steps(second.id)).items;
    assert.deepEqual([step?.step, step?.status, step?.risk], [1, 'WAITING_FOR_APPROVAL', 'HIGH']);

    const pending = await client.approvals.listPending({ runId: second.id });
    assert.deepEqual(
      pending.items.map((a) => [a.id, a.tool, a.status]),
      [[`${second.id}:${approvalId(1)}`, 'echo', 'PENDING']],
    );
    const approved = await client.approvals.approve(pending.items[0]!.id, {
      comment: 'ok',
      editedParams: { text: 'edited' },
    });
    assert.equal(approved.status, 'APPROVED');
    assert.deepEqual(approved.editedParams, { text: 'edited' });
    await assert.rejects(client.approvals.reject(pending.items[0]!.id), (error: unknown) => {
      assert.ok(error instanceof SparkOpsError);
      assert.equal(error.code, 'CONFLICT');
      return true;
    });

    const cancelled = await client.runs.cancel(first.id, 'done');
    assert.equal(cancelled.status, 'CANCELLED');
    await assert.rejects(
      client.runs.start(agent.id, { goal: '' }),
      (error: unknown) => error instanceof SparkOpsError && error.code === 'BAD_USER_INPUT',
    );
  });

  it('run events: a killed websocket mid-stream resumes by cursor, no gap, no duplicate', async () => {
    const agent = await client.agents.create({
      name: 'Streamer',
      purpose: 'Stream',
      llmProvider: 'DEMO',
      llmModel: 'demo',
      tools: ['echo'],
    });
    const run = await client.runs.start(agent.id, { goal: 'stream' });
    const events = client.runs.events(run.id)[Symbol.asyncIterator]();
    const socketsBefore = ws.sockets.length;
    const seen: RunEvent[] = [];
    /** Reads events until the last one read is the log's last (the scheduler may append too). */
    const untilCaughtUp = async () => {
      for (let i = 0; i < 50; i++) {
        const log = await t.store.readStream(runStream(run.id));
        if (seen.length > 0 && seen.at(-1)?.id === log.at(-1)?.id) return;
        seen.push(...(await take(events, 1)));
      }
      throw new Error('the stream never caught up with the log');
    };
    await untilCaughtUp();

    // Live events, then the socket dies; more events are appended while the client is away.
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(11) });
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(12) });
    await untilCaughtUp();
    ws.sockets.at(-1)!.terminate();
    for (const n of [13, 14, 15]) await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(n) });
    await untilCaughtUp();
    // And live again on the new connection.
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(16) });
    await untilCaughtUp();

    assert.ok(ws.sockets.length > socketsBefore, 'the client opened a new websocket');
    const log = await t.store.readStream(runStream(run.id));
    assert.deepEqual(
      seen.map((e) => e.id),
      log.map((e) => e.id),
      'exactly the run log, in order: no gap, no duplicate',
    );
    assert.deepEqual(
      seen
        .filter((e) => e.type === 'ApprovalRequested')
        .map((e) => (e.data as { approvalId: string }).approvalId),
      [11, 12, 13, 14, 15, 16].map(approvalId),
    );
    await events.return?.(undefined);
  });

  it('approval requests: those made while disconnected arrive once after the reconnect', async () => {
    const agent = await client.agents.create({
      name: 'Watcher',
      purpose: 'Watch',
      llmProvider: 'DEMO',
      llmModel: 'demo',
      tools: ['echo'],
    });
    const run = await client.runs.start(agent.id, { goal: 'watch' });
    const requested = client.approvals.requested()[Symbol.asyncIterator]();
    // The subscription is open once the first request arrives.
    const first = requested.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(21) });
    const seen = [(await first).value];
    ws.sockets.at(-1)!.terminate();
    const missed = await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(22) });
    // The pending list (a read model) holds it before the client looks.
    assert.ok(await t.runner.waitFor(missed.position, 5000));
    seen.push(...(await take(requested, 1)));
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(23) });
    seen.push(...(await take(requested, 1)));
    assert.deepEqual(
      seen.map((a) => a.id),
      [21, 22, 23].map((n) => `${run.id}:${approvalId(n)}`),
    );
    await requested.return?.(undefined);
  });

  it('run updates: after a killed websocket, the run as it is now, never an older state again', async () => {
    const agent = await client.agents.create({
      name: 'Updater',
      purpose: 'Update',
      llmProvider: 'DEMO',
      llmModel: 'demo',
      tools: ['echo'],
    });
    const run = await client.runs.start(agent.id, { goal: 'update' });
    const updates = client.runs.updates(run.id)[Symbol.asyncIterator]();
    const seen: Run[] = [];
    /** Reads states until one reflects the log's last event (the scheduler may append too). */
    const untilCaughtUp = async () => {
      for (let i = 0; i < 20; i++) {
        const [state] = await take(updates, 1);
        seen.push(state!);
        const log = await t.store.readStream(runStream(run.id));
        if (state!.lastRevision === log.at(-1)?.revision) return state!;
      }
      throw new Error('the stream never caught up with the log');
    };
    await untilCaughtUp();
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(31) });
    assert.equal((await untilCaughtUp()).status, 'WAITING_FOR_APPROVAL');
    const beforeKill = seen.length;
    ws.sockets.at(-1)!.terminate();
    await appendApprovalRequest(t.store, run.id, { approvalId: approvalId(32) });
    await untilCaughtUp();
    assert.ok(seen.length > beforeKill, 'a state after the reconnect');
    const revisions = seen.map((r) => r.lastRevision);
    assert.deepEqual(
      revisions,
      [...new Set(revisions)].sort((x, y) => x - y),
      'each state newer than the last: none twice, none older',
    );
    await updates.return?.(undefined);
  });

  it('a bad token ends a live stream with an error instead of reconnecting', async () => {
    const stranger = createSparkOpsClient({
      url: t.url,
      token: 'spk_not-a-token',
      reconnect: { delayMs: 10 },
    });
    const events = stranger.runs.events('01930000-0000-7000-8000-00000000ffff')[Symbol.asyncIterator]();
    await assert.rejects(events.next(), (error: unknown) => error instanceof SparkOpsError);
    await stranger.close();
  });
});
