import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { resolveApprovalRef } from './approval-ref.ts';
import { InvalidInputError } from './errors.ts';

const runId = '01930000-0000-7000-8000-000000000001';
const other = '01930000-0000-7000-8000-000000000003';
const approvalId = '01930000-0000-7000-8000-000000000002';

const refusedOn = (field: string) => (error: unknown) =>
  error instanceof InvalidInputError && error.field === field;

describe('resolveApprovalRef', () => {
  test('<runId>:<approvalId> names both; a matching runId is accepted', () => {
    assert.deepEqual(resolveApprovalRef(`${runId}:${approvalId}`), { runId, approvalId });
    assert.deepEqual(resolveApprovalRef(`${runId}:${approvalId}`, runId), { runId, approvalId });
  });

  test('a bare approval id works with runId and is bad input on runId without it', () => {
    assert.deepEqual(resolveApprovalRef(approvalId, runId), { runId, approvalId });
    assert.throws(() => resolveApprovalRef(approvalId), refusedOn('runId'));
    assert.throws(() => resolveApprovalRef(approvalId, null), refusedOn('runId'));
  });

  test('a runId that contradicts the id, or an id of neither form, is bad input', () => {
    assert.throws(() => resolveApprovalRef(`${runId}:${approvalId}`, other), refusedOn('runId'));
    assert.throws(() => resolveApprovalRef('not-an-id'), refusedOn('id'));
  });
});
