/** The kinds of stream; a stream is named `<kind>-<id>` (ARCHITECTURE.md §4). */
export const StreamKind = {
  Agent: 'agent',
  Run: 'run',
  Policy: 'policy',
  Integration: 'integration',
  Account: 'account',
  Dataset: 'dataset',
  Evaluation: 'evaluation',
} as const;
export type StreamKind = (typeof StreamKind)[keyof typeof StreamKind];

export const agentStream = (agentId: string): `agent-${string}` => `agent-${agentId}`;
export const runStream = (runId: string): `run-${string}` => `run-${runId}`;
export const policyStream = (policyId: string): `policy-${string}` => `policy-${policyId}`;
export const integrationStream = (integrationId: string): `integration-${string}` =>
  `integration-${integrationId}`;

export const accountStream = (accountId: string): `account-${string}` => `account-${accountId}`;
export const datasetStream = (datasetId: string): `dataset-${string}` => `dataset-${datasetId}`;
export const evaluationStream = (evaluationId: string): `evaluation-${string}` =>
  `evaluation-${evaluationId}`;

/** The audit chain's anchors and its recorded verifications (server/audit-chain): no entity kind. */
export const chainAnchorStream = 'chain-anchors';
export const chainVerificationStream = 'chain-verifications';

const STREAM_NAME = /^(agent|run|policy|integration|account|dataset|evaluation)-(.+)$/;

/**
 * Splits a stream name into its kind and id.
 * @throws Error when the name is not `<kind>-<id>` with a known kind.
 */
export function parseStream(stream: string): { kind: StreamKind; id: string } {
  const match = STREAM_NAME.exec(stream);
  if (!match)
    throw new Error(
      `"${stream}" is not an agent, run, policy, integration, account, dataset or evaluation stream`,
    );
  return { kind: match[1] as StreamKind, id: match[2] as string };
}

/**
 * The id in a stream name: `idFromStream('run-0192…')` is `'0192…'`.
 * @throws Error when the name is not `<kind>-<id>` with a known kind.
 */
export function idFromStream(stream: string): string {
  return parseStream(stream).id;
}
