import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { policyStream, runStream } from '../../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { ProviderError } from '../activities/providers/provider.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { DEFAULT_POLICY_ID } from '../safety/default-policy.ts';
import { sqlTargets } from '../testkit/read-models.ts';
import {
  errorCode,
  type GraphQLBody,
  startTestApi,
  type TestApi,
  waitForPendingApproval,
  waitForRunStatus,
} from './api-testkit.ts';

/** Half of each call's input is a cache hit and half of its output is reasoning. */
const usage = (input: number, output: number) => ({
  inputTokens: input,
  outputTokens: output,
  cachedTokens: input / 2,
  reasoningTokens: output / 2,
});

/** The data of a response that must have no errors. */
function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

const OBSERVABILITY = `query($range: TimeRange, $agentId: ID, $bucket: MetricsBucket) {
  observability(range: $range, agentId: $agentId, bucket: $bucket) {
    from to bucket
    usage { start model agentId agentName llmCalls inputTokens outputTokens cachedInputTokens reasoningTokens costUsd }
    stepLatency { count p50 p95 p99 max }
    toolLatency { count max }
    approvalWait { count }
    runsFinished runsFailed errorRate llmErrors
  }
}`;

/**
 * Waits until the read models hold every event of `stream`. It waits for the stream's own last
 * position, not the log's head: the head readers see is held back by any transaction open in the
 * database, the projection runner's own included, so waiting for it could return too early.
 */
async function projected(t: TestApi, stream: string): Promise<void> {
  const last = (await t.store.readStream(stream)).at(-1);
  assert.ok(last, `stream ${stream} has events`);
  assert.equal(await t.runner.waitFor(last.position, 5000), true, `the read models reach ${stream}`);
}

