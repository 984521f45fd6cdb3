import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { formatApprovalRef, parseApprovalRef } from './approval-id.ts';

const runId = '01930000-0000-7000-8000-000000000001';
const approvalId = '01930000-0000-7000-8000-000000000002';

describe('approval ids', () => {
  test('a formatted id parses back to its run and approval', () => {
    const ref = formatApprovalRef(runId, approvalId);
    assert.equal(ref, `${runId}:${approvalId}`);
    assert.deepEqual(parseApprovalRef(ref), { runId, approvalId });
  });

  test('a bare approval uuid parses without a run', () => {
    assert.deepEqual(parseApprovalRef(approvalId), { runId: null, approvalId });
  });

  test('anything else is not an approval id', () => {
    for (const bad of ['', 'x', `${runId}:`, `:${approvalId}`, `${runId}:${approvalId}:x`, `${runId}:nope`]) {
      assert.equal(parseApprovalRef(bad), null, bad);
    }
  });
});
