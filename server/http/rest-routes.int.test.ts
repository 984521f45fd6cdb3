import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { appendApprovalRequest, startTestApi, type TestApi } from '../graphql/api-testkit.ts';
import { createTestPglite } from '../testkit/postgres.ts';

/** Retries `check` until it passes (read models follow the log), for at most 5 s. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('REST compatibility routes and /metrics', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${t.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({ db: target.db });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('creates an agent, starts and reads a run, approves its request', async () => {
    const admin = await t.tokenFor('admin');
    const agent = await call('POST', '/api/agents', admin, {
      name: 'Triage',
      purpose: 'Sort.',
      llm_provider: 'demo',
      llm_model: 'demo-1',
      tools: ['echo'],
    });
    assert.equal(agent.status, 201);
    assert.equal(agent.body.status, 'ready');
    const integrator = await t.tokenFor('integrator');
    const run = await call('POST', '/api/apa/runs', integrator, {
      agent_id: agent.body.id,
      inputs: { goal: 'Do it' },
    });
    assert.equal(run.status, 201);
    assert.equal(run.body.status, 'queued');
    assert.equal(typeof run.body.created_at, 'string');
    const read = await call('GET', `/api/apa/runs/${run.body.run_id}`, integrator);
    assert.equal(read.status, 200);
    assert.equal(read.body.run_id, run.body.run_id);

    const approvalId = '01930000-0000-7000-8000-0000000000cc';
    const appended = await appendApprovalRequest(t.store, run.body.run_id as string, {
      approvalId,
      params: { text: 'x' },
      reasons: ['r'],
    });
    assert.ok(await t.runner.waitFor(appended.position, 5000));
    // The public approval id names its run: `<runId>:<approvalId>`.
    const ref = `${run.body.run_id}:${approvalId}`;
    assert.equal((await call('POST', `/api/apa/hitl/${ref}/approve`, integrator, {})).status, 403);
    const operator = await t.tokenFor('operator');
    const bare = await call('POST', `/api/apa/hitl/${approvalId}/approve`, operator, {});
    assert.equal(bare.status, 400);
    assert.equal(bare.body.field, 'run_id');
    const approved = await call('POST', `/api/apa/hitl/${ref}/approve`, operator, { comment: 'fine' });
    assert.deepEqual(approved, {
      status: 200,
      body: { id: ref, run_id: run.body.run_id, status: 'approved' },
    });
    // A bare (legacy) approval id works when the body names the run.
    const again = await call('POST', `/api/apa/hitl/${approvalId}/reject`, operator, {
      run_id: run.body.run_id,
    });
    assert.equal(again.status, 409);
    assert.match(String(again.body.message), /already decided/);
  });

  it('refuses without a token, with a bad body, and for unknown runs', async () => {
    assert.equal((await call('POST', '/api/apa/runs', null, {})).status, 401);
    const admin = await t.tokenFor('admin');
    const bad = await call('POST', '/api/agents', admin, { name: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'llm_provider');
    assert.equal(
      (await call('GET', '/api/apa/runs/01930000-0000-7000-8000-00000000ffff', admin)).status,
      404,
    );
  });

  it('lists runs newest first with filters and a `next` cursor, no run twice', async () => {
    const admin = await t.tokenFor('admin');
    const integrator = await t.tokenFor('integrator');
    const make = async () =>
      (
        await call('POST', '/api/agents', admin, {
          name: 'Lister',
          purpose: 'List.',
          llm_provider: 'demo',
          llm_model: 'demo-1',
          tools: ['echo'],
        })
      ).body.id as string;
    const [agentA, agentB] = [await make(), await make()];
    const started: string[] = [];
    for (const agentId of [agentA, agentA, agentA, agentB]) {
      const run = await call('POST', '/api/apa/runs', integrator, {
        agent_id: agentId,
        inputs: { goal: 'g' },
      });
      started.push(run.body.run_id as string);
    }
    const list = (query: string) => call('GET', `/api/apa/runs?${query}`, integrator);
    // The runs read model follows the log: wait until it holds all four.
    await eventually(async () => {
      const all = await list(`agent_id=${agentA}&limit=200`);
      assert.equal((all.body.runs as unknown[]).length, 3);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page = await list(`agent_id=${agentA}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...(page.body.runs as { run_id: string }[]).map((r) => r.run_id));
      cursor = page.body.next as string | null;
      if (cursor === null) break;
    }
    assert.deepEqual(seen, started.slice(0, 3).reverse(), 'newest first, every run once');

    const queued = await list(`agent_id=${agentB}&status=queued,running`);
    assert.deepEqual(
      (queued.body.runs as { run_id: string }[]).map((r) => r.run_id),
      [started[3]],
    );
    const none = await list(`agent_id=${agentB}&status=completed`);
    assert.deepEqual(none.body, { runs: [], next: null });
    const future = await list(`agent_id=${agentA}&since=2999-01-01T00:00:00Z`);
    assert.deepEqual(future.body.runs, []);
    const past = await list(`agent_id=${agentA}&until=2999-01-01T00:00:00Z`);
    assert.equal((past.body.runs as unknown[]).length, 3);

    for (const [query, field] of [
      ['status=sleeping', 'status'],
      ['since=yesterday', 'since'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=nonsense', 'cursor'],
      ['agentId=x', 'agentId'],
    ] as const) {
      const refused = await list(query);
      assert.equal(refused.status, 400, query);
      assert.equal(refused.body.error, 'BAD_USER_INPUT', query);
      assert.equal(refused.body.field, field, query);
    }
  });

  it('cancels a run (operators), once; pending approvals list and leave when decided', async () => {
    const admin = await t.tokenFor('admin');
    const operator = await t.tokenFor('operator');
    const integrator = await t.tokenFor('integrator');
    const agent = await call('POST', '/api/agents', admin, {
      name: 'Canceller',
      purpose: 'Stop.',
      llm_provider: 'demo',
      llm_model: 'demo-1',
      tools: ['echo'],
    });
    const start = () =>
      call('POST', '/api/apa/runs', integrator, { agent_id: agent.body.id, inputs: { goal: 'g' } });
    const run = (await start()).body.run_id as string;
    const waiting = (await start()).body.run_id as string;
    const approvalId = '01930000-0000-7000-8000-0000000000dd';
    const appended = await appendApprovalRequest(t.store, waiting, { approvalId, params: { text: 'hi' } });
    assert.ok(await t.runner.waitFor(appended.position, 5000));
    const pending = await call('GET', `/api/apa/hitl?run_id=${waiting}`, integrator);
    assert.equal(pending.status, 200);
    const approvals = pending.body.approvals as Record<string, unknown>[];
    assert.equal(approvals.length, 1);
    assert.deepEqual(
      { ...approvals[0], requested_at: undefined, expires_at: undefined },
      {
        id: `${waiting}:${approvalId}`,
        run_id: waiting,
        agent_id: agent.body.id,
        step: 1,
        tool: 'echo',
        params: { text: 'hi' },
        risk: 'HIGH',
        reasons: ['r'],
        status: 'pending',
        escalated: false,
        on_expiry: 'reject',
        requested_at: undefined,
        expires_at: undefined,
      },
    );
    const byAgent = await call('GET', `/api/apa/hitl?agent_id=${agent.body.id}`, integrator);
    assert.deepEqual(
      (byAgent.body.approvals as { id: string }[]).map((a) => a.id),
      [`${waiting}:${approvalId}`],
    );

    assert.equal((await call('POST', `/api/apa/runs/${run}/cancel`, integrator, {})).status, 403);
    const cancelled = await call('POST', `/api/apa/runs/${run}/cancel`, operator, { reason: 'mistake' });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.run_id, run);
    assert.equal(cancelled.body.status, 'cancelled');
    const again = await call('POST', `/api/apa/runs/${run}/cancel`, operator, {});
    assert.equal(again.status, 409);
    assert.match(String(again.body.message), /already ended/);
    await eventually(async () => {
      const read = await call('GET', `/api/apa/runs/${run}`, integrator);
      assert.equal(read.body.status, 'cancelled');
    });

    // Cancelling the run with the pending approval closes it: it leaves the pending list.
    assert.equal((await call('POST', `/api/apa/runs/${waiting}/cancel`, operator, {})).status, 200);
    await eventually(async () => {
      const after = await call('GET', `/api/apa/hitl?run_id=${waiting}`, integrator);
      assert.deepEqual(after.body, { approvals: [], next: null });
    });
  });

  it('names fields as REST does, never as an event does', async () => {
    const admin = await t.tokenFor('admin');
    const agent = await call('POST', '/api/agents', admin, {
      name: 'Namer',
      purpose: 'Name.',
      llm_provider: 'demo',
      llm_model: 'demo-1',
      tools: ['echo'],
    });
    // The goal is checked by RunStarted's schema when the run's first event is appended.
    for (const inputs of [{}, { goal: '' }]) {
      const refused = await call('POST', '/api/apa/runs', admin, { agent_id: agent.body.id, inputs });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, 'inputs.goal');
      assert.match(String(refused.body.message), /^inputs\.goal /);
      assert.doesNotMatch(String(refused.body.message), /RunStarted|field "/);
    }
    const badModel = await call('POST', '/api/agents', admin, {
      name: 'x',
      purpose: 'y',
      llm_provider: 'demo',
      llm_model: '',
      tools: [],
    });
    assert.equal(badModel.status, 400);
    assert.equal(badModel.body.field, 'llm_model');
    assert.doesNotMatch(String(badModel.body.message), /AgentCreated|field "|llm\.model/);
  });

  it('/metrics speaks the Prometheus text format, to an admin only (by default)', async () => {
    assert.equal((await fetch(`${t.url}/metrics`)).status, 401);
    const analyst = await t.tokenFor('analyst');
    const refused = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${analyst}` } });
    assert.equal(refused.status, 403);
    const admin = await t.tokenFor('admin');
    const response = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
    const text = await response.text();
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    for (const name of [
      'spark_runs{status="QUEUED"}',
      'spark_pending_approvals',
      'spark_projection_lag_events{projection="runs"}',
      'spark_subscribers',
      'spark_step_latency_seconds_bucket{le="+Inf"}',
      '# TYPE spark_llm_tokens_total counter',
    ]) {
      assert.ok(text.includes(name), name);
    }
  });
});
