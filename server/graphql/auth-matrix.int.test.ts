import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Role } from '../auth/roles.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, startTestApi, type TestApi } from './api-testkit.ts';
import { apiSchema } from './schema.ts';
import { collect, wsClient } from './ws-testkit.ts';

const ID = '01930000-0000-7000-8000-00000000dead';
const ALL = Object.values(Role);
const { Admin: admin, Operator: operator, Analyst: analyst, Integrator: integrator } = Role;

/** Every operation of the schema: a minimal document and the roles it is open to. */
const OPERATIONS: Record<string, { doc: string; roles: readonly Role[] }> = {
  agents: { doc: '{ agents { edges { cursor } } }', roles: ALL },
  agent: { doc: `{ agent(id: "${ID}") { id } }`, roles: ALL },
  runs: { doc: '{ runs { edges { cursor } } }', roles: ALL },
  run: { doc: `{ run(id: "${ID}") { id } }`, roles: ALL },
  hitlRequests: { doc: '{ hitlRequests(status: PENDING) { edges { cursor } } }', roles: ALL },
  hitlRequest: { doc: `{ hitlRequest(id: "${ID}") { id } }`, roles: ALL },
  searchMemories: { doc: `{ searchMemories(agentId: "${ID}", query: "x") { id } }`, roles: ALL },
  policies: { doc: '{ policies { id } }', roles: ALL },
  metrics: { doc: '{ metrics { runs } }', roles: ALL },
  outbox: { doc: '{ outbox { edges { cursor } } }', roles: ALL },
  me: { doc: '{ me { id } }', roles: ALL },
  observability: { doc: '{ observability { runsFinished } }', roles: ALL },
  auditLog: { doc: '{ auditLog { edges { cursor } } }', roles: ALL },
  integrations: { doc: '{ integrations { embedder } }', roles: ALL },
  users: { doc: '{ users { id } }', roles: [admin] },
  apiTokens: { doc: '{ apiTokens { id } }', roles: [admin] },
  verifyAuditChain: { doc: '{ verifyAuditChain { ok eventsChecked } }', roles: [admin] },
  lastAuditVerification: { doc: '{ lastAuditVerification { ok } }', roles: [admin] },
  createAgent: {
    doc: 'mutation { createAgent(input: { name: "a", purpose: "p", llmProvider: DEMO, llmModel: "m", tools: [], systemPrompt: "" }) { id } }',
    roles: [admin],
  },
  updateAgent: { doc: `mutation { updateAgent(id: "${ID}", input: { name: "b" }) { id } }`, roles: [admin] },
  archiveAgent: { doc: `mutation { archiveAgent(id: "${ID}") { id } }`, roles: [admin] },
  rollbackAgent: {
    doc: `mutation { rollbackAgent(input: { agentId: "${ID}", version: 1 }) { id } }`,
    roles: [admin],
  },
  startRun: {
    doc: `mutation { startRun(input: { agentId: "${ID}", inputs: { goal: "g" } }) { id } }`,
    roles: [admin, operator, integrator],
  },
  cancelRun: { doc: `mutation { cancelRun(id: "${ID}") { id } }`, roles: [admin, operator] },
  approveHitlRequest: {
    doc: `mutation { approveHitlRequest(id: "${ID}") { id } }`,
    roles: [admin, operator],
  },
  rejectHitlRequest: { doc: `mutation { rejectHitlRequest(id: "${ID}") { id } }`, roles: [admin, operator] },
  annotateStep: {
    doc: `mutation { annotateStep(input: { runId: "${ID}", step: 1, label: "x", score: 0 }) { id } }`,
    roles: [admin, operator, analyst],
  },
  forkRun: { doc: `mutation { forkRun(runId: "${ID}", atRevision: 0) { id } }`, roles: [admin, analyst] },
  createPolicy: { doc: 'mutation { createPolicy(input: { name: "p", rules: [] }) { id } }', roles: [admin] },
  updatePolicy: {
    doc: `mutation { updatePolicy(id: "${ID}", input: { rules: [] }) { id } }`,
    roles: [admin],
  },
  createApiToken: { doc: 'mutation { createApiToken(name: "ci") { token } }', roles: [admin] },
  revokeApiToken: { doc: `mutation { revokeApiToken(id: "${ID}") { id } }`, roles: [admin] },
  testLlmProvider: { doc: 'mutation { testLlmProvider(provider: DEMO) { ok } }', roles: [admin, operator] },
  setPassword: { doc: 'mutation { setPassword(newPassword: "x") { id } }', roles: ALL },
  createUser: {
    doc: 'mutation { createUser(email: "not-an-email", password: "x", role: ANALYST) { id } }',
    roles: [admin],
  },
  changeUserRole: { doc: `mutation { changeUserRole(id: "${ID}", role: ANALYST) { id } }`, roles: [admin] },
  deactivateUser: { doc: `mutation { deactivateUser(id: "${ID}") { id } }`, roles: [admin] },
  reactivateUser: { doc: `mutation { reactivateUser(id: "${ID}") { id } }`, roles: [admin] },
  removeUser: { doc: `mutation { removeUser(id: "${ID}") { id } }`, roles: [admin] },
  notificationChannels: { doc: '{ notificationChannels { id } }', roles: [admin] },
  notificationChannel: { doc: `{ notificationChannel(id: "${ID}") { id } }`, roles: [admin] },
  createNotificationChannel: {
    doc: 'mutation { createNotificationChannel(input: { kind: WEBHOOK, name: "n", events: [RUN_FAILED] }) { id } }',
    roles: [admin],
  },
  testNotificationChannel: {
    doc: `mutation { testNotificationChannel(id: "${ID}") { ok } }`,
    roles: [admin],
  },
  setNotificationChannelEnabled: {
    doc: `mutation { setNotificationChannelEnabled(id: "${ID}", enabled: false) { id } }`,
    roles: [admin],
  },
  deleteNotificationChannel: { doc: `mutation { deleteNotificationChannel(id: "${ID}") }`, roles: [admin] },
  runEvents: { doc: `subscription { runEvents(runId: "${ID}") { position } }`, roles: ALL },
  hitlRequested: { doc: 'subscription { hitlRequested { id } }', roles: ALL },
  runUpdated: { doc: `subscription { runUpdated(runId: "${ID}") { id } }`, roles: ALL },
  hitlUpdated: { doc: 'subscription { hitlUpdated { id } }', roles: ALL },
  runStepUpdated: { doc: `subscription { runStepUpdated(runId: "${ID}") { step } }`, roles: ALL },
  runThoughtDelta: { doc: `subscription { runThoughtDelta(runId: "${ID}") { delta } }`, roles: ALL },
  replayRun: { doc: `{ replayRun(runId: "${ID}") { matched } }`, roles: ALL },
  exportRun: { doc: `{ exportRun(runId: "${ID}") }`, roles: ALL },
  runDiff: { doc: `{ runDiff(a: "${ID}", b: "${ID}") { steps { step } } }`, roles: ALL },
  backtestPolicy: {
    doc: `{ backtestPolicy(input: { policyId: "${ID}", draft: [] }) { runsEvaluated } }`,
    roles: ALL,
  },
  datasets: { doc: '{ datasets { id } }', roles: ALL },
  dataset: { doc: `{ dataset(id: "${ID}") { id } }`, roles: ALL },
  evaluations: { doc: '{ evaluations { id } }', roles: ALL },
  evaluation: { doc: `{ evaluation(id: "${ID}") { id } }`, roles: ALL },
  createDataset: {
    doc: 'mutation { createDataset(input: { name: "d" }) { id } }',
    roles: [admin, operator, analyst],
  },
  addDatasetItems: {
    doc: `mutation { addDatasetItems(datasetId: "${ID}", items: [{ goal: "g" }]) { id } }`,
    roles: [admin, operator, analyst],
  },
  startEvaluation: {
    doc: `mutation { startEvaluation(input: { datasetId: "${ID}", agentId: "${ID}", agentVersion: 1, scorers: [{ kind: MAX_STEPS, max: 1 }] }) { id } }`,
    roles: [admin, operator, analyst],
  },
};
const OPEN = new Set(['login', 'loginWithLink']);

