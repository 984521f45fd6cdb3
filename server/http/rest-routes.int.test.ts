import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { appendApprovalRequest, startTestApi, type TestApi } from '../graphql/api-testkit.ts';
import { createTestPglite } from '../testkit/postgres.ts';

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
      'spark_llm_tokens_total{direction="input"}',
    ]) {
      assert.ok(text.includes(name), name);
    }
  });
});
