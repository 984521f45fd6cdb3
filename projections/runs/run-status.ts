// One definition of a run's status, the engine's: the runs projection derives the same values.
export { isTerminalRunStatus, RunStatus, TERMINAL_RUN_STATUSES } from '../../server/engine/run-status.ts';
