import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startFakeOpenAiServer } from '../testkit/fake-openai-server.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, type GraphQLBody, startTestApi, type TestApi, waitForRunStatus } from './api-testkit.ts';

function dataOf<T>(body: GraphQLBody): T {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as T;
}

const CREATE_AGENT = `mutation($name: String!, $endpoint: String, $model: String!) {
  createAgent(input: { name: $name, purpose: "p", llmProvider: OPENAI, llmEndpoint: $endpoint, llmModel: $model, tools: ["echo"], systemPrompt: "" }) {
    id llmProvider llmEndpoint llmModel
  }
}`;

describe('named OpenAI-compatible endpoints: two servers at once, each agent reaching its own (PGlite)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let alpha: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  let beta: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  let token: string;

  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    alpha = await startFakeOpenAiServer({
      script: () => ({ name: 'finish', arguments: { output: 'alpha' } }),
    });
    beta = await startFakeOpenAiServer({ script: () => ({ name: 'finish', arguments: { output: 'beta' } }) });
    // Through loadConfig, as `npm start` reads them.
    const config = loadConfig({
      OPENAI_COMPATIBLE_ALPHA_BASE_URL: alpha.url,
      OPENAI_COMPATIBLE_ALPHA_MODELS: 'alpha-small, alpha-large',
      OPENAI_COMPATIBLE_LOCAL_BETA_BASE_URL: beta.url,
      OPENAI_COMPATIBLE_LOCAL_BETA_API_KEY: 'sk-beta-secret',
    });
    t = await startTestApi({
      db: target.db,
      llm: { openaiCompatible: config.openaiCompatible, retry: { maxRetries: 0 } },
    });
    token = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t.close();
    await alpha.close();
    await beta.close();
    await drop();
  });

  it('lists the configured endpoints with names, URLs and models, never a key', async () => {
    const { body } = await t.gql(
      '{ integrations { llmProviders { name provider endpoint configured baseUrl defaultModel models detail } } }',
      {},
      { token },
    );
    const { integrations } = dataOf<{ integrations: { llmProviders: Record<string, unknown>[] } }>(body);
    const named = integrations.llmProviders.filter((provider) => provider.endpoint !== null);
    assert.deepEqual(named, [
      {
        name: 'alpha',
        provider: 'OPENAI',
        endpoint: 'alpha',
        configured: true,
        baseUrl: alpha.url,
        defaultModel: 'alpha-small',
        models: ['alpha-small', 'alpha-large'],
        detail: `OpenAI-compatible endpoint ${alpha.url} (no API key)`,
      },
      {
        name: 'local-beta',
        provider: 'OPENAI',
        endpoint: 'local-beta',
        configured: true,
        baseUrl: beta.url,
        defaultModel: null,
        models: [],
        detail: `OpenAI-compatible endpoint ${beta.url}`,
      },
    ]);
    assert.deepEqual(
      integrations.llmProviders.filter((p) => p.endpoint === null).map((p) => p.name),
      ['openai', 'anthropic', 'demo'],
    );
    assert.doesNotMatch(JSON.stringify(body), /sk-beta-secret/);
  });

  it('runs two agents at once, each on its own endpoint', async () => {
    const a = dataOf<{ createAgent: Record<string, string> }>(
      (await t.gql(CREATE_AGENT, { name: 'on-alpha', endpoint: 'alpha', model: 'alpha-small' }, { token }))
        .body,
    ).createAgent;
    const b = dataOf<{ createAgent: Record<string, string> }>(
      (await t.gql(CREATE_AGENT, { name: 'on-beta', endpoint: 'local-beta', model: 'beta-7b' }, { token }))
        .body,
    ).createAgent;
    assert.deepEqual([a.llmEndpoint, b.llmEndpoint, a.llmProvider], ['alpha', 'local-beta', 'OPENAI']);
    const start = async (agentId: string, goal: string) =>
      dataOf<{ startRun: { id: string } }>(
        (
          await t.gql(
            'mutation($agentId: ID!, $goal: String!) { startRun(input: { agentId: $agentId, inputs: { goal: $goal } }) { id } }',
            { agentId, goal },
            { token },
          )
        ).body,
      ).startRun.id;
    const [runA, runB] = await Promise.all([
      start(a.id ?? '', 'goal for alpha'),
      start(b.id ?? '', 'goal for beta'),
    ]);
    await waitForRunStatus(t, token, runA, ['COMPLETED']);
    await waitForRunStatus(t, token, runB, ['COMPLETED']);
    assert.deepEqual(
      alpha.requests.map((request) => request.goal.includes('goal for alpha')),
      [true],
      'alpha answered only the alpha agent',
    );
    assert.deepEqual(
      beta.requests.map((request) => request.goal.includes('goal for beta')),
      [true],
    );
    const outputs = await Promise.all(
      [runA, runB].map(async (id) => {
        const { body } = await t.gql('query($id: ID!) { run(id: $id) { output } }', { id }, { token });
        return dataOf<{ run: { output: unknown } }>(body).run.output;
      }),
    );
    assert.deepEqual(outputs, ['alpha', 'beta']);
  });

  it('refuses an unknown endpoint, or an endpoint on another provider, naming llmEndpoint', async () => {
    const unknown = await t.gql(CREATE_AGENT, { name: 'x', endpoint: 'gamma', model: 'm' }, { token });
    assert.equal(errorCode(unknown.body), 'BAD_USER_INPUT');
    assert.match(unknown.body.errors?.[0]?.message ?? '', /gamma.*alpha, local-beta/);
    assert.equal(unknown.body.errors?.[0]?.extensions?.field, 'llmEndpoint');
    const wrongProvider = await t.gql(
      'mutation { createAgent(input: { name: "y", purpose: "p", llmProvider: ANTHROPIC, llmEndpoint: "alpha", llmModel: "claude-haiku-4-5", tools: [], systemPrompt: "" }) { id } }',
      {},
      { token },
    );
    assert.equal(wrongProvider.body.errors?.[0]?.extensions?.field, 'llmEndpoint');
  });

  it('an agent moves between endpoints, and back to the default with ""', async () => {
    const created = dataOf<{ createAgent: { id: string } }>(
      (await t.gql(CREATE_AGENT, { name: 'mover', endpoint: 'alpha', model: 'alpha-small' }, { token })).body,
    ).createAgent;
    const update = (input: string) =>
      t.gql(
        `mutation($id: ID!) { updateAgent(id: $id, input: ${input}) { llmEndpoint llmModel } }`,
        {
          id: created.id,
        },
        { token },
      );
    assert.deepEqual(dataOf((await update('{ llmModel: "alpha-large" }')).body), {
      updateAgent: { llmEndpoint: 'alpha', llmModel: 'alpha-large' },
    });
    assert.deepEqual(dataOf((await update('{ llmEndpoint: "local-beta" }')).body), {
      updateAgent: { llmEndpoint: 'local-beta', llmModel: 'alpha-large' },
    });
    assert.deepEqual(dataOf((await update('{ llmEndpoint: "" }')).body), {
      updateAgent: { llmEndpoint: null, llmModel: 'alpha-large' },
    });
  });

  it('testLlmProvider reaches a named endpoint', async () => {
    const { body } = await t.gql(
      'mutation { testLlmProvider(provider: OPENAI, endpoint: "alpha") { ok model } }',
      {},
      { token },
    );
    assert.deepEqual(dataOf(body), { testLlmProvider: { ok: true, model: 'alpha-small' } });
  });
});
