import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { RecordedEvent } from '../eventstore/port.ts';
import { assertEmailContract } from './email-contract.ts';

/** A run's log from [type, data] pairs (only what the contract reads). */
const log = (entries: [string, Record<string, unknown>][]): RecordedEvent[] =>
  entries.map(([type, data], revision) => ({
    id: `e${revision}`,
    stream: 'run-1',
    revision,
    position: String(revision).padStart(4, '0'),
    type,
    data,
    metadata: {},
    recordedAt: new Date(0),
  }));

const send = { tool: 'send_email' };

describe('assertEmailContract', () => {
  it('holds for one approved send, even when another tool needed a human after crashes', () => {
    const events = log([
      ['ToolCallStarted', { tool: 'run_sql' }],
      ['ToolCallStarted', { tool: 'run_sql' }],
      ['ToolCallStarted', { tool: 'run_sql' }],
      ['ToolCallOutcomeUnknown', { tool: 'run_sql' }],
      ['ApprovalRequested', { tool: 'run_sql', approvalId: 'a-sql' }],
      ['ApprovalGranted', { approvalId: 'a-sql' }],
      ['ToolCallStarted', { tool: 'run_sql' }],
      ['ApprovalRequested', { ...send, approvalId: 'a-mail' }],
      ['ApprovalGranted', { approvalId: 'a-mail' }],
      ['ToolCallStarted', send],
    ]);
    assert.equal(assertEmailContract(events, 1, 'run'), 0);
  });

  it('holds for a re-send after an unknown outcome and a second approval', () => {
    const events = log([
      ['ApprovalRequested', { ...send, approvalId: 'a1' }],
      ['ApprovalGranted', { approvalId: 'a1' }],
      ['ToolCallStarted', send],
      ['ToolCallOutcomeUnknown', send],
      ['ApprovalRequested', { ...send, approvalId: 'a2' }],
      ['ApprovalGranted', { approvalId: 'a2' }],
      ['ToolCallStarted', send],
    ]);
    assert.equal(assertEmailContract(events, 2, 'run'), 1);
  });

  it('fails a silent re-send, an unapproved send and an email delivered twice for one send', () => {
    const approved = [
      ['ApprovalRequested', { ...send, approvalId: 'a1' }],
      ['ApprovalGranted', { approvalId: 'a1' }],
    ] as [string, Record<string, unknown>][];
    assert.throws(
      () =>
        assertEmailContract(log([...approved, ['ToolCallStarted', send], ['ToolCallStarted', send]]), 1, 'r'),
      /every re-send of the email followed an unknown outcome; log: 0:ApprovalRequested\(send_email\)/,
    );
    assert.throws(
      () => assertEmailContract(log([['ToolCallStarted', send]]), 1, 'r'),
      /every send was approved by a human/,
    );
    assert.throws(
      () => assertEmailContract(log([...approved, ['ToolCallStarted', send]]), 2, 'r'),
      /2 emails for 1/,
    );
  });
});
