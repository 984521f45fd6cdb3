import { parseApprovalRef } from '../engine/approval-id.ts';
import { InvalidInputError } from './errors.ts';

/**
 * The run and approval a public approval id names: `<runId>:<approvalId>`, or a bare (legacy)
 * approval UUID together with `runId`. No read model is asked: the command goes to the run's stream.
 * @throws InvalidInputError on `id` (neither form), on `runId` (missing for a bare id, or naming
 * another run than the id).
 */
export function resolveApprovalRef(
  id: string,
  runId?: string | null,
  /** How the caller's API names the run argument (`run_id` in REST bodies). */
  runIdField = 'runId',
): { runId: string; approvalId: string } {
  const ref = parseApprovalRef(id);
  if (ref === null) {
    throw new InvalidInputError('id', `${JSON.stringify(id)} is not an approval id (<runId>:<approvalId>)`);
  }
  if (ref.runId === null) {
    if (!runId) {
      const message = `Approval ${ref.approvalId} is a bare approval id: name its run with runId, or use <runId>:<approvalId>`;
      throw new InvalidInputError(runIdField, message);
    }
    return { runId, approvalId: ref.approvalId };
  }
  if (runId && runId !== ref.runId) {
    throw new InvalidInputError(runIdField, `Approval ${id} belongs to run ${ref.runId}, not ${runId}`);
  }
  return { runId: ref.runId, approvalId: ref.approvalId };
}
