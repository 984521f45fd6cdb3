import assert from 'node:assert/strict';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, startTestApi, type TestApi } from './api-testkit.ts';

const MUTATIONS = [
  'mutation($input: CreateAgentInput!) { createAgent(input: $input) { id } }',
  'mutation($id: ID!, $input: UpdateAgentInput!) { updateAgent(id: $id, input: $input) { id } }',
  'mutation($input: StartRunInput!) { startRun(input: $input) { id } }',
  'mutation($id: ID!, $comment: String, $editedParams: JSON) { approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) { id } }',
  'mutation($runId: ID!, $atRevision: Int!, $overrides: ForkOverrides) { forkRun(runId: $runId, atRevision: $atRevision, overrides: $overrides) { id } }',
  'mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }',
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
];

/** Any JSON, deep or wide, with odd strings. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.string({ minLength: 0, maxLength: 5000 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 20 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const deep = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { goal: value };
  return value;
});

describe('limits and fuzzing', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({
      db: target.db,
      production: true,
      limits: { rate: { capacity: 100_000, refillPerSecond: 100_000 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('mutations fed anything never answer 500 and never store an invalid event', async () => {
    const admin = await t.tokenFor('admin');
    const before = (await t.store.readAll()).length;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MUTATIONS),
        fc.dictionary(
          fc.constantFrom(
            'input',
            'id',
            'comment',
            'editedParams',
            'runId',
            'atRevision',
            'overrides',
            'email',
            'password',
          ),
          fc.oneof(json, deep),
        ),
        async (query, variables) => {
          const { status, body } = await t.gql(query, variables, { token: admin });
          assert.ok(status < 500, `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
          for (const error of body.errors ?? []) {
            assert.notEqual(
              error.extensions?.code,
              'INTERNAL_SERVER_ERROR',
              JSON.stringify(error).slice(0, 300),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
    const stored = (await t.store.readAll()).slice(before);
    for (const event of stored)
      assert.doesNotThrow(() => eventCatalogue.validate(event.type, event.data), event.type);
  });

  it('refuses deep, costly, aliased and introspection queries; refuses big bodies; no batching', async () => {
    const admin = await t.tokenFor('admin');
    const nest = (level: number): string =>
      level === 0 ? 'id' : `hitlRequests { run { ${nest(level - 1)} } }`;
    const deepQuery = `{ runs { edges { node { ${nest(6)} } } } }`;
    assert.ok((await t.gql(deepQuery, {}, { token: admin })).body.errors?.length);
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    assert.ok((await t.gql(aliases, {}, { token: admin })).body.errors?.length);
    const introspection = await t.gql('{ __schema { types { name } } }', {}, { token: admin });
    assert.ok(introspection.body.errors?.length);
    const suggestion = await t.gql('{ agentz { id } }', {}, { token: admin });
    assert.doesNotMatch(JSON.stringify(suggestion.body.errors), /Did you mean/);
    const huge = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 << 20) } }),
    });
    assert.equal(huge.status, 413);
    const batch = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    assert.ok(batch.status >= 400 && batch.status < 500);
  });

  it('rate-limits per token with a token bucket', async () => {
    const target = await createTestPglite();
    const limited = await startTestApi({
      db: target.db,
      limits: { rate: { capacity: 3, refillPerSecond: 0.001 } },
    });
    try {
      const token = await limited.tokenFor('analyst');
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push(errorCode((await limited.gql('{ me { id } }', {}, { token })).body) ?? null);
      assert.deepEqual(codes, [null, null, null, 'RATE_LIMITED', 'RATE_LIMITED']);
      const other = await limited.tokenFor('operator');
      assert.equal(errorCode((await limited.gql('{ me { id } }', {}, { token: other })).body), undefined);
    } finally {
      await limited.close();
      await target.drop();
    }
  });
});
