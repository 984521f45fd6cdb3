import assert from 'node:assert/strict';
import fc from 'fast-check';
import { beforeAll, describe, test } from 'vitest';
import { exampleIds } from '../../schema/events/examples.ts';
import { eventCatalogue, type PolicyRule, RiskLevel } from '../../schema/events/index.ts';
import { loadPgParser } from '../activities/sql/pg-parser.ts';
import type { SqlParse } from './classify-sql.ts';
import { DEFAULT_POLICY_ID, defaultPolicy, defaultPolicyCreated } from './default-policy.ts';
import { decisionFor, evaluateRisk, type RiskInput } from './evaluate-risk.ts';
import type { PolicyState } from './policy-state.ts';

const agentId = exampleIds.agentId;
const totals = { steps: 1, inputTokens: 10, outputTokens: 5, costUsd: 0.001 };
const base: Omit<RiskInput, 'tool' | 'params'> = {
  agentId,
  totals,
  policies: [defaultPolicy],
  toolDefaults: {},
};
let parseSql: SqlParse;
beforeAll(async () => {
  parseSql = await loadPgParser();
});
const risk = (tool: string, params: Record<string, unknown> = {}, extra: Partial<RiskInput> = {}) =>
  evaluateRisk({ ...base, parseSql, tool, params, ...extra });

function policy(rules: PolicyRule[], policyId = exampleIds.policyId): PolicyState {
  return { policyId, name: 'Test', version: 3, rules, archived: false };
}

describe('the built-in policy', () => {
  test('is a valid PolicyCreated under its well-known id', () => {
    assert.doesNotThrow(() => eventCatalogue.validate('PolicyCreated', defaultPolicyCreated));
    assert.equal(defaultPolicy.policyId, DEFAULT_POLICY_ID);
    assert.equal(defaultPolicy.version, 1);
  });

  test('tools get the risks of the design', () => {
    assert.equal(risk('send_email', { to: 'a@b.c' }).risk, 'HIGH');
    assert.equal(risk('execute_python', { code: '1+1' }).risk, 'MEDIUM');
    assert.equal(risk('run_sql', { sql: 'SELECT * FROM tickets' }).risk, 'MEDIUM');
    assert.equal(risk('run_sql', { sql: 'DELETE FROM tickets' }).risk, 'CRITICAL');
    assert.equal(risk('run_sql', { sql: 'SELECT 1; SELECT 2' }).risk, 'CRITICAL');
    assert.equal(risk('run_sql', { sql: 'drop table t' }).risk, 'CRITICAL');
    assert.equal(risk('run_sql', { query: 'SELECT 1' }).risk, 'CRITICAL', 'fails closed without sql');
    assert.equal(risk('http_request', { url: 'https://x.test' }).risk, 'MEDIUM');
    assert.equal(risk('http_request', { url: 'https://x.test', method: 'get' }).risk, 'MEDIUM');
    assert.equal(risk('http_request', { url: 'https://x.test', method: 'POST' }).risk, 'HIGH');
    assert.equal(risk('web_search', { query: 'refund policy' }).risk, 'LOW');
  });

  test('names the policy and version that decided, or null for defaults', () => {
    const sql = risk('run_sql', { sql: 'update t set a = 1' });
    assert.deepEqual(sql, {
      risk: 'CRITICAL',
      decision: 'block',
      reasons: [
        'The SQL is not one plain read (it writes, changes the schema or session, or cannot be classified).',
      ],
      policyId: DEFAULT_POLICY_ID,
      policyVersion: 1,
    });
    const unknown = risk('mcp_deploy');
    assert.equal(unknown.risk, 'HIGH');
    assert.equal(unknown.policyId, null);
    assert.equal(unknown.policyVersion, null);
    assert.match(unknown.reasons[0] ?? '', /not a known tool/);
    assert.equal(risk('mcp_read', {}, { toolDefaults: { mcp_read: 'LOW' } }).decision, 'allow');
  });
});