describe('auth matrix: every operation', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      limits: { rate: { capacity: 10_000, refillPerSecond: 10_000 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('covers every root field of the schema', () => {
    const schema = apiSchema();
    const fields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap(
      (type) => Object.keys(type?.getFields() ?? {}),
    );
    assert.deepEqual(fields.filter((name) => !OPEN.has(name)).sort(), Object.keys(OPERATIONS).sort());
  });

  /** The error code of running `doc` as `role` (null: anonymous); null when it was authorized. */
  async function codeOf(name: string, doc: string, token: string | undefined): Promise<unknown> {
    if (!doc.startsWith('subscription')) {
      const { body } = await t.gql(doc, {}, token ? { token } : {});
      const code = errorCode(body);
      return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : null;
    }
    const client = wsClient(t.wsUrl, token);
    const sub = collect<unknown>(client, doc, {}, name);
    try {
      await sub.until(1, 1500);
      return null;
    } catch (error) {
      const code = (Array.isArray(error) ? error[0] : error)?.extensions?.code;
      return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : null;
    } finally {
      sub.stop();
      await client.dispose();
    }
  }

  for (const [name, { doc, roles }] of Object.entries(OPERATIONS)) {
    it(`${name}: no token → UNAUTHENTICATED, roles ${roles.join('/')} pass, others → FORBIDDEN`, async () => {
      // All at once: an authorized subscription is known only by 1.5 s of silence.
      const tokens = await Promise.all(ALL.map((role) => t.tokenFor(role)));
      const codes = await Promise.all([undefined, ...tokens].map((token) => codeOf(name, doc, token)));
      assert.equal(codes[0], 'UNAUTHENTICATED');
      ALL.forEach((role, i) => {
        assert.equal(codes[i + 1], roles.includes(role) ? null : 'FORBIDDEN', `${name} as ${role}`);
      });
    });
  }

  it('a bad token is UNAUTHENTICATED everywhere, login stays open', async () => {
    const { body } = await t.gql('{ me { id } }', {}, { token: 'not.a.jwt.token' });
    assert.equal(errorCode(body), 'UNAUTHENTICATED');
    const login = await t.gql('mutation { login(email: "x@y.z", password: "wrong-password") { token } }');
    assert.equal(errorCode(login.body), 'UNAUTHENTICATED');
  });

  it('users log in with argon2 passwords; API tokens work until revoked', async () => {
    await t.api.auth.createUser({
      email: 'Op@Example.com',
      password: 'correct horse battery',
      role: Role.Operator,
    });
    const login = await t.gql(
      'mutation { login(email: "op@example.com", password: "correct horse battery") { token viewer { role } } }',
    );
    assert.equal(login.body.errors, undefined, JSON.stringify(login.body.errors));
    const token = (login.body.data!.login as { token: string }).token;
    const me = await t.gql('{ me { role email } }', {}, { token });
    assert.deepEqual(me.body.data!.me, { role: 'OPERATOR', email: 'op@example.com' });

    const adminToken = await t.tokenFor(Role.Admin);
    const created = await t.gql(
      'mutation { createApiToken(name: "ci") { token apiToken { id role } } }',
      {},
      { token: adminToken },
    );
    const { token: apiToken, apiToken: info } = created.body.data!.createApiToken as {
      token: string;
      apiToken: { id: string };
    };
    assert.equal(
      (await t.gql('{ me { role apiTokenId } }', {}, { token: apiToken })).body.data!.me !== undefined,
      true,
    );
    await t.gql(`mutation { revokeApiToken(id: "${info.id}") { revokedAt } }`, {}, { token: adminToken });
    assert.equal(errorCode((await t.gql('{ me { id } }', {}, { token: apiToken })).body), 'UNAUTHENTICATED');
  });
});
