// Hostile inputs, URLs and defaults (issue 9 items 9, 10): each attempt is refused with a code
// naming the field, never a 500 or INTERNAL_SERVER_ERROR, and nothing is stored.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { errorCode, type TestApi } from './api-testkit.ts';
import { METRICS_TOKEN, startHostileApi } from './hostile-kit.ts';

const CREATE_AGENT = 'mutation($input: CreateAgentInput!) { createAgent(input: $input) { id } }';
const agentInput = (patch: Record<string, unknown>) => ({
  name: 'a',
  purpose: 'p',
  llmProvider: 'DEMO',
  llmModel: 'm',
  tools: [],
  systemPrompt: '',
  ...patch,
});

describe('hostile inputs, URLs and defaults at the API edge', () => {
  let t: TestApi;
  let admin: string;
  let finish: (expectedTypes: string[]) => Promise<void>;
  beforeAll(async () => {
    ({ t, admin, finish } = await startHostileApi());
  });
  afterAll(() => finish([]));

  describe('hostile: inputs', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a NUL in the agent name', agentInput({ name: 'a\u0000b' }), 'input.name'],
      ['a lone surrogate in the agent name', agentInput({ name: 'a\ud800b' }), 'input.name'],
      ['a 900 KB agent name', agentInput({ name: 'x'.repeat(900_000) }), 'input.name'],
      ['a 40 KB system prompt', agentInput({ systemPrompt: 'x'.repeat(40_000) }), 'input.systemPrompt'],
      ['a lone low surrogate in the purpose', agentInput({ purpose: '\udc00' }), 'input.purpose'],
      ['a NUL in a tool name', agentInput({ tools: ['echo\u0000'] }), 'input.tools[0]'],
    ];
    for (const [what, input, field] of cases) {
      it(`createAgent with ${what} is BAD_USER_INPUT naming ${field}`, async () => {
        const { status, body } = await t.gql(CREATE_AGENT, { input }, { token: admin });
        assert.ok(status < 500, String(status));
        assert.equal(errorCode(body), 'BAD_USER_INPUT', JSON.stringify(body).slice(0, 300));
        assert.equal(body.errors?.[0]?.extensions?.field, field);
      });
    }

    it('login with a NUL or an empty email, run(id) with a NUL or a surrogate: BAD_USER_INPUT, never INTERNAL', async () => {
      const login = await t.gql('mutation($e: String!) { login(email: $e, password: "x") { token } }', {
        e: 'a\u0000@b.c',
      });
      assert.equal(errorCode(login.body), 'BAD_USER_INPUT');
      assert.equal(login.body.errors?.[0]?.extensions?.field, 'email');
      for (const e of ['', '  ']) {
        const empty = await t.gql('mutation($e: String!) { login(email: $e, password: "") { token } }', {
          e,
        });
        assert.equal(errorCode(empty.body), 'BAD_USER_INPUT', JSON.stringify(empty.body).slice(0, 200));
        assert.equal(empty.body.errors?.[0]?.extensions?.field, 'email');
      }
      for (const id of ['\u0000', '\udfff', 'a'.repeat(5000)]) {
        const run = await t.gql('query($id: ID!) { run(id: $id) { id } }', { id }, { token: admin });
        assert.equal(errorCode(run.body), 'BAD_USER_INPUT', JSON.stringify(run.body).slice(0, 200));
      }
      const inline = await t.gql('{ run(id: "\\u0000") { id } }', {}, { token: admin });
      assert.equal(errorCode(inline.body), 'BAD_USER_INPUT');
    });

    it('a run input nested 100 deep or with a NUL key is BAD_USER_INPUT', async () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 100; i++) deep = { goal: deep };
      for (const inputs of [deep, { 'g\u0000': 'x' }]) {
        const { body } = await t.gql(
          'mutation($inputs: JSON!) { startRun(input: { agentId: "01930000-0000-7000-8000-000000000001", inputs: $inputs }) { id } }',
          { inputs },
          { token: admin },
        );
        assert.equal(errorCode(body), 'BAD_USER_INPUT', JSON.stringify(body).slice(0, 200));
      }
    });

    it('REST bodies follow the same table: a NUL system_prompt, a 900 KB name → 400 naming the field', async () => {
      for (const [patch, field] of [
        [{ system_prompt: 'a\u0000' }, 'system_prompt'],
        [{ name: 'x'.repeat(900_000) }, 'name'],
      ] as const) {
        const response = await fetch(`${t.url}/api/agents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({
            name: 'a',
            purpose: 'p',
            llm_provider: 'demo',
            llm_model: 'm',
            tools: [],
            ...patch,
          }),
        });
        assert.equal(response.status, 400);
        const body = (await response.json()) as { error: string; field: string };
        assert.deepEqual([body.error, body.field], ['BAD_USER_INPUT', field]);
      }
    });

    it('a query over the cost limit over HTTP carries extensions.code', async () => {
      const costly = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: agents { edges { node { id name purpose } } }`).join(' ')} }`;
      const { status, body } = await t.gql(costly, {}, { token: admin });
      assert.ok(status < 500);
      assert.equal(errorCode(body), 'BAD_USER_INPUT', JSON.stringify(body).slice(0, 300));
    });
  });

  describe('hostile: URLs', () => {
    for (const path of [
      '/api/apa/runs/%E0%A4%A',
      '/api/apa/runs/%ED%A0%80',
      '/api/apa/runs/%00',
      '/graphql/%',
      '/metrics%ZZ',
      '/maestro/%C0%AF',
    ]) {
      it(`GET ${path} is 400, never 500`, async () => {
        const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
        assert.equal(response.status, 400);
        assert.equal(((await response.json()) as { error: string }).error, 'BAD_USER_INPUT');
      });
    }
  });

  describe('hostile: defaults', () => {
    it('locked down: no introspection, no suggestions, no GraphiQL', async () => {
      const introspection = await t.gql('{ __schema { types { name } } }', {}, { token: admin });
      assert.equal(errorCode(introspection.body), 'GRAPHQL_VALIDATION_FAILED');
      const suggestion = await t.gql('{ agentz { id } }', {}, { token: admin });
      assert.doesNotMatch(JSON.stringify(suggestion.body), /Did you mean/);
      const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
      assert.doesNotMatch(page.headers.get('content-type') ?? '', /html/);
    });

    it('/metrics: 401 without a token, 403 for an analyst, 200 with METRICS_TOKEN', async () => {
      assert.equal((await fetch(`${t.url}/metrics`)).status, 401);
      const analyst = await t.tokenFor('analyst');
      assert.equal(
        (await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${analyst}` } })).status,
        403,
      );
      const wrong = await fetch(`${t.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-WRONG-0123456789' },
      });
      assert.equal(wrong.status, 401);
      const ok = await fetch(`${t.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /spark_runs/);
    });
  });
});