describe('evaluateRisk precedence', () => {
  const lowerForAgent: PolicyRule = {
    id: 'trusted-mailer',
    description: 'This agent may email without approval',
    match: { tool: 'send_email', agentIds: [agentId] },
    risk: 'LOW',
    reason: 'Trusted mailer agent.',
  };

  test('an agent-specific rule beats general ones, even to lower the risk', () => {
    const evaluation = risk(
      'send_email',
      { to: 'a@b.c' },
      { policies: [defaultPolicy, policy([lowerForAgent])] },
    );
    assert.equal(evaluation.risk, 'LOW');
    assert.equal(evaluation.policyId, exampleIds.policyId);
    assert.equal(evaluation.policyVersion, 3);
    const otherAgent = { policies: [defaultPolicy, policy([lowerForAgent])], agentId: exampleIds.runId };
    assert.equal(risk('send_email', {}, otherAgent).risk, 'HIGH');
  });

  test('among the rules that count, the highest risk wins', () => {
    const raise = { ...lowerForAgent, id: 'raise', risk: 'CRITICAL' as const, reason: 'No email today.' };
    const evaluation = risk('send_email', {}, { policies: [policy([lowerForAgent, raise])] });
    assert.equal(evaluation.risk, 'CRITICAL');
    assert.deepEqual(evaluation.reasons, ['No email today.']);
  });

  test('an agent-specific rule cannot lower a CRITICAL verdict (SQL writes stay blocked)', () => {
    const allowWrites: PolicyRule = {
      id: 'trusted-writer',
      description: 'Let this agent write',
      match: { tool: 'run_sql', agentIds: [agentId] },
      risk: 'LOW',
      reason: 'Trusted.',
    };
    const policies = [defaultPolicy, policy([allowWrites])];
    assert.equal(risk('run_sql', { sql: 'DELETE FROM tickets' }, { policies }).decision, 'block');
    assert.equal(risk('run_sql', { sql: 'SELECT 1' }, { policies }).risk, 'LOW');
  });

  test('archived policies do not apply', () => {
    const archived = { ...policy([{ ...lowerForAgent, risk: 'CRITICAL' }]), archived: true };
    assert.equal(risk('send_email', {}, { policies: [defaultPolicy, archived] }).risk, 'HIGH');
  });

  test('the deciding rules set the approval settings, first rule first, field by field', () => {
    const rule = (id: string, approval: PolicyRule['approval']): PolicyRule => ({
      id,
      description: id,
      match: { tool: 'send_email' },
      risk: 'HIGH',
      reason: `Rule ${id}.`,
      ...(approval ? { approval } : {}),
    });
    const lowRule: PolicyRule = { ...rule('low', { timeoutMs: 5 }), risk: 'LOW' };
    const evaluation = risk(
      'send_email',
      {},
      {
        policies: [
          policy([
            lowRule,
            rule('a', { onExpiry: 'escalate' }),
            rule('b', { timeoutMs: 600_000, onExpiry: 'approve', escalateTo: { role: 'admin' } }),
          ]),
        ],
      },
    );
    assert.deepEqual(evaluation.approval, {
      onExpiry: 'escalate',
      timeoutMs: 600_000,
      escalateTo: { role: 'admin' },
    });
    assert.equal(risk('send_email', {}, { policies: [policy([rule('c', undefined)])] }).approval, undefined);
    assert.doesNotThrow(() =>
      eventCatalogue.validate('SafetyEvaluated', { step: 1, tool: 'send_email', ...evaluation }),
    );
  });
});

const riskLevel = fc.constantFrom(...Object.values(RiskLevel));
const ruleArbitrary: fc.Arbitrary<PolicyRule> = fc.record({
  id: fc.uuid(),
  description: fc.constant('generated'),
  match: fc.record(
    {
      tool: fc.constantFrom('send_email', 'run_sql', 'web_search'),
      agentIds: fc.constant([agentId]),
      params: fc.constant([{ path: 'n', op: 'gt' as const, value: 5 }]),
      totals: fc.record({ stepsAbove: fc.nat(5) }),
    },
    { requiredKeys: [] },
  ),
  risk: riskLevel,
  reason: fc.constantFrom('a', 'b', 'c'),
});

describe('evaluateRisk properties', () => {
  test('the decision always matches the risk, and a policy is named exactly when a rule decided', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(ruleArbitrary, { maxLength: 5 }), { maxLength: 3 }),
        fc.constantFrom('send_email', 'run_sql', 'web_search', 'other'),
        fc.record({
          n: fc.integer({ min: 0, max: 10 }),
          sql: fc.constantFrom('select 1', 'delete from t'),
        }),
        fc.nat(10),
        (ruleSets, tool, params, steps) => {
          const policies = [defaultPolicy, ...ruleSets.map((rules) => policy(rules))];
          const evaluation = risk(tool, params, { policies, totals: { ...totals, steps } });
          assert.equal(evaluation.decision, decisionFor(evaluation.risk));
          assert.equal(evaluation.policyId === null, evaluation.policyVersion === null);
          assert.ok(evaluation.reasons.length > 0);
        },
      ),
    );
  });
});
