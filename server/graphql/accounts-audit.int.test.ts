// Users, tokens and the audit trail through the API: every account action is refused or takes
// effect at once, and each one, like agent and run changes and logins, lands in `auditLog` with
// who did it and from where.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDatabase, createTestPglite } from '../testkit/postgres.ts';
import { errorCode, type GraphQLBody, startEchoRun, startTestApi, type TestApi } from './api-testkit.ts';

const UA = 'audit-test/1.0 (integration)';
const PASSWORD = 'correct-horse-battery';

interface Entry {
  kind: string;
  actor: string | null;
  actorId: string | null;
  target: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  decision: string | null;
  data: Record<string, unknown>;
}

function dataOf<T = Record<string, unknown>>(body: GraphQLBody): T {
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as T;
}

const ENTRY_FIELDS = 'kind actor actorId target clientAddress userAgent decision data';

const targets = [
  { name: 'PGlite', open: createTestPglite },
  { name: 'PostgreSQL', open: () => createTestDatabase('spark_audit') },
];

for (const target of targets) {
  describe(`users, tokens and the audit trail over the API (${target.name})`, () => {
    let t: TestApi;
    let drop: () => Promise<void>;
    let admin: string;
    /** A GraphQL call with the test's User-Agent, as `token` (or anonymous). */
    const call = (query: string, variables: Record<string, unknown>, token?: string) =>
      t.gql(query, variables, { ...(token ? { token } : {}), headers: { 'user-agent': UA } });
    const login = async (email: string, password = PASSWORD) =>
      call('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
        e: email,
        p: password,
      });
    const createUser = async (email: string, role: string) =>
      dataOf<{ createUser: { id: string } }>(
        (
          await call(
            'mutation($e: String!, $p: String!, $r: Role!) { createUser(email: $e, password: $p, role: $r) { id } }',
            { e: email, p: PASSWORD, r: role },
            admin,
          )
        ).body,
      ).createUser.id;
    const sessionOf = async (email: string) =>
      dataOf<{ login: { token: string } }>((await login(email)).body).login.token;
    /** The audit entries `filter` matches, once the read model has them all (`count`). */
    const audit = async (filter: Record<string, unknown>, count: number): Promise<Entry[]> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        // Under load a poll may meet a kept-alive socket the server just closed: ask again.
        const response = await call(
          `query($f: AuditLogFilter) { auditLog(filter: $f, first: 50) { edges { node { ${ENTRY_FIELDS} } } } }`,
          { f: filter },
          admin,
        ).catch((error: unknown) => {
          if (Date.now() > deadline) throw error;
          return null;
        });
        if (!response) continue;
        const entries = dataOf<{ auditLog: { edges: { node: Entry }[] } }>(response.body).auditLog.edges.map(
          (edge) => edge.node,
        );
        if (entries.length >= count || Date.now() > deadline) return entries;
        await sleep(100);
      }
    };

    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      t = await startTestApi({ db: opened.db });
      admin = await t.tokenFor('admin');
    });
    afterAll(async () => {
      await t.close();
      await drop();
    });

    it('records logins, successful and failed, with the address and User-Agent of the request', async () => {
      await createUser('login@example.com', 'OPERATOR');
      assert.equal(
        errorCode((await login('login@example.com', 'wrong-password-123')).body),
        'UNAUTHENTICATED',
      );
      await sessionOf('login@example.com');
      const entries = await audit(
        { actor: 'login@example.com', kinds: ['LOGIN_SUCCEEDED', 'LOGIN_FAILED'] },
        2,
      );
      assert.deepEqual(
        entries.map((entry) => [entry.kind, entry.decision, entry.clientAddress, entry.userAgent]),
        [
          ['LOGIN_SUCCEEDED', 'password', '127.0.0.1', UA],
          ['LOGIN_FAILED', 'wrong_credentials', '127.0.0.1', UA],
        ],
      );
      assert.equal(entries[0]?.actor, 'login@example.com');
      assert.equal(entries[1]?.target, 'account:login@example.com');
    });

    it('changes a role with effect on the next request, and audits who changed it', async () => {
      const id = await createUser('role@example.com', 'OPERATOR');
      const session = await sessionOf('role@example.com');
      const cancel = 'mutation { cancelRun(id: "01930000-0000-7000-8000-00000000dead") { id } }';
      assert.equal(errorCode((await call(cancel, {}, session)).body), 'NOT_FOUND', 'an operator may cancel');
      const changed = await call(
        'mutation($id: ID!) { changeUserRole(id: $id, role: ANALYST) { role active } }',
        { id },
        admin,
      );
      assert.deepEqual(dataOf(changed.body).changeUserRole, { role: 'ANALYST', active: true });
      assert.equal(
        errorCode((await call(cancel, {}, session)).body),
        'FORBIDDEN',
        'the same session, now an analyst',
      );
      const [entry] = await audit({ target: `user:${id}`, kinds: ['USER_ROLE_CHANGED'] }, 1);
      assert.deepEqual(
        [
          entry?.actor,
          entry?.decision,
          entry?.data.from,
          entry?.data.to,
          entry?.clientAddress,
          entry?.userAgent,
        ],
        ['admin@test.local', 'analyst', 'operator', 'analyst', '127.0.0.1', UA],
      );
      const created = await audit({ target: id, kinds: ['USER_CREATED'] }, 1);
      assert.equal(created[0]?.actor, 'admin@test.local');
    });

    it('deactivation ends the sessions and API tokens of the account at once; reactivation restores them', async () => {
      const id = await createUser('owner@example.com', 'ADMIN');
      await createUser('owner-peer@example.com', 'ADMIN'); // so that the owner is not the last admin
      const session = await sessionOf('owner@example.com');
      const created = await call(
        'mutation { createApiToken(name: "owner script", role: INTEGRATOR) { token apiToken { id } } }',
        {},
        session,
      );
      const { token } = dataOf<{ createApiToken: { token: string } }>(created.body).createApiToken;
      const me = '{ me { id } }';
      assert.equal(
        dataOf<{ me: { id: string } }>((await call(me, {}, token)).body).me.id.startsWith('token:'),
        true,
      );

      const off = await call(
        'mutation($id: ID!) { deactivateUser(id: $id) { active deactivatedAt } }',
        { id },
        admin,
      );
      assert.equal((dataOf(off.body).deactivateUser as { active: boolean }).active, false);
      const refusedSession = await call(me, {}, session);
      assert.equal(errorCode(refusedSession.body), 'UNAUTHENTICATED');
      assert.match(JSON.stringify(refusedSession.body.errors), /deactivated/);
      assert.equal(errorCode((await call(me, {}, token)).body), 'UNAUTHENTICATED');
      const refusedLogin = await login('owner@example.com');
      assert.match(JSON.stringify(refusedLogin.body.errors), /This account is deactivated/);

      await call('mutation($id: ID!) { reactivateUser(id: $id) { id } }', { id }, admin);
      assert.equal(errorCode((await call(me, {}, session)).body), undefined);
      assert.equal(errorCode((await call(me, {}, token)).body), undefined);

      const kinds = ['USER_DEACTIVATED', 'USER_REACTIVATED', 'API_TOKEN_CREATED', 'LOGIN_FAILED'];
      const entries = await audit({ kinds, actor: 'owner@example.com' }, 2);
      assert.deepEqual(
        entries.map((entry) => entry.kind),
        ['LOGIN_FAILED', 'API_TOKEN_CREATED'],
        'the owner’s own actions',
      );
      const byAdmin = await audit({ kinds, target: id }, 2);
      assert.deepEqual(
        byAdmin.map((entry) => [entry.kind, entry.actor]),
        [
          ['USER_REACTIVATED', 'admin@test.local'],
          ['USER_DEACTIVATED', 'admin@test.local'],
        ],
      );
    });

    it('removal ends sessions, revokes the account’s tokens and is audited', async () => {
      const id = await createUser('leaver@example.com', 'ADMIN');
      const session = await sessionOf('leaver@example.com');
      const created = await call(
        'mutation { createApiToken(name: "leaver script") { token apiToken { id } } }',
        {},
        session,
      );
      const { token, apiToken } = dataOf<{ createApiToken: { token: string; apiToken: { id: string } } }>(
        created.body,
      ).createApiToken;
      const removed = await call('mutation($id: ID!) { removeUser(id: $id) { email } }', { id }, admin);
      assert.deepEqual(dataOf(removed.body).removeUser, { email: 'leaver@example.com' });
      const refused = await call('{ me { id } }', {}, session);
      assert.match(JSON.stringify(refused.body.errors), /This account was removed/);
      assert.match(JSON.stringify((await call('{ me { id } }', {}, token)).body.errors), /revoked/);
      const users = dataOf<{ users: { id: string }[] }>(
        (await call('{ users { id } }', {}, admin)).body,
      ).users;
      assert.equal(
        users.some((user) => user.id === id),
        false,
      );
      const tokens = dataOf<{ apiTokens: { id: string; revokedAt: string | null }[] }>(
        (await call('{ apiTokens { id revokedAt } }', {}, admin)).body,
      ).apiTokens;
      assert.ok(tokens.find((item) => item.id === apiToken.id)?.revokedAt);
      const [entry] = await audit({ target: id, kinds: ['USER_REMOVED'] }, 1);
      assert.deepEqual(entry?.data, { userId: id, email: 'leaver@example.com', revokedTokens: 1 });
      assert.equal(
        errorCode((await call('mutation($id: ID!) { removeUser(id: $id) { id } }', { id }, admin)).body),
        'NOT_FOUND',
      );
    });

    it('refuses to demote, deactivate or remove the last active admin', async () => {
      const users = dataOf<{ users: { id: string; role: string; active: boolean }[] }>(
        (await call('{ users { id role active } }', {}, admin)).body,
      ).users;
      // Every admin but one loses the role, so the remaining one is the last.
      const admins = users.filter((user) => user.role === 'ADMIN' && user.active);
      const last = await createUser('last-admin@example.com', 'ADMIN');
      for (const other of admins)
        dataOf(
          (
            await call(
              'mutation($id: ID!) { changeUserRole(id: $id, role: OPERATOR) { id } }',
              { id: other.id },
              admin,
            )
          ).body,
        );
      for (const mutation of [
        'mutation($id: ID!) { changeUserRole(id: $id, role: OPERATOR) { id } }',
        'mutation($id: ID!) { deactivateUser(id: $id) { id } }',
        'mutation($id: ID!) { removeUser(id: $id) { id } }',
      ]) {
        const refused = await call(mutation, { id: last }, admin);
        assert.equal(errorCode(refused.body), 'CONFLICT', mutation);
        assert.match(JSON.stringify(refused.body.errors), /last-admin@example.com is the last active admin/);
      }
      const still = dataOf<{ users: { id: string; role: string; active: boolean }[] }>(
        (await call('{ users { id role active } }', {}, admin)).body,
      ).users.find((user) => user.id === last);
      assert.deepEqual(still, { id: last, role: 'ADMIN', active: true }, 'nothing changed');
      const other = await createUser('second-admin@example.com', 'ADMIN');
      dataOf((await call('mutation($id: ID!) { deactivateUser(id: $id) { id } }', { id: last }, admin)).body);
      assert.equal(
        errorCode(
          (await call('mutation($id: ID!) { removeUser(id: $id) { id } }', { id: other }, admin)).body,
        ),
        'CONFLICT',
        'a deactivated admin does not count',
      );
    });

    it('API tokens expire, refuse a past expiry, and record their last use without a write per request', async () => {
      const past = await call(
        'mutation($at: DateTime) { createApiToken(name: "old", expiresAt: $at) { token } }',
        { at: new Date(Date.now() - 1000).toISOString() },
        admin,
      );
      assert.equal(errorCode(past.body), 'BAD_USER_INPUT');
      const expiresAt = new Date(Date.now() + 3000);
      const created = await call(
        'mutation($at: DateTime) { createApiToken(name: "short", expiresAt: $at) { token apiToken { id expiresAt lastUsedAt } } }',
        { at: expiresAt.toISOString() },
        admin,
      );
      const { token, apiToken } = dataOf<{
        createApiToken: {
          token: string;
          apiToken: { id: string; expiresAt: string; lastUsedAt: string | null };
        };
      }>(created.body).createApiToken;
      assert.equal(apiToken.expiresAt, expiresAt.toISOString());
      assert.equal(apiToken.lastUsedAt, null);
      const lastUsed = async () =>
        dataOf<{ apiTokens: { id: string; lastUsedAt: string | null }[] }>(
          (await call('{ apiTokens { id lastUsedAt } }', {}, admin)).body,
        ).apiTokens.find((item) => item.id === apiToken.id)?.lastUsedAt ?? null;
      assert.equal(errorCode((await call('{ me { id } }', {}, token)).body), undefined);
      let first: string | null = null;
      for (let i = 0; i < 50 && first === null; i++) {
        first = await lastUsed();
        if (first === null) await sleep(50);
      }
      assert.ok(first, 'the first use is recorded');
      await call('{ me { id } }', {}, token);
      await sleep(200);
      assert.equal(await lastUsed(), first, 'a second use within the interval writes nothing');

      await sleep(Math.max(0, expiresAt.getTime() - Date.now() + 100));
      const refused = await call('{ me { id } }', {}, token);
      assert.equal(errorCode(refused.body), 'UNAUTHENTICATED');
      assert.match(JSON.stringify(refused.body.errors), /expired/);
      const [entry] = await audit({ target: apiToken.id, kinds: ['API_TOKEN_CREATED'] }, 1);
      assert.equal(entry?.data.expiresAt, expiresAt.toISOString());
    });

    it('audits agent and run changes with their actor, address and User-Agent', async () => {
      const runId = await startEchoRun(t);
      dataOf(
        (
          await call(
            'mutation($id: ID!) { cancelRun(id: $id, reason: "enough") { id } }',
            { id: runId },
            admin,
          )
        ).body,
      );
      const entries = await audit({ target: `run:${runId}`, kinds: ['RUN_STARTED', 'RUN_CANCELLED'] }, 2);
      assert.deepEqual(
        entries.map((entry) => [entry.kind, entry.actor, entry.clientAddress]),
        [
          ['RUN_CANCELLED', 'admin@test.local', '127.0.0.1'],
          ['RUN_STARTED', 'admin@test.local', '127.0.0.1'],
        ],
      );
      assert.equal(entries[0]?.userAgent, UA);
      const agents = await audit({ kinds: ['AGENT_CREATED'], actor: 'admin@test.local' }, 1);
      assert.ok(agents.length >= 1);
      assert.match(agents[0]?.target ?? '', /^agent:/);
      const bad = await call('{ auditLog(filter: { actor: "" }) { edges { cursor } } }', {}, admin);
      assert.equal(errorCode(bad.body), 'BAD_USER_INPUT');
    });
  });
}
