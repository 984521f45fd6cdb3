// Hostile tokens and websocket frames (issue 9 items 3, 7, 8): each attempt is refused with a code
// or ends the socket with 4401/4403, the server survives, and nothing invalid is stored (only the
// audit of a login back-off).
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { TestApi } from './api-testkit.ts';
import { errorCode } from './api-testkit.ts';
import { codeOf, jwt, RUN_EVENTS, rawSocket, startHostileApi } from './hostile-kit.ts';
import { collect, wsClient } from './ws-testkit.ts';

describe('hostile tokens and frames at the API edge', () => {
  let t: TestApi;
  let admin: string;
  let finish: (expectedTypes: string[]) => Promise<void>;
  beforeAll(async () => {
    ({ t, admin, finish } = await startHostileApi());
  });
  afterAll(() =>
    finish([
      // Two API tokens made and revoked, the victim's account, four wrong guesses (the fourth begins
      // the back-off, in the same append), then the other account: each is in the audit trail.
      'ApiTokenCreated',
      'ApiTokenRevoked',
      'ApiTokenCreated',
      'ApiTokenRevoked',
      'UserCreated',
      'LoginFailed',
      'LoginFailed',
      'LoginFailed',
      'LoginFailed',
      'LoginThrottled',
      'UserCreated',
      'LoginSucceeded',
    ]),
  );

  /** The admin who creates the API tokens the probes revoke. */
  const ADMIN = { id: 'user-admin', role: 'admin', email: null, tokenId: null, viaLoginLink: false } as const;

  describe('hostile: tokens', () => {
    it('a revoked API token ends the socket it opened, with its running subscription (4401)', async () => {
      const { token, apiToken } = await t.api.auth.createApiToken({ name: 'probe', role: 'admin' }, ADMIN);
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
      const { token, apiToken } = await t.api.auth.createApiToken({ name: 'probe2', role: 'admin' }, ADMIN);
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
      // The 4th failure locked the account (for a minute here): the 5th is refused unchecked.
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
});
