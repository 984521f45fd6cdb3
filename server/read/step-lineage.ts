// What the run_steps fold needs from the log for one run, and the events of one step.
import { RunStepsFold } from '../../projections/run-steps/mapping.ts';
import { getRunStep, latestRunStep } from '../../projections/run-steps/queries.ts';
import type { RunStepRow } from '../../projections/run-steps/step-row.ts';
import { runStream } from '../../schema/events/index.ts';
import { BrokenForkError, MAX_FORK_DEPTH } from '../application/run-history.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import type { EventStore, RecordedEvent } from '../eventstore/port.ts';

function forkedFromOf(events: readonly RecordedEvent[]): { runId: string; atRevision: number } | null {
  const first = events[0];
  if (first?.type !== 'RunStarted') return null;
  const from = first.data.forkedFrom as { runId: string; atRevision: number } | undefined;
  return from ?? null;
}

/**
 * The events that fold into a run's steps, as recorded: for a fork, each source's stream up to its
 * fork point (oldest ancestor first, with its RunStarted), then the run's own stream.
 * @throws BrokenForkError when a source is missing or the chain is deeper than MAX_FORK_DEPTH.
 */
export async function readStepLineage(store: EventStore, runId: string): Promise<RecordedEvent[]> {
  const own = await store.readStream(runStream(runId));
  const segments: RecordedEvent[][] = [own];
  let from = forkedFromOf(own);
  while (from !== null) {
    if (segments.length > MAX_FORK_DEPTH)
      throw new BrokenForkError(runId, `its forks nest deeper than ${MAX_FORK_DEPTH}`);
    const source = await store.readStream(runStream(from.runId), { maxCount: from.atRevision + 1 });
    if (source.at(-1)?.revision !== from.atRevision)
      throw new BrokenForkError(runId, `source run ${from.runId} has no revision ${from.atRevision}`);
    segments.unshift(source);
    from = forkedFromOf(source);
  }
  return segments.flat();
}

/** A run's step fold as of now, and the last revision of its own stream folded into it. */
export interface CurrentSteps {
  fold: RunStepsFold;
  /** The rows the log's tail changed beyond the read model, and the latest step's row, by step. */
  recent: RunStepRow[];
  /** Revision of the run's own stream folded last (-1: none). */
  revision: number;
}

/**
 * The run's current steps, exact: the latest row the projection wrote (a prefix of the same fold;
 * steps run one after another, so only the latest changes) plus the run's events after the
 * revision it reflects, folded here. Without any row yet (a new run, a fork whose start is not
 * projected) it folds the whole lineage from the log.
 */
export async function currentSteps(
  db: SqlQueryable,
  store: EventStore,
  runId: string,
): Promise<CurrentSteps> {
  const latest = await latestRunStep(db, runId);
  const stream = runStream(runId);
  // Inherited rows carry -1: the fork's RunStarted (revision 0) is then already folded in.
  const seen = latest === null ? -1 : Math.max(0, latest.lastRevision);
  const fold = new RunStepsFold(latest === null ? [] : [latest]);
  const events =
    latest === null
      ? await readStepLineage(store, runId)
      : await store.readStream(stream, { fromRevision: seen + 1 });
  const recent = new Map<number, RunStepRow>(latest === null ? [] : [[latest.step, latest]]);
  let revision = seen;
  for (const event of events) {
    for (const row of fold.apply(event)) if (row.runId === runId) recent.set(row.step, row);
    if (event.stream === stream) revision = event.revision;
  }
  return { fold, recent: [...recent.values()].sort((a, b) => a.step - b.step), revision };
}

/** Whether `event` is about `step`: it names it, or names none (then it is about the current step). */
function isAbout(event: RecordedEvent, step: number): boolean {
  const named = event.data.step;
  return typeof named === 'number' ? named === step : event.type !== 'RunStarted';
}

/**
 * Every event of one step, oldest first: for a step a fork inherited, its source's events (up to
 * the fork point), then the fork's own for that step. Empty when the run has no such step.
 */
export async function readStepEvents(
  db: SqlQueryable,
  store: EventStore,
  runId: string,
  step: number,
  throughRevision = Number.MAX_SAFE_INTEGER,
  depth = 0,
): Promise<RecordedEvent[]> {
  const row = await getRunStep(db, runId, step);
  if (!row || depth > MAX_FORK_DEPTH) return [];
  const events: RecordedEvent[] = [];
  if (row.firstRevision < 0) {
    const [started] = await store.readStream(runStream(runId), { maxCount: 1 });
    const from = started ? forkedFromOf([started]) : null;
    if (from) events.push(...(await readStepEvents(db, store, from.runId, step, from.atRevision, depth + 1)));
  }
  const last = Math.min(row.lastRevision, throughRevision);
  const first = Math.max(row.firstRevision, 1);
  if (last >= first) {
    const own = await store.readStream(runStream(runId), { fromRevision: first, maxCount: last - first + 1 });
    events.push(...own.filter((event) => isAbout(event, step)));
  }
  return events;
}
