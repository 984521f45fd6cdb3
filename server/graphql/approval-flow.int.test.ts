import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { sqlTargets } from '../testkit/read-models.ts';
import {
  type GraphQLBody,
  startTestApi,
  type TestApi,
  waitForPendingApproval,
  waitForRunStatus,
} from './api-testkit.ts';

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

for (const target of sqlTargets) {
  describe(`a run over GraphQL, driven by the platform's scheduler (${target.name})`, () => {
    let t: TestApi;
    let drop: () => Promise<void>;
    let token: string;
    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      // The model asks to echo (HIGH risk: a human approves), then finishes with what came back.
      t = await startTestApi({
        db: opened.db,
        script: [
          fakeToolCall('echo', { text: 'hello' }),
          (request) => {
            const toolMessage = request.messages.find((message) => message.role === 'tool');
            return fakeFinish(`the tool said ${JSON.stringify(toolMessage?.content ?? null)}`);
          },
        ],
      });
      token = await t.tokenFor('admin');
    });
    afterAll(async () => {
      await t.close();
      await drop();
    });

    it('starts, asks approval, is approved, calls the tool, and completes', async () => {
      const gql = async (query: string, variables: Record<string, unknown> = {}) =>
        dataOf((await t.gql(query, variables, { token })).body);
      const { createAgent } = (await gql(
        `mutation { createAgent(input: { name: "Echoer", purpose: "Echo things", llmProvider: OPENAI,
           llmModel: "gpt-test", tools: ["echo"], systemPrompt: "Echo." }) { id } }`,
      )) as { createAgent: { id: string } };
      const { startRun } = (await gql(
        'mutation($id: ID!) { startRun(input: { agentId: $id, inputs: { goal: "Say hello" } }) { id } }',
        { id: createAgent.id },
      )) as { startRun: { id: string } };
      const runId = startRun.id;

      await waitForRunStatus(t, token, runId, ['WAITING_FOR_APPROVAL']);
      await waitForPendingApproval(t, token, runId);
      const { hitlRequests } = (await gql(
        'query($runId: ID!) { hitlRequests(runId: $runId) { edges { node { id tool risk status } } } }',
        { runId },
      )) as {
        hitlRequests: { edges: { node: { id: string; tool: string; risk: string; status: string } }[] };
      };
      const [request] = hitlRequests.edges.map((edge) => edge.node);
      assert.deepEqual(
        { ...request, id: undefined },
        { id: undefined, tool: 'echo', risk: 'HIGH', status: 'PENDING' },
      );
      const toolRanBefore = await t.store.readStream(`run-${runId}`);
      assert.equal(toolRanBefore.filter((event) => event.type === 'ToolCallStarted').length, 0);

      const approved = await gql(
        'mutation($id: ID!) { approveHitlRequest(id: $id, comment: "go") { status } }',
        { id: request?.id },
      );
      assert.deepEqual(approved, { approveHitlRequest: { status: 'APPROVED' } });
      await waitForRunStatus(t, token, runId, ['COMPLETED']);

      const { run } = (await gql(
        'query($id: ID!) { run(id: $id) { status output events(first: 100) { edges { node { type data } } } } }',
        { id: runId },
      )) as {
        run: {
          status: string;
          output: unknown;
          events: { edges: { node: { type: string; data: Record<string, unknown> } }[] };
        };
      };
      const events = run.events.edges.map((edge) => edge.node);
      const types = events.map((event) => event.type);
      const at = (type: string) => types.indexOf(type);
      assert.ok(at('ApprovalGranted') > at('ApprovalRequested'), types.join(', '));
      assert.ok(at('ToolCallStarted') > at('ApprovalGranted'), types.join(', '));
      assert.ok(at('ToolCallSucceeded') > at('ToolCallStarted'), types.join(', '));
      assert.equal(types.at(-1), 'RunCompleted');
      assert.deepEqual(events[at('ToolCallSucceeded')]?.data.result, { text: 'hello' });
      assert.equal(t.model?.remaining, 0, 'the model was asked twice: before and after the tool');
      assert.match(JSON.stringify(events[at('RunCompleted')]?.data), /the tool said/);
    });
  });
}
