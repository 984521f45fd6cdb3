/** Where a run is, as the console and the API show it (GraphQL enum `RunStatus`). */
export const RunStatus = {
  Queued: 'QUEUED',
  Running: 'RUNNING',
  WaitingForApproval: 'WAITING_FOR_APPROVAL',
  Completed: 'COMPLETED',
  Failed: 'FAILED',
  Cancelled: 'CANCELLED',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** Statuses a run never leaves. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = [
  RunStatus.Completed,
  RunStatus.Failed,
  RunStatus.Cancelled,
];

export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}
