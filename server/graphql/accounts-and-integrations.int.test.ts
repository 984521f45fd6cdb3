import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFirstAdmin } from '../auth/first-admin.ts';
import { startFakeOpenAiServer } from '../testkit/fake-openai-server.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { AGENT_EMAIL_FROM } from '../tools.ts';
import { errorCode, type GraphQLBody, startTestApi, type TestApi } from './api-testkit.ts';

function dataOf(body: GraphQLBody): Record<string, unknown> {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

const TEST_PROVIDER =
  'mutation($provider: LlmProvider!) { testLlmProvider(provider: $provider) { ok latencyMs message model } }';

describe('accounts and integrations over the API (PGlite)', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let fakeOpenAi: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    fakeOpenAi = await startFakeOpenAiServer({
      script: () => ({ name: 'finish', arguments: { output: 'OK' } }),
    });
    t = await startTestApi({
      db: target.db,
      llm: { openaiBaseUrl: fakeOpenAi.url, retry: { maxRetries: 0 } },
      mcpServers: [
        {
          name: 'files',
          transport: 'stdio',
          target: 'npx files-mcp',
          connected: true,
          tools: ['echo'],
          error: null,
        },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await fakeOpenAi.close();
    await drop();
  });

  it('the first admin sets a password through the link session, then logs in with it', async () => {
    const first = await createFirstAdmin({ auth: t.api.auth, baseUrl: t.url });
    assert.ok(first);
    const linked = dataOf(
      (
        await t.gql('mutation($token: String!) { loginWithLink(token: $token) { token } }', {
          token: first.linkToken,
        })
      ).body,
    );
    const linkToken = (linked.loginWithLink as { token: string }).token;
    const me = await t.gql('{ me { email viaLoginLink } }', {}, { token: linkToken });
    assert.deepEqual(dataOf(me.body).me, { email: first.email, viaLoginLink: true });

    const short = await t.gql(
      'mutation { setPassword(newPassword: "too short") { id } }',
      {},
      { token: linkToken },
    );
    assert.equal(errorCode(short.body), 'BAD_USER_INPUT');
    assert.equal(short.body.errors?.[0]?.extensions?.field, 'newPassword');
    const set = await t.gql(
      'mutation { setPassword(newPassword: "a long enough passphrase") { email } }',
      {},
      { token: linkToken },
    );
    assert.deepEqual(dataOf(set.body).setPassword, { email: first.email });

    const login = async (password: string) =>
      t.gql(
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        {
          email: first.email,
          password,
        },
      );
    const session = dataOf((await login('a long enough passphrase')).body).login as { token: string };
    const again = await t.gql('{ me { viaLoginLink } }', {}, { token: session.token });
    assert.deepEqual(dataOf(again.body).me, { viaLoginLink: false });

    // A password session must give the current password.
    const change =
      'mutation($current: String) { setPassword(currentPassword: $current, newPassword: "another long passphrase") { id } }';
    for (const current of [null, 'not the password']) {
      const refused = await t.gql(change, { current }, { token: session.token });
      assert.equal(errorCode(refused.body), 'BAD_USER_INPUT');
      assert.equal(refused.body.errors?.[0]?.extensions?.field, 'currentPassword');
    }
    dataOf((await t.gql(change, { current: 'a long enough passphrase' }, { token: session.token })).body);
    assert.equal(errorCode((await login('a long enough passphrase')).body), 'UNAUTHENTICATED');
    dataOf((await login('another long passphrase')).body);
  });

  it('an API token has no password to set', async () => {
    const admin = await t.tokenFor('admin');
    const created = dataOf(
      (await t.gql('mutation { createApiToken(name: "ci") { token } }', {}, { token: admin })).body,
    );
    const apiToken = (created.createApiToken as { token: string }).token;
    const refused = await t.gql(
      'mutation { setPassword(newPassword: "a long enough passphrase") { id } }',
      {},
      {
        token: apiToken,
      },
    );
    assert.equal(errorCode(refused.body), 'FORBIDDEN');
  });

  it('admins create and list users; bad input and duplicate emails are refused', async () => {
    const admin = await t.tokenFor('admin');
    const create =
      'mutation($email: String!, $password: String!) { createUser(email: $email, password: $password, role: ANALYST) { id email role createdAt } }';
    const created = dataOf(
      (await t.gql(create, { email: 'Ana@Example.com', password: 'twelve chars!' }, { token: admin })).body,
    );
    const user = created.createUser as { id: string; email: string; role: string };
    assert.deepEqual([user.email, user.role], ['ana@example.com', 'ANALYST']);
    const duplicate = await t.gql(
      create,
      { email: 'ana@example.com', password: 'twelve chars!' },
      { token: admin },
    );
    assert.equal(errorCode(duplicate.body), 'CONFLICT');
    const short = await t.gql(create, { email: 'bob@example.com', password: 'short' }, { token: admin });
    assert.equal(errorCode(short.body), 'BAD_USER_INPUT');
    assert.equal(short.body.errors?.[0]?.extensions?.field, 'password');
    const badEmail = await t.gql(create, { email: 'bob', password: 'twelve chars!' }, { token: admin });
    assert.equal(badEmail.body.errors?.[0]?.extensions?.field, 'email');
    const users = dataOf((await t.gql('{ users { id email role } }', {}, { token: admin })).body).users as {
      id: string;
    }[];
    assert.ok(users.some((listed) => listed.id === user.id));
  });

  it('describes providers, tools, MCP servers, mail and the embedder', async () => {
    const { integrations } = dataOf(
      (
        await t.gql(
          `{ integrations {
              llmProviders { provider configured baseUrl defaultModel models }
              tools { name configured detail source risk }
              mcpServers { name transport target connected tools error }
              smtp { mode configured host from }
              embedder
          } }`,
          {},
          { token: await t.tokenFor('analyst') },
        )
      ).body,
    ) as {
      integrations: {
        llmProviders: { provider: string; configured: boolean; baseUrl: string | null; models: string[] }[];
        tools: unknown[];
        mcpServers: unknown[];
        smtp: unknown;
        embedder: string;
      };
    };
    const providers = Object.fromEntries(integrations.llmProviders.map((p) => [p.provider, p]));
    assert.deepEqual(
      [providers.OPENAI?.configured, providers.OPENAI?.baseUrl, providers.ANTHROPIC?.configured],
      [true, fakeOpenAi.url, false],
    );
    assert.ok(providers.OPENAI?.models.includes('gpt-4o-mini'));
    assert.ok(providers.ANTHROPIC?.models.every((model) => model.startsWith('claude')));
    assert.deepEqual(providers.DEMO?.configured, true);
    assert.deepEqual(integrations.tools, [
      {
        name: 'echo',
        configured: true,
        detail: 'times out after 1 s; idempotent',
        source: 'mcp:files',
        risk: 'HIGH',
      },
    ]);
    assert.equal(integrations.mcpServers.length, 1);
    assert.deepEqual(integrations.smtp, {
      mode: 'outbox',
      configured: false,
      host: null,
      from: AGENT_EMAIL_FROM,
    });
    assert.equal(integrations.embedder, 'local-hashing-v1');
  });

  it('tests a provider with one real call; a failure is ok: false, an unknown provider bad input', async () => {
    const operator = await t.tokenFor('operator');
    const demo = dataOf((await t.gql(TEST_PROVIDER, { provider: 'DEMO' }, { token: operator })).body);
    assert.deepEqual(demo.testLlmProvider, {
      ok: true,
      latencyMs: (demo.testLlmProvider as { latencyMs: number }).latencyMs,
      message: 'The built-in demo provider answered: scripted, offline, no cost.',
      model: 'demo-scripted-v1',
    });
    const openai = dataOf((await t.gql(TEST_PROVIDER, { provider: 'OPENAI' }, { token: operator })).body)
      .testLlmProvider as { ok: boolean; model: string; latencyMs: number };
    assert.deepEqual([openai.ok, openai.model], [true, 'gpt-4o-mini']);
    assert.ok(openai.latencyMs >= 0);
    assert.equal(fakeOpenAi.requests.length, 1, 'exactly one call reached the provider');
    const anthropic = dataOf(
      (await t.gql(TEST_PROVIDER, { provider: 'ANTHROPIC' }, { token: operator })).body,
    ).testLlmProvider as { ok: boolean; message: string };
    assert.equal(anthropic.ok, false);
    assert.match(anthropic.message, /ANTHROPIC_API_KEY/);
    const unknown = await t.gql(TEST_PROVIDER, { provider: 'MISTRAL' }, { token: operator });
    assert.equal(errorCode(unknown.body), 'BAD_USER_INPUT');
  });
});
