// Reading a long run's steps from the `run_steps` read model on PGlite: the first page, and a full
// walk over a 5,000-step run in pages of 100 and of 1,000 (what `Run.steps` asks the read side).
// Usage: BENCH_STEPS=5000 npx tsx bench/run-steps-query.ts
import { listRunSteps } from '../projections/run-steps/queries.ts';
import { runStepsProjection } from '../projections/run-steps/run-steps-projection.ts';
import { exampleEvents } from '../schema/events/examples.ts';
import { runStream } from '../schema/events/index.ts';
import { newEventId } from '../server/eventstore/ids.ts';
import { entry, type LogEntry, recordedLog } from '../server/testkit/event-log.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';
import { projectEvents } from '../server/testkit/read-models.ts';
import { envNumber, median, report } from './bench-kit.ts';

const steps = envNumber('BENCH_STEPS', 5000);
const repeats = envNumber('BENCH_REPEATS', 7);
const runId = '01930000-0000-7000-8000-0000000b0001';

/** A run of `steps` tool steps (reasoning, verdict, call, result), each with a 1 KB tool result. */
function longRun(): LogEntry[] {
  const run = runStream(runId);
  const entries: LogEntry[] = [entry(run, 'RunStarted', { ...exampleEvents.RunStarted, runId })];
  for (let step = 1; step <= steps; step++) {
    const callId = newEventId();
    entries.push(
      entry(run, 'ReasoningCompleted', { ...exampleEvents.ReasoningCompleted, step }),
      entry(run, 'SafetyEvaluated', {
        ...exampleEvents.SafetyEvaluated,
        step,
        decision: 'allow',
        risk: 'LOW',
      }),
      entry(run, 'ToolCallStarted', { ...exampleEvents.ToolCallStarted, step, callId }),
      entry(run, 'ToolCallSucceeded', { callId, result: { rows: 'x'.repeat(1000) }, durationMs: 20 }),
    );
  }
  return entries;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const target = await createTestPglite();
try {
  const events = recordedLog(longRun());
  const cuts = Array.from({ length: Math.floor(events.length / 5000) }, (_, i) => (i + 1) * 5000);
  const seedMs = await timed(() => projectEvents(target.db, runStepsProjection, events, cuts));
  report({
    bench: 'run-steps-query',
    figure: 'project',
    steps,
    events: events.length,
    ms: Math.round(seedMs),
  });

  for (const size of [100, 1000]) {
    const firstPage: number[] = [];
    const walks: number[] = [];
    for (let i = 0; i < repeats; i++) {
      firstPage.push(await timed(() => listRunSteps(target.db, runId, { first: size })));
      let _pages = 0;
      walks.push(
        await timed(async () => {
          for (let after: string | null = null; ; _pages++) {
            const page = await listRunSteps(target.db, runId, { first: size, after });
            if (!page.hasNextPage) break;
            after = page.endCursor;
          }
        }),
      );
    }
    const walkMs = median(walks);
    const pages = Math.ceil(steps / size);
    report({
      bench: 'run-steps-query',
      driver: 'pglite',
      steps,
      pageSize: size,
      firstPageMs: Number(median(firstPage).toFixed(2)),
      fullWalkMs: Number(walkMs.toFixed(1)),
      pages,
      msPerPage: Number((walkMs / pages).toFixed(2)),
    });
  }
} finally {
  await target.drop();
}
