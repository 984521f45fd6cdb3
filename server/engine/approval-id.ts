// The public id of an approval: `<runId>:<approvalId>`. Carrying the run id lets a command reach the
// run's stream directly, without looking the approval up in a read model that may lag the log.

/** An approval reference as parsed: `runId` is null for a bare (legacy) approval id. */
export interface ApprovalRef {
  runId: string | null;
  approvalId: string;
}

const SEPARATOR = ':';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public id of approval `approvalId` of run `runId` (GraphQL `HitlRequest.id`, REST `:id`). */
export function formatApprovalRef(runId: string, approvalId: string): string {
  return `${runId}${SEPARATOR}${approvalId}`;
}

/**
 * Reads a public approval id: `<runId>:<approvalId>`, or a bare approval UUID (runId null: the
 * caller must name the run some other way). Null when it is neither.
 */
export function parseApprovalRef(ref: string): ApprovalRef | null {
  const parts = ref.split(SEPARATOR);
  if (parts.length === 1) return UUID.test(ref) ? { runId: null, approvalId: ref } : null;
  const [runId, approvalId] = parts;
  if (parts.length !== 2 || !runId || !approvalId || !UUID.test(runId) || !UUID.test(approvalId)) return null;
  return { runId, approvalId };
}
