import assert from 'node:assert/strict';
import { beforeAll, describe, test } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { loadPgParser } from '../activities/sql/pg-parser.ts';
import type { SqlParse } from './classify-sql.ts';
import { matchesCondition, matchesRule, readParam } from './rule-match.ts';

const params = {
  to: 'customer@example.com, boss@example.com',
  count: 3,
  tags: ['refund', 'vip'],
  nested: { list: [{ id: 'a' }, { id: 'b' }] },
  query: 'DELETE FROM tickets',
  method: 'post',
};
const totals = { steps: 2, inputTokens: 100, outputTokens: 20, costUsd: 0.01 };
const call = { tool: 'send_email', params, agentId: exampleIds.agentId, totals };

describe('readParam', () => {
  test('dotted paths into objects and arrays, own properties only', () => {
    assert.equal(readParam(params, 'nested.list.1.id'), 'b');
    assert.equal(readParam(params, 'nested.missing.id'), undefined);
    assert.equal(readParam(params, 'constructor'), undefined);
    assert.equal(readParam(params, 'to.length'), undefined);
  });

  let parseSql: SqlParse;
  beforeAll(async () => {
    parseSql = await loadPgParser();
  });

  test('views after a bar', () => {
    assert.equal(readParam(params, 'query|sqlKind', { parseSql }), 'write');
    assert.equal(readParam({ query: 'select 1' }, 'query|sqlKind', { parseSql }), 'read');
    assert.equal(readParam({ query: 'select 1' }, 'query|sqlKind'), 'unknown', 'no parser: never a read');
    assert.equal(readParam({ query: 42 }, 'query|sqlKind', { parseSql }), 'unknown');
    assert.equal(readParam({}, 'query|sqlKind'), undefined);
    assert.equal(readParam(params, 'method|upper'), 'POST');
    assert.equal(readParam(params, 'method|nonsense'), undefined);
  });
});

describe('matchesCondition', () => {
  const cases: [Parameters<typeof matchesCondition>[1], boolean][] = [
    [{ path: 'count', op: 'equals', value: 3 }, true],
    [{ path: 'nested', op: 'equals', value: { list: [{ id: 'a' }, { id: 'b' }] } }, true],
    [{ path: 'missing', op: 'equals', value: null }, false],
    [{ path: 'count', op: 'notEquals', value: 4 }, true],
    [{ path: 'missing', op: 'notEquals', value: 4 }, true],
    [{ path: 'to', op: 'matches', value: '@example\\.com' }, true],
    [{ path: 'count', op: 'matches', value: '3' }, false],
    [{ path: 'to', op: 'contains', value: ',' }, true],
    [{ path: 'tags', op: 'contains', value: 'vip' }, true],
    [{ path: 'tags', op: 'contains', value: 'v' }, false],
    [{ path: 'count', op: 'in', value: [1, 2, 3] }, true],
    [{ path: 'missing', op: 'in', value: [null] }, false],
    [{ path: 'count', op: 'gt', value: 2 }, true],
    [{ path: 'count', op: 'lt', value: 3 }, false],
    [{ path: 'to', op: 'gt', value: 0 }, false],
  ];
  for (const [condition, expected] of cases) {
    test(`${condition.path} ${condition.op} ${JSON.stringify(condition.value)} → ${expected}`, () => {
      assert.equal(matchesCondition(params, condition), expected);
    });
  }
});

describe('matchesRule', () => {
  const [externalEmail, runaway] = exampleEvents.PolicyCreated.rules;

  test('every part present must match', () => {
    assert.equal(matchesRule({}, call), true);
    assert.equal(matchesRule(externalEmail!.match, call), true);
    assert.equal(matchesRule(externalEmail!.match, { ...call, tool: 'run_sql' }), false);
    assert.equal(matchesRule({ tool: ['run_sql', 'send_email'] }, call), true);
    assert.equal(matchesRule({ agentIds: [exampleIds.policyId] }, call), false);
    assert.equal(
      matchesRule(
        {
          params: [
            { path: 'count', op: 'gt', value: 1 },
            { path: 'count', op: 'gt', value: 5 },
          ],
        },
        call,
      ),
      false,
    );
  });

  test('totals match when any limit is passed (long OR expensive)', () => {
    assert.equal(matchesRule(runaway!.match, call), false);
    assert.equal(matchesRule(runaway!.match, { ...call, totals: { ...totals, steps: 9 } }), true);
    assert.equal(matchesRule(runaway!.match, { ...call, totals: { ...totals, costUsd: 0.6 } }), true);
    assert.equal(matchesRule({ totals: { tokensAbove: 119 } }, call), true);
    assert.equal(matchesRule({ totals: {} }, call), true);
  });
});
