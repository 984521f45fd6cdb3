import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runStream } from '../../schema/events/index.ts';
import { createPgDatabase } from '../db/pg-database.ts';
import { formatApprovalRef } from '../engine/approval-id.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import { pollUntil } from '../testkit/poll-until.ts';
import { createTestDatabase, createTestPglite } from '../testkit/postgres.ts';
import { appendApprovalRequest, startEchoRun, startTestApi, type TestApi } from './api-testkit.ts';
import { collect, stalledSubscriber, wsClient } from './ws-testkit.ts';

const RUN_EVENTS =
  'subscription($runId: ID!, $after: String) { runEvents(runId: $runId, after: $after) { position revision type } }';
type Item = { position: string; revision: number; type: string };

const HITL_UPDATED =
  'subscription { hitlUpdated { id runId agentId tool status decidedBy comment escalated runEnded } }';
type Approval = {
  id: string;
  agentId: string | null;
  status: string;
  decidedBy: string | null;
  comment: string | null;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends `count` valid run events one at a time, `gapMs` apart. */
async function appendSteps(store: EventStore, runId: string, count: number, gapMs: number): Promise<void> {
  for (let attempt = 1; attempt <= count; attempt++) {
    const error = { message: `attempt ${attempt} failed` };
    await store.append(runStream(runId), [
      { id: newEventId(), type: 'ReasoningFailed', data: { step: 1, error, retryable: true, attempt } },
    ]);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

describe('subscriptions on one server (PGlite)', () => {
  let t: TestApi;
  let token: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    // A stalled test client answers no ping: the keep-alive must not end it before it overflows
    // on a loaded machine (the slow-consumer test is about the overflow, 4429).
    t = await startTestApi({
      db: target.db,
      limits: { slowConsumer: { maxBytes: 4 << 20 }, keepAliveMs: 120_000 },
    });
    token = await t.tokenFor('operator');
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('a client that disconnects mid-run and resubscribes with its last cursor gets every event exactly once', async () => {
    const runId = await startEchoRun(t);
    const writing = appendSteps(t.store, runId, 60, 3);
    const first = wsClient(t.wsUrl, token);
    const part1 = await collect<Item>(first, RUN_EVENTS, { runId }, 'runEvents').until(15);
    await first.dispose(); // mid-run: the writer keeps appending
    const cursor = part1.at(-1)?.position;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = wsClient(t.wsUrl, token);
    const sub = collect<Item>(second, RUN_EVENTS, { runId, after: cursor }, 'runEvents');
    await writing;
    const all = await t.store.readStream(runStream(runId));
    const part2 = await sub.until(all.length - part1.length);
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing more may arrive
    sub.stop();
    await second.dispose();
    const union = [...part1, ...sub.items];
    assert.deepEqual(
      union.map((item) => [item.position, item.revision]),
      all.map((event) => [event.position, event.revision]),
    );
    assert.equal(part2.length, all.length - part1.length);
  });

  it('runUpdated and hitlRequested follow the log', async () => {
    const runId = await startEchoRun(t);
    const client = wsClient(t.wsUrl, token);
    const updates = collect<{ status: string }>(
      client,
      'subscription($runId: ID!) { runUpdated(runId: $runId) { status lastRevision } }',
      { runId },
      'runUpdated',
    );
    const alerts = collect<{ id: string; runId: string }>(
      client,
      'subscription { hitlRequested { id runId tool status } }',
      {},
      'hitlRequested',
    );
    await updates.until(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const approvalId = '01930000-0000-7000-8000-0000000000bb';
    await appendApprovalRequest(t.store, runId, { approvalId, params: { text: 'x' }, reasons: ['r'] });
    const [alert] = await alerts.until(1);
    assert.deepEqual(alert, {
      id: formatApprovalRef(runId, approvalId),
      runId,
      tool: 'echo',
      status: 'PENDING',
    });
    const states = await updates.until(2);
    assert.deepEqual(
      states.map((s) => s.status),
      ['QUEUED', 'WAITING_FOR_APPROVAL'],
    );
    updates.stop();
    alerts.stop();
    await client.dispose();
  });

  it('hitlUpdated: a decision made in one client reaches every other client at once', async () => {
    const runId = await startEchoRun(t);
    const alice = wsClient(t.wsUrl, token);
    const bob = wsClient(t.wsUrl, await t.tokenFor('analyst'));
    const seenByAlice = collect<Approval>(alice, HITL_UPDATED, {}, 'hitlUpdated');
    const seenByBob = collect<Approval>(bob, HITL_UPDATED, {}, 'hitlUpdated');
    await pause(200); // both subscribed
    const approvalId = '01930000-0000-7000-8000-0000000000cc';
    const asked = await appendApprovalRequest(t.store, runId, { approvalId });
    const [requested] = await seenByBob.until(1);
    assert.deepEqual(requested, {
      id: formatApprovalRef(runId, approvalId),
      runId,
      agentId: requested?.agentId,
      tool: 'echo',
      status: 'PENDING',
      decidedBy: null,
      comment: null,
      escalated: false,
      runEnded: false,
    });
    assert.equal(typeof (requested as { agentId: unknown }).agentId, 'string');
    assert.ok(await t.runner.waitFor(asked.position, 5000));
    // Alice decides over her socket; Bob's card changes without a query.
    const decided = await collect<Approval>(
      alice,
      'mutation($id: ID!) { approveHitlRequest(id: $id, comment: "go") { status } }',
      { id: formatApprovalRef(runId, approvalId) },
      'approveHitlRequest',
    ).until(1);
    assert.deepEqual(decided, [{ status: 'APPROVED' }]);
    const bobs = await seenByBob.until(2);
    assert.deepEqual(
      [bobs[1]?.id, bobs[1]?.status, bobs[1]?.decidedBy, bobs[1]?.comment],
      [formatApprovalRef(runId, approvalId), 'APPROVED', 'user-operator', 'go'],
    );
    assert.deepEqual(
      (await seenByAlice.until(2)).map((item) => item.status),
      ['PENDING', 'APPROVED'],
    );
    for (const sub of [seenByAlice, seenByBob]) sub.stop();
    await Promise.all([alice.dispose(), bob.dispose()]);
  });

  it('runUpdated without runId follows every run', async () => {
    const client = wsClient(t.wsUrl, token);
    const updates = collect<{ id: string; status: string }>(
      client,
      'subscription { runUpdated { id status lastRevision } }',
      {},
      'runUpdated',
    );
    await pause(200);
    const first = await startEchoRun(t);
    const second = await startEchoRun(t);
    await appendApprovalRequest(t.store, first, { approvalId: '01930000-0000-7000-8000-0000000000cd' });
    await t.gql('mutation($id: ID!) { cancelRun(id: $id) { id } }', { id: second }, { token });
    const items = await updates.until(4);
    assert.deepEqual(
      items.map((item) => [item.id, item.status]),
      [
        [first, 'QUEUED'],
        [second, 'QUEUED'],
        [first, 'WAITING_FOR_APPROVAL'],
        [second, 'CANCELLED'],
      ],
    );
    updates.stop();
    await client.dispose();
  });

  it('a subscriber that does not read is closed with 4429; another one is unaffected', async () => {
    const runId = await startEchoRun(t);
    const fast = wsClient(t.wsUrl, token);
    const fastSub = collect<Item>(fast, RUN_EVENTS, { runId }, 'runEvents');
    await fastSub.until(1);
    // A client that stops reading: the server's writes back up until its queue overflows.
    const withData = 'subscription($runId: ID!) { runEvents(runId: $runId) { position data } }';
    const before = t.api.hub.subscriberCount();
    const slow = await stalledSubscriber(t.wsUrl, token, withData, { runId });
    // A loaded server may take a while to handle the subscribe: count from once it has.
    const { value: subscribers } = await pollUntil(
      async () => t.api.hub.subscriberCount(),
      (count) => count > before,
      10_000,
    );
    assert.ok(subscribers > before, 'the stalled client subscribed');
    const big = 'x'.repeat(100_000);
    // Until the server dropped the slow subscriber (its close frame waits behind the unread data).
    for (let i = 0; i < 3000 && t.api.hub.subscriberCount() >= subscribers; i++) {
      await t.store.append(runStream(runId), [
        {
          id: newEventId(),
          type: 'ReasoningFailed',
          data: { step: 1, error: { message: big }, retryable: true, attempt: i + 1 },
        },
      ]);
      // PGlite settles in microtasks: yield, or the live tail and the sockets never get a turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(await slow.resume(), 4429);
    const all = await t.store.readStream(runStream(runId));
    const received = await fastSub.until(all.length, 30_000);
    assert.deepEqual(
      received.map((item) => item.position),
      all.map((event) => event.position),
    );
    fastSub.stop();
    await fast.dispose();
  });

  it('serves subscriptions over SSE as a fallback', async () => {
    const runId = await startEchoRun(t);
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: RUN_EVENTS, variables: { runId } }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('RunStarted')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    assert.match(text, /event: next/);
    assert.match(text, /"type":"RunStarted"/);
  });
});

describe('subscriptions across two servers on one PostgreSQL database', () => {
  let a: TestApi;
  let b: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestDatabase('spark_api');
    drop = target.drop;
    a = await startTestApi({ db: target.db });
    b = await startTestApi({ db: createPgDatabase({ connectionString: target.url, max: 5 }) });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await b.db.close();
    await drop();
  });

  it('a subscriber on one sees events appended through the other', async () => {
    const token = await a.tokenFor('operator');
    const runId = await startEchoRun(a);
    const client = wsClient(b.wsUrl, await b.tokenFor('analyst'));
    const sub = collect<Item>(client, RUN_EVENTS, { runId }, 'runEvents');
    await sub.until(1);
    await appendSteps(a.store, runId, 5, 0);
    const cancel = await a.gql(
      'mutation($id: ID!) { cancelRun(id: $id) { status } }',
      { id: runId },
      { token },
    );
    assert.equal(cancel.body.errors, undefined);
    const items = await sub.until(7);
    assert.deepEqual(
      items.map((item) => item.type),
      ['RunStarted', ...Array(5).fill('ReasoningFailed'), 'RunCancelled'],
    );
    sub.stop();
    await client.dispose();
  });

  it('hitlUpdated on one shows a decision taken through the other', async () => {
    const runId = await startEchoRun(a);
    const client = wsClient(b.wsUrl, await b.tokenFor('analyst'));
    const sub = collect<Approval>(client, HITL_UPDATED, {}, 'hitlUpdated');
    await pause(300);
    const approvalId = '01930000-0000-7000-8000-0000000000ce';
    const asked = await appendApprovalRequest(a.store, runId, { approvalId });
    assert.ok(await a.runner.waitFor(asked.position, 5000));
    const rejected = await a.gql(
      'mutation($id: ID!) { rejectHitlRequest(id: $id, comment: "no") { status } }',
      { id: formatApprovalRef(runId, approvalId) },
      { token: await a.tokenFor('operator') },
    );
    assert.equal(rejected.body.errors, undefined, JSON.stringify(rejected.body.errors));
    const items = await sub.until(2);
    assert.deepEqual(
      items.map((item) => [item.id, item.status, item.comment]),
      [
        [formatApprovalRef(runId, approvalId), 'PENDING', null],
        [formatApprovalRef(runId, approvalId), 'REJECTED', 'no'],
      ],
    );
    sub.stop();
    await client.dispose();
  });
});
