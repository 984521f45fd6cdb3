import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ReasoningProvidersConfig } from '../activities/providers/create-provider.ts';
import { startFakeAnthropicServer } from '../testkit/fake-anthropic-server.ts';
import { startFakeOpenAiServer } from '../testkit/fake-openai-server.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { type GraphQLBody, startTestApi, type TestApi, waitForRunStatus } from './api-testkit.ts';
import { collect, wsClient } from './ws-testkit.ts';

const THOUGHT = 'The goal is clear, so I will finish right away with the answer the user asked for.';

const THOUGHT_DELTAS =
  'subscription($runId: ID!) { runThoughtDelta(runId: $runId) { runId step attempt delta text } }';
const RUN_EVENTS = 'subscription($runId: ID!) { runEvents(runId: $runId) { type data } }';

type Delta = { runId: string; step: number; attempt: number; delta: string; text: string };
type Event = { type: string; data: { thought?: string } };

function dataOf<T>(body: GraphQLBody): T {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as T;
}

type FakeServer = { url: string; close(): Promise<void> };

const protocols: {
  name: string;
  provider: 'OPENAI' | 'ANTHROPIC';
  model: string;
  start(): Promise<FakeServer>;
  llm(url: string): ReasoningProvidersConfig;
}[] = [
  {
    name: 'OpenAI-protocol',
    provider: 'OPENAI',
    model: 'gpt-4o-mini',
    start: () =>
      startFakeOpenAiServer({
        script: () => ({ name: 'finish', arguments: { output: 'done' } }),
        thought: () => THOUGHT,
        latencyMs: 300,
        chunkDelayMs: 30,
      }),
    llm: (url) => ({ openaiBaseUrl: url, retry: { maxRetries: 0 } }),
  },
  {
    name: 'Anthropic-protocol',
    provider: 'ANTHROPIC',
    model: 'claude-haiku-4-5',
    start: () =>
      startFakeAnthropicServer({
        script: () => ({ name: 'finish', arguments: { output: 'done' } }),
        thought: () => THOUGHT,
        latencyMs: 300,
        chunkDelayMs: 30,
      }),
    llm: (url) => ({ anthropicApiKey: 'sk-ant-test', anthropicBaseUrl: url, retry: { maxRetries: 0 } }),
  },
];

for (const protocol of protocols) {
  describe(`runThoughtDelta over graphql-ws with a streaming ${protocol.name} server (PGlite)`, () => {
    let t: TestApi;
    let drop: () => Promise<void>;
    let fake: FakeServer;

    beforeAll(async () => {
      const target = await createTestPglite();
      drop = target.drop;
      fake = await protocol.start();
      t = await startTestApi({ db: target.db, llm: protocol.llm(fake.url) });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
      await drop();
    });

    it('pushes the thought piece by piece before ReasoningCompleted, which then holds the same text', async () => {
      const token = await t.tokenFor('admin');
      const agent = dataOf<{ createAgent: { id: string } }>(
        (
          await t.gql(
            `mutation { createAgent(input: { name: "streamer", purpose: "p", llmProvider: ${protocol.provider}, llmModel: "${protocol.model}", tools: [], systemPrompt: "" }) { id } }`,
            {},
            { token },
          )
        ).body,
      ).createAgent;
      const run = dataOf<{ startRun: { id: string } }>(
        (
          await t.gql(
            'mutation($agentId: ID!) { startRun(input: { agentId: $agentId, inputs: { goal: "answer" } }) { id } }',
            { agentId: agent.id },
            { token },
          )
        ).body,
      ).startRun;
      const client = wsClient(t.wsUrl, token);
      try {
        const deltas = collect<Delta>(client, THOUGHT_DELTAS, { runId: run.id }, 'runThoughtDelta');
        const events = collect<Event>(client, RUN_EVENTS, { runId: run.id }, 'runEvents');
        // The first piece of the thought is here while the log has no ReasoningCompleted yet.
        await deltas.until(1);
        assert.equal(
          events.items.some((event) => event.type === 'ReasoningCompleted'),
          false,
          'deltas come before the record',
        );
        await waitForRunStatus(t, token, run.id, ['COMPLETED']);
        const completed = await (async () => {
          for (let i = 0; i < 200; i++) {
            const found = events.items.find((event) => event.type === 'ReasoningCompleted');
            if (found) return found;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          throw new Error('ReasoningCompleted never arrived');
        })();

        assert.ok(deltas.items.length >= 5, `the thought arrived in pieces (${deltas.items.length})`);
        for (const [index, delta] of deltas.items.entries()) {
          assert.equal(delta.runId, run.id);
          assert.equal(delta.step, 1);
          assert.equal(delta.attempt, 1);
          assert.ok(THOUGHT.startsWith(delta.text), `a prefix of the thought: ${delta.text}`);
          if (index > 0) assert.equal(delta.text, deltas.items[index - 1]?.text + delta.delta);
        }
        assert.equal(deltas.items.at(-1)?.text, THOUGHT, 'the last live text is the whole thought');
        assert.equal(completed.data.thought, THOUGHT, 'the record holds the same thought');
        deltas.stop();
        events.stop();
      } finally {
        await client.dispose();
      }
    });
  });
}

describe('runThoughtDelta when the stream breaks mid-answer and the provider retries (PGlite)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let fake: Awaited<ReturnType<typeof startFakeOpenAiServer>>;

  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    fake = await startFakeOpenAiServer({
      script: () => ({ name: 'finish', arguments: { output: 'done' } }),
      thought: () => THOUGHT,
      latencyMs: 300,
      chunkDelayMs: 20,
      breakStreams: 1,
    });
    t = await startTestApi({
      db: target.db,
      llm: { openaiBaseUrl: fake.url, retry: { maxRetries: 1, sleep: async () => undefined } },
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await drop();
  });

  it('starts the live text over for the second attempt, which ends as the recorded thought', async () => {
    const token = await t.tokenFor('admin');
    const agent = dataOf<{ createAgent: { id: string } }>(
      (
        await t.gql(
          'mutation { createAgent(input: { name: "retrier", purpose: "p", llmProvider: OPENAI, llmModel: "gpt-4o-mini", tools: [], systemPrompt: "" }) { id } }',
          {},
          { token },
        )
      ).body,
    ).createAgent;
    const run = dataOf<{ startRun: { id: string } }>(
      (
        await t.gql(
          'mutation($agentId: ID!) { startRun(input: { agentId: $agentId, inputs: { goal: "answer" } }) { id } }',
          { agentId: agent.id },
          { token },
        )
      ).body,
    ).startRun;
    const client = wsClient(t.wsUrl, token);
    try {
      const deltas = collect<Delta>(client, THOUGHT_DELTAS, { runId: run.id }, 'runThoughtDelta');
      await waitForRunStatus(t, token, run.id, ['COMPLETED']);
      assert.equal(fake.requests.length, 2, 'the broken answer was asked again once');
      const firstAttempt = deltas.items.filter((delta) => delta.attempt === 1);
      const restart = deltas.items.find((delta) => delta.attempt === 2);
      assert.ok(firstAttempt.length > 0, 'the first attempt streamed');
      assert.notEqual(firstAttempt.at(-1)?.text, THOUGHT, 'and broke before the end');
      assert.deepEqual(restart && { delta: restart.delta, text: restart.text }, { delta: '', text: '' });
      assert.equal(deltas.items.at(-1)?.attempt, 2);
      assert.equal(deltas.items.at(-1)?.text, THOUGHT);
      deltas.stop();
    } finally {
      await client.dispose();
    }
  });
});
