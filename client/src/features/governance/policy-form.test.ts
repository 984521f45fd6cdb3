import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { emptyRow, formatDeadline, parseDeadline, rowsFromRules, rulesFromRows } from './policy-form.ts';

const sendEmail = {
  id: 'mail',
  description: 'Email leaves the company',
  match: { tool: 'send_email', params: [{ path: 'to', op: 'contains', value: '@rival.com' }] },
  risk: 'HIGH',
  reason: 'Email reaches people outside.',
  approval: { timeoutMs: 5_400_000, onExpiry: 'escalate', escalateTo: { role: 'admin' } },
};

describe('deadlines', () => {
  it('reads and writes durations people type', () => {
    assert.equal(formatDeadline(5_400_000), '1h 30m');
    assert.equal(formatDeadline(86_400_000 + 1500), '1d 1s 500ms');
    assert.equal(parseDeadline('1h 30m'), 5_400_000);
    assert.equal(parseDeadline('90m'), 5_400_000);
    assert.equal(parseDeadline(' 2D '), 172_800_000);
    assert.equal(parseDeadline('soon'), null);
    assert.equal(parseDeadline('1.5h'), null);
  });

  it('gives back the milliseconds it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 * 86_400_000 }), (ms) => {
        assert.equal(parseDeadline(formatDeadline(ms)), ms);
      }),
    );
  });
});

describe('rows and rules', () => {
  it('shows tool, matcher, risk, deadline, on-expiry and escalation as text', () => {
    const [row] = rowsFromRules([sendEmail]);
    assert.equal(row?.tool, 'send_email');
    assert.deepEqual(JSON.parse(row?.matcher ?? ''), { params: sendEmail.match.params });
    assert.equal(row?.risk, 'HIGH');
    assert.equal(row?.deadline, '1h 30m');
    assert.equal(row?.onExpiry, 'escalate');
    assert.equal(row?.escalation, 'role:admin');
  });

  it('an edit in a row changes that part of the rule only, unknown keys included', () => {
    const withExtra = { ...sendEmail, note: 'kept', approval: { ...sendEmail.approval, later: 1 } };
    const [row] = rowsFromRules([withExtra]);
    assert.ok(row);
    const result = rulesFromRows([
      { ...row, deadline: '4h', escalation: 'ops@example.com, lead@example.com' },
    ]);
    assert.deepEqual(result, {
      ok: true,
      rules: [
        {
          ...withExtra,
          approval: {
            later: 1,
            timeoutMs: 4 * 3_600_000,
            onExpiry: 'escalate',
            escalateTo: { users: ['ops@example.com', 'lead@example.com'] },
          },
        },
      ],
    });
  });

  it('clearing the approval fields drops the approval; a list of tools stays a list', () => {
    const rule = { ...sendEmail, match: { tool: ['send_email'] } };
    const [row] = rowsFromRules([rule]);
    assert.ok(row);
    const result = rulesFromRows([{ ...row, deadline: '', onExpiry: '', escalation: '' }]);
    assert.ok(result.ok);
    const { approval: _approval, ...withoutApproval } = rule;
    assert.deepEqual(result.rules, [withoutApproval]);
  });

  it('says what is wrong with each field of each row, and builds nothing then', () => {
    const result = rulesFromRows([
      { ...emptyRow(0), id: 'a', reason: 'ok', deadline: 'soon', escalation: 'role:owner' },
      { ...emptyRow(1), id: 'a', risk: 'SEVERE', matcher: '{"params": ', onExpiry: 'ignore' },
      { ...emptyRow(2), deadline: '31d', matcher: '{"tool": "x"}', escalation: 'bob' },
    ]);
    assert.equal(result.ok, false);
    const errors = (result as { errors: Record<string, string>[] }).errors;
    assert.match(errors[0]?.deadline ?? '', /duration such as 30m/);
    assert.match(errors[0]?.escalation ?? '', /admin or operator/);
    assert.equal(errors[0]?.id, 'Rules 1 and 2 have the same id.');
    assert.equal(errors[1]?.id, 'Rules 1 and 2 have the same id.');
    assert.match(errors[1]?.risk ?? '', /LOW, MEDIUM, HIGH, CRITICAL/);
    assert.match(errors[1]?.matcher ?? '', /^Invalid JSON/);
    assert.match(errors[1]?.onExpiry ?? '', /reject, approve, escalate/);
    assert.match(errors[1]?.reason ?? '', /Say why/);
    assert.equal(errors[2]?.deadline, 'At most 30 days.');
    assert.equal(errors[2]?.matcher, 'Put the tool in the Tool field.');
    assert.match(errors[2]?.escalation ?? '', /“bob” is not an email/);
  });

  it('rules → rows → rules loses nothing', () => {
    const word = fc.stringMatching(/^[a-z_]{1,12}$/);
    const rule = fc.record(
      {
        id: word,
        description: fc.string(),
        match: fc.record(
          {
            tool: fc.oneof(word, fc.uniqueArray(word, { minLength: 1, maxLength: 3 })),
            params: fc.array(fc.record({ path: word, op: fc.constant('equals'), value: fc.jsonValue() }), {
              minLength: 1,
              maxLength: 2,
            }),
            agentIds: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
        risk: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
        reason: word,
        approval: fc.record(
          {
            timeoutMs: fc.integer({ min: 1, max: 30 * 86_400_000 }),
            onExpiry: fc.constantFrom('reject', 'approve', 'escalate'),
            escalateTo: fc.oneof(
              fc.record({ role: fc.constantFrom('admin', 'operator') }),
              fc.record({
                users: fc.uniqueArray(fc.constantFrom('a@x.io', 'b@y.org', 'c@z.com'), { minLength: 1 }),
              }),
            ),
          },
          { requiredKeys: ['timeoutMs'] },
        ),
      },
      { requiredKeys: ['id', 'description', 'match', 'risk', 'reason'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(rule, { selector: (item) => item.id, maxLength: 5 }), (rules) => {
        // JSON is what the editor holds: -0 and undefined do not survive it either way.
        const json = JSON.parse(JSON.stringify(rules)) as Record<string, unknown>[];
        assert.deepEqual(rulesFromRows(rowsFromRules(json)), { ok: true, rules: json });
      }),
    );
  });
});
