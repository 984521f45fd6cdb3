// The platform's promise about a non-idempotent send, checked on one run's log by the crash tests
// (server/durability.int.test.ts, server/cluster/worker-kill.int.test.ts): an email is sent again
// only after its outcome was unknown and a human approved the re-send, and never delivered more
// often than it was started.
import assert from 'node:assert/strict';
import type { RecordedEvent } from '../eventstore/port.ts';

const TOOL = 'send_email';

/**
 * Asserts the email contract on `events` (one run's stream) given the emails the run `delivered`;
 * returns how many of its sends had an unknown outcome. The failure message carries the run's log:
 * CI drops the database, so the message is all there is to read.
 */
export function assertEmailContract(
  events: readonly RecordedEvent[],
  delivered: number,
  run: string,
): number {
  const history = events
    .map((e) => `${e.revision}:${e.type}${typeof e.data.tool === 'string' ? `(${e.data.tool})` : ''}`)
    .join(' ');
  const ofTool = (type: string) => events.filter((e) => e.type === type && e.data.tool === TOOL);
  const unknown = ofTool('ToolCallOutcomeUnknown').length;
  const starts = ofTool('ToolCallStarted').length;
  // Grants name their approval, not the tool: count those of the send's approvals. Another tool
  // can need one too (an idempotent call interrupted by crashes three times in a row asks a human).
  const sendApprovals = new Set(ofTool('ApprovalRequested').map((e) => e.data.approvalId));
  const granted = events.filter((e) => e.type === 'ApprovalGranted' && sendApprovals.has(e.data.approvalId));
  assert.equal(
    starts,
    1 + unknown,
    `${run}: every re-send of the email followed an unknown outcome; log: ${history}`,
  );
  assert.equal(granted.length, 1 + unknown, `${run}: every send was approved by a human; log: ${history}`);
  assert.ok(
    delivered >= 1 && delivered <= starts,
    `${run}: ${delivered} emails for ${starts} approved sends; log: ${history}`,
  );
  return unknown;
}