for (const target of sqlTargets) {
  describe(`observability, audit log and policy versions over the API (${target.name})`, () => {
    let t: TestApi;
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    let admin: string;
    let agentId: string;
    let completedRun: string;
    let failedRun: string;
    const started = new Date(Date.now() - 60_000);

    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      dataOf((await t.gql(query, variables, { token: admin })).body);
    const startRun = async () =>
      (
        (await gql('mutation($id: ID!) { startRun(input: { agentId: $id, inputs: { goal: "g" } }) { id } }', {
          id: agentId,
        })) as { startRun: { id: string } }
      ).startRun.id;

    beforeAll(async () => {
      ({ db, drop } = await target.open());
      // A run that stumbles (an unusable answer, a failed call), asks to echo, is approved, and finishes;
      // then a run whose first call fails for good. The platform's scheduler drives both.
      t = await startTestApi({
        db,
        limits: { rate: { capacity: 10_000, refillPerSecond: 10_000 } },
        script: [
          { ...fakeToolCall('nope', {}), usage: usage(100, 10), costUsd: 0.001, latencyMs: 100 },
          new ProviderError('SERVER_ERROR', 'try again', { status: 503 }),
          { ...fakeToolCall('echo', { text: 'hi' }), usage: usage(200, 20), costUsd: 0.002, latencyMs: 200 },
          { ...fakeFinish('done'), usage: usage(300, 30), costUsd: 0.003, latencyMs: 300 },
          new ProviderError('BAD_REQUEST', 'this model does not exist', { status: 400 }),
        ],
      });
      admin = await t.tokenFor('admin');
      const created = await gql(
        `mutation { createAgent(input: { name: "Echoer", purpose: "p", llmProvider: OPENAI, llmModel: "gpt-test",
           tools: ["echo"], systemPrompt: "" }) { id } }`,
      );
      agentId = (created.createAgent as { id: string }).id;
      completedRun = await startRun();
      await waitForRunStatus(t, admin, completedRun, ['WAITING_FOR_APPROVAL']);
      const approval = await waitForPendingApproval(t, admin, completedRun);
      const approved = await t.gql(
        'mutation($id: ID!) { approveHitlRequest(id: $id, comment: "fine") { status } }',
        { id: approval },
        { token: admin, headers: { 'x-wait-for-projections': '3000' } },
      );
      assert.deepEqual(dataOf(approved.body), { approveHitlRequest: { status: 'APPROVED' } });
      await waitForRunStatus(t, admin, completedRun, ['COMPLETED']);
      failedRun = await startRun();
      await waitForRunStatus(t, admin, failedRun, ['FAILED']);
      assert.equal(t.model?.remaining, 0);
      await projected(t, runStream(failedRun));
    });
    afterAll(async () => {
      await t.close();
      await drop();
    });

    it('reports usage per bucket, latencies, approval waits and failure rates', async () => {
      const range = { from: started.toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
      const { observability } = (await gql(OBSERVABILITY, { range, bucket: 'DAY' })) as {
        observability: Record<string, unknown> & { usage: Record<string, unknown>[] };
      };
      const day = new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), started.getUTCDate()));
      const { usage: buckets, ...figures } = observability;
      assert.deepEqual(figures, {
        from: range.from,
        to: range.to,
        bucket: 'DAY',
        stepLatency: { count: 3, p50: 200, p95: 290, p99: 298, max: 300 },
        toolLatency: { count: 1, max: (figures.toolLatency as { max: number }).max },
        approvalWait: { count: 1 },
        runsFinished: 2,
        runsFailed: 1,
        errorRate: 0.5,
        llmErrors: 3,
      });
      // A run that crosses midnight UTC would show two days: only one bucket per day is certain.
      const total = (key: string) => buckets.reduce((sum, row) => sum + (row[key] as number), 0);
      assert.ok(buckets.every((row) => row.model === 'gpt-test' && row.agentName === 'Echoer'));
      assert.ok(buckets.every((row) => row.agentId === agentId));
      assert.ok(new Date(buckets[0]?.start as string) >= new Date(day.getTime() - 86_400_000));
      assert.deepEqual(
        [
          total('llmCalls'),
          total('inputTokens'),
          total('outputTokens'),
          total('cachedInputTokens'),
          total('reasoningTokens'),
          Number(total('costUsd').toFixed(9)),
        ],
        [3, 600, 60, 300, 30, 0.006],
      );
      const minutes = (await gql(OBSERVABILITY, { bucket: 'MINUTE' })) as {
        observability: { usage: { start: string }[]; from: null };
      };
      assert.equal(minutes.observability.from, null);
      assert.ok(minutes.observability.usage.every((row) => new Date(row.start).getUTCSeconds() === 0));
      const other = (await gql(OBSERVABILITY, { agentId: '01930000-0000-7000-8000-00000000beef' })) as {
        observability: { usage: unknown[]; runsFinished: number; errorRate: number };
      };
      assert.deepEqual(
        [other.observability.usage, other.observability.runsFinished, other.observability.errorRate],
        [[], 0, 0],
      );
    });

    it("serves a run's memory events without their vectors unless asked", async () => {
      type Events = {
        run: { events: { edges: { node: { type: string; data: { embedding?: unknown } } }[] } };
      };
      const memoryEmbeddings = async (withVectors: boolean) => {
        const data = (await gql(
          'query($id: ID!, $withVectors: Boolean!) { run(id: $id) { events(first: 100) { edges { node { type data(withVectors: $withVectors) } } } } }',
          { id: completedRun, withVectors },
        )) as Events;
        return data.run.events.edges
          .filter((edge) => edge.node.type === 'MemoryStored')
          .map((edge) => edge.node.data.embedding as { model: string; dims: number; vector?: number[] });
      };
      const lean = await memoryEmbeddings(false);
      const full = await memoryEmbeddings(true);
      assert.ok(lean.length > 0, 'the run stored memories');
      assert.deepEqual(
        lean,
        full.map(({ vector: _, ...rest }) => rest),
      );
      assert.ok(full.every((embedding) => embedding.vector?.length === embedding.dims && embedding.dims > 0));
    });

    it('refuses a range that ends before it starts', async () => {
      const { body } = await t.gql(
        OBSERVABILITY,
        { range: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } },
        { token: admin },
      );
      assert.equal(errorCode(body), 'BAD_USER_INPUT');
      assert.equal(body.errors?.[0]?.extensions?.field, 'range.to');
    });

    it('lists the audit log of a run newest first, page by page', async () => {
      const query = `query($runId: ID, $after: String, $kinds: [AuditKind!]) {
        auditLog(runId: $runId, first: 2, after: $after, kinds: $kinds) {
          edges { cursor node { kind actor runId agentId step tool risk decision reasons comment position } }
          pageInfo { hasNextPage endCursor }
        }
      }`;
      type Page = {
        auditLog: {
          edges: { cursor: string; node: Record<string, unknown> }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const nodes: Record<string, unknown>[] = [];
      for (let after: string | null = null; ; ) {
        const page = (await gql(query, { runId: completedRun, after })) as Page;
        nodes.push(...page.auditLog.edges.map((edge) => edge.node));
        assert.deepEqual(
          page.auditLog.edges.map((edge) => edge.cursor),
          page.auditLog.edges.map((edge) => edge.node.position),
        );
        if (!page.auditLog.pageInfo.hasNextPage) break;
        after = page.auditLog.pageInfo.endCursor;
      }
      assert.deepEqual(
        nodes.map((node) => node.kind),
        ['APPROVAL_GRANTED', 'APPROVAL_REQUESTED', 'SAFETY_EVALUATED', 'RUN_STARTED'],
      );
      assert.deepEqual(nodes[0], {
        kind: 'APPROVAL_GRANTED',
        // The email the approver's session carried, recorded with the decision.
        actor: 'admin@test.local',
        runId: completedRun,
        agentId,
        step: 2,
        tool: 'echo',
        risk: 'HIGH',
        decision: 'approved',
        reasons: [],
        comment: 'fine',
        position: nodes[0]?.position,
      });
      const verdicts = (await gql(query, { runId: completedRun, kinds: ['APPROVAL_REQUESTED'] })) as Page;
      assert.deepEqual(
        verdicts.auditLog.edges.map((edge) => edge.node.decision),
        [null],
      );
    });

    it('keeps every version of a policy, and audits its changes', async () => {
      const rules = (reason: string) => [
        { id: 'r1', description: 'echo', match: { tool: 'echo' }, risk: 'HIGH', reason },
      ];
      const created = await gql(
        'mutation($rules: JSON!) { createPolicy(input: { name: "P", description: "About echo", rules: $rules }) { id } }',
        { rules: rules('First.') },
      );
      const id = (created.createPolicy as { id: string }).id;
      await gql(
        'mutation($id: ID!, $rules: JSON!) { updatePolicy(id: $id, input: { rules: $rules }) { id } }',
        {
          id,
          rules: rules('Second.'),
        },
      );
      const { policies } = (await gql(
        '{ policies { id versions { version rules description changedBy changedAt } } }',
      )) as { policies: { id: string; versions: Record<string, unknown>[] }[] };
      const versions = policies.find((policy) => policy.id === id)?.versions ?? [];
      assert.deepEqual(
        versions.map(({ changedAt: _, ...version }) => version),
        [
          { version: 1, rules: rules('First.'), description: 'About echo', changedBy: 'user-admin' },
          { version: 2, rules: rules('Second.'), description: 'About echo', changedBy: 'user-admin' },
        ],
      );
      await projected(t, policyStream(id));
      const audit = (await gql(
        '{ auditLog(kinds: [POLICY_CREATED, POLICY_UPDATED]) { edges { node { kind policyId policyVersion actor } } } }',
      )) as { auditLog: { edges: { node: unknown }[] } };
      assert.deepEqual(
        audit.auditLog.edges.map((edge) => edge.node),
        [
          { kind: 'POLICY_UPDATED', policyId: id, policyVersion: 2, actor: 'admin@test.local' },
          { kind: 'POLICY_CREATED', policyId: id, policyVersion: 1, actor: 'admin@test.local' },
          // The platform seeds the built-in default policy at its first start.
          { kind: 'POLICY_CREATED', policyId: DEFAULT_POLICY_ID, policyVersion: 1, actor: 'system:seed' },
        ],
      );
    });
  });
}
