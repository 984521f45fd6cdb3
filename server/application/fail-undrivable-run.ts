import { isTerminal } from '../engine/run-state.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { DriveFailure } from './run-scheduler.ts';
import { RunSession } from './run-session.ts';

/** The stored reason is cut here: an error message can be as large as the input that caused it. */
const MAX_REASON_CHARS = 2000;

/** The `RunFailed.error.code` of a run the scheduler gave up on. */
export const DRIVE_FAILED_CODE = 'drive_failed';

/**
 * Records a run the scheduler could not drive as FAILED, with the last error as the reason; the
 * scheduler's `giveUp`. Does nothing for a run that already ended. A concurrent append (a cancel)
 * makes it throw WrongExpectedVersionError, and the scheduler simply drives the run again.
 */
export async function failUndrivableRun(
  store: EventStore,
  runId: string,
  failure: DriveFailure,
  now: () => Date = () => new Date(),
): Promise<void> {
  const session = await RunSession.load(store, runId, now);
  const { state } = session;
  if (state.runId === null || isTerminal(state.status)) return;
  const reason = failure.message.trim() || 'unknown error';
  const message = `The run could not be driven (${failure.attempts} attempts in a row): ${reason}`;
  const step = state.step > 0 ? { step: state.step } : {};
  await session.commit([
    {
      type: 'RunFailed',
      data: { error: { message: message.slice(0, MAX_REASON_CHARS), code: DRIVE_FAILED_CODE }, ...step },
    },
  ]);
}
