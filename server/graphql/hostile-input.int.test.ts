// Hostile input at the API edge (issue 9 items 3, 7–10): each attempt is refused with a code, the
// socket or server survives, and nothing invalid is stored. Classes: tokens, websocket frames,
// inputs, URLs, defaults.
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import WebSocket from 'ws';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, type GraphQLBody, startTestApi, TEST_JWT_SECRET, type TestApi } from './api-testkit.ts';
import { collect, wsClient } from './ws-testkit.ts';

const RUN_EVENTS = 'subscription($runId: ID!) { runEvents(runId: $runId) { position } }';
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

/** A JWT signed with the server's secret (so only its `exp` can make it fail). */
async function jwt(role: string, expiresInSeconds: number): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`hostile-${role}`)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

/** Opens a raw graphql-ws socket; resolves its close code (or null after `timeoutMs`). */
function rawSocket(url: string, token: string) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: { id?: string; type: string; payload?: unknown }[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
    socket.once('close', (code) => reject(new Error(`closed ${code} before ack`)));
  });
  return {
    socket,
    messages,
    ready,
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    closeCode: (timeoutMs: number) =>
      Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]),
    /** The payload of the first `next` or `error` message for operation `id`. */
    async reply(id: string, timeoutMs = 5000): Promise<{ type: string; payload: unknown }> {
      for (let waited = 0; waited < timeoutMs; waited += 20) {
        const found = messages.find((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
        if (found) return { type: found.type, payload: found.payload };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no reply to ${id}`);
    },
  };
}

/** The first error's code (`extensions.code`) of a graphql-ws `next` or `error` payload. */
function codeOf(reply: { type: string; payload: unknown }): unknown {
  const errors =
    reply.type === 'error' ? (reply.payload as GraphQLBody['errors']) : (reply.payload as GraphQLBody).errors;
  return errors?.[0]?.extensions?.code;
}

describe('hostile input at the API edge', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  let admin: string;
  let storedBefore: number;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      production: true,
      limits: { query: { maxCost: 60 }, rate: { capacity: 100_000, refillPerSecond: 100_000 } },
      env: { METRICS_TOKEN: 'metrics-token-metrics-token-0123456789' },
    });
    admin = await t.tokenFor('admin');
    storedBefore = (await t.store.readAll()).length;
  });
  afterAll(async () => {
    // Nothing any attempt sent was stored (only the audit of a login back-off), and all is valid.
    const stored = await t.store.readAll();
    for (const event of stored)
      assert.doesNotThrow(() => eventCatalogue.validate(event.type, event.data), event.type);
    assert.deepEqual(
      stored.slice(storedBefore).map((event) => event.type),
      ['LoginThrottled'],
    );
    await t.close();
    await drop();
  });

  describe('hostile: tokens', () => {
    it('a revoked API token ends the socket it opened, with its running subscription (4401)', async () => {
      const { token, apiToken } = await t.api.auth.createApiToken(
        { name: 'probe', role: 'admin' },
        {
          id: 'user-admin',
          role: 'admin',
          email: null,
          tokenId: null,
          viaLoginLink: false,
        },
      );
      const raw = rawSocket(t.wsUrl, token);
      await raw.ready;
      raw.send({
        id: 'live',
        type: 'subscribe',
        payload: { query: 'subscription { hitlRequested { id } }' },
      });
      raw.send({ id: 'q1', type: 'subscribe', payload: { query: '{ me { role } }' } });
      assert.deepEqual((await raw.reply('q1')).payload, { data: { me: { role: 'ADMIN' } } });
      await t.api.auth.revokeApiToken(apiToken.id);
      // The periodic re-check (5 s) ends the socket though it sends nothing more.
      assert.equal(await raw.closeCode(8000), 4401);
      const after = await t.gql('{ me { id } }', {}, { token });
      assert.equal(errorCode(after.body), 'UNAUTHENTICATED');
    });

    it('a revoked API token cannot start a new operation on its socket', async () => {
      const { token, apiToken } = await t.api.auth.createApiToken(
        { name: 'probe2', role: 'admin' },
        {
          id: 'user-admin',
          role: 'admin',
          email: null,
          tokenId: null,
          viaLoginLink: false,
        },
      );
      const raw = rawSocket(t.wsUrl, token);
      await raw.ready;
      await t.api.auth.revokeApiToken(apiToken.id);
      raw.send({ id: 'users', type: 'subscribe', payload: { query: '{ users { id } }' } });
      assert.equal(await raw.closeCode(3000), 4401);
      assert.equal(
        raw.messages.some((m) => m.type === 'next'),
        false,
      );
    });

    it('an expired JWT ends its socket at expiry, running subscriptions included', async () => {
      const raw = rawSocket(t.wsUrl, await jwt('admin', 2));
      await raw.ready;
      raw.send({
        id: 'live',
        type: 'subscribe',
        payload: { query: 'subscription { hitlRequested { id } }' },
      });
      const started = Date.now();
      assert.equal(await raw.closeCode(6000), 4401);
      assert.ok(Date.now() - started >= 500, 'closed before the token expired');
    });

    it('a forged or expired JWT is refused at connect (4403) and over HTTP (UNAUTHENTICATED)', async () => {
      const forged = await new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-0123456789'));
      const raw = rawSocket(t.wsUrl, forged);
      await assert.rejects(raw.ready);
      assert.equal(await raw.closeCode(1000), 4403);
      const expired = await jwt('admin', -10);
      assert.equal(errorCode((await t.gql('{ me { id } }', {}, { token: expired })).body), 'UNAUTHENTICATED');
    });

    it('guessing one account backs off exponentially, even with the right password, and is audited', async () => {
      await t.api.auth.createUser({
        email: 'victim@test.local',
        password: 'right-password-1',
        role: 'analyst',
      });
      const login = (password: string, from: string) =>
        t.gql(
          'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
          { e: 'Victim@test.local', p: password },
          { headers: { 'x-forwarded-for': from } },
        );
      const codes: unknown[] = [];
      // A new X-Forwarded-For per attempt: it is not a trusted proxy's, so it changes nothing.
      for (let i = 0; i < 5; i++) codes.push(errorCode((await login(`wrong-${i}`, `10.0.0.${i}`)).body));
      assert.deepEqual(codes.slice(0, 4), [
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
      ]);
      // The 4th failure locked the account for 1 s: the 5th is refused unchecked.
      assert.equal(codes[4], 'RATE_LIMITED');
      const locked = await login('right-password-1', '10.9.9.9');
      assert.equal(errorCode(locked.body), 'RATE_LIMITED');
      assert.match(String(locked.body.errors?.[0]?.extensions?.retryAt), /^\d{4}-/);
      // The back-off is in the audit trail, once (when it began), with the address that caused it.
      let entries: { node: Record<string, unknown> }[] = [];
      for (let waited = 0; waited < 5000 && entries.length === 0; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const audit = await t.gql(
          '{ auditLog(kinds: [LOGIN_THROTTLED]) { edges { node { kind decision data } } } }',
          {},
          { token: admin },
        );
        const log = audit.body.data?.auditLog as { edges: { node: Record<string, unknown> }[] } | undefined;
        entries = log?.edges ?? [];
      }
      assert.equal(entries.length, 1);
      assert.match(String(entries[0]?.node.decision), /^locked_until:/);
      const data = (entries[0]?.node.data ?? {}) as Record<string, unknown>;
      // The X-Forwarded-For values were ignored: they did not come from a trusted proxy.
      assert.deepEqual(
        [data.account, data.failures, data.clientAddress],
        ['victim@test.local', 4, '127.0.0.1'],
      );
      // Another account is not affected.
      await t.api.auth.createUser({
        email: 'other@test.local',
        password: 'right-password-2',
        role: 'analyst',
      });
      const other = await t.gql(
        'mutation { login(email: "other@test.local", password: "right-password-2") { token } }',
      );
      assert.equal(errorCode(other.body), undefined);
    });
  });

  describe('hostile: websocket frames', () => {
    it('runEvents(runId: "\\u0000") is BAD_USER_INPUT naming runId; the socket stays open', async () => {
      const raw = rawSocket(t.wsUrl, admin);
      await raw.ready;
      raw.send({
        id: 'nul',
        type: 'subscribe',
        payload: { query: RUN_EVENTS, variables: { runId: '\u0000' } },
      });
      const reply = await raw.reply('nul');
      assert.equal(codeOf(reply), 'BAD_USER_INPUT', JSON.stringify(reply));
      assert.doesNotMatch(JSON.stringify(reply), /unsupported Unicode|invalid byte|22P05|syntax/i);
      raw.send({ id: 'ok', type: 'subscribe', payload: { query: '{ me { role } }' } });
      assert.deepEqual((await raw.reply('ok')).payload, { data: { me: { role: 'ADMIN' } } });
      raw.socket.close();
    });

    it('a query over the cost limit fails alone with a code, never closing the socket (no 4500)', async () => {
      const raw = rawSocket(t.wsUrl, admin);
      await raw.ready;
      const costly = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: agents { edges { node { id name purpose } } }`).join(' ')} }`;
      raw.send({ id: 'cost', type: 'subscribe', payload: { query: costly } });
      assert.equal(codeOf(await raw.reply('cost')), 'BAD_USER_INPUT');
      raw.send({ id: 'syntax', type: 'subscribe', payload: { query: '{ me { ' } });
      assert.equal(codeOf(await raw.reply('syntax')), 'BAD_USER_INPUT');
      raw.send({ id: 'ok', type: 'subscribe', payload: { query: '{ me { role } }' } });
      assert.deepEqual((await raw.reply('ok')).payload, { data: { me: { role: 'ADMIN' } } });
      assert.equal(await raw.closeCode(200), null);
      raw.socket.close();
    });

    it('over SSE too: runEvents with a NUL id is BAD_USER_INPUT', async () => {
      const params = new URLSearchParams({
        query: RUN_EVENTS,
        variables: JSON.stringify({ runId: '\u0000' }),
      });
      const response = await fetch(`${t.url}/graphql?${params}`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${admin}` },
      });
      const text = await response.text();
      assert.match(text, /BAD_USER_INPUT/);
      assert.doesNotMatch(text, /INTERNAL_SERVER_ERROR|unsupported Unicode/);
    });

    it('a graphql-ws client gets masked, coded errors (graphql-ws client)', async () => {
      const client = wsClient(t.wsUrl, admin);
      const sub = collect(client, RUN_EVENTS, { runId: '\ud800' }, 'runEvents');
      await assert.rejects(sub.until(1, 5000), (error: unknown) => {
        assert.match(JSON.stringify(error), /BAD_USER_INPUT/);
        return true;
      });
      await client.dispose();
    });
  });

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

    it('login with a NUL email, run(id) with a NUL or a surrogate: BAD_USER_INPUT, never INTERNAL', async () => {
      const login = await t.gql('mutation($e: String!) { login(email: $e, password: "x") { token } }', {
        e: 'a\u0000@b.c',
      });
      assert.equal(errorCode(login.body), 'BAD_USER_INPUT');
      assert.equal(login.body.errors?.[0]?.extensions?.field, 'email');
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
        headers: { authorization: 'Bearer metrics-token-metrics-token-0123456789' },
      });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /spark_runs/);
    });
  });
});
