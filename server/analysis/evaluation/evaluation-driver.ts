// The evaluation driver: runs an agent version over every item of an evaluation, at most
// `concurrency` runs at a time, and scores each run when it ends. Restart-safe by construction: its
// checkpoint is the evaluation's stream (`EvaluationItemScored`), each item's run id is derived from
// the evaluation and the item (a second start is refused by the store), and a run's scores are
// appended only if the run has none of this evaluation yet.
import {
  type EvaluationItem,
  evaluationStream,
  type RunScore,
  runStream,
} from '../../../schema/events/index.ts';
import type { ProviderRegistry } from '../../activities/providers/create-provider.ts';
import type { AppendedEvent, CommandHandler, CommandTarget } from '../../application/command-handler.ts';
import { ConflictError } from '../../application/errors.ts';
import type { Actor } from '../../application/event-writer.ts';
import type { RunService } from '../../application/run-service.ts';
import type { EventStore, RecordedEvent } from '../../eventstore/port.ts';
import type { Logger } from '../../logger.ts';
import { type EvaluationState, evolveEvaluation, meanScore } from './evaluation-state.ts';
import { judgeRequest, judgeVerdict } from './judge.ts';
import { recordedScores, runFacts } from './run-facts.ts';
import { type CompiledScorer, compileScorers, type RunFacts } from './scorers.ts';

export interface EvaluationDriverDeps {
  store: EventStore;
  commands: CommandHandler;
  runs: RunService;
  providers: ProviderRegistry;
  logger: Logger;
}

const ENDING_TYPES = new Set(['RunCompleted', 'RunFailed', 'RunCancelled']);

export function evaluationTarget(
  store: EventStore,
  evaluationId: string,
): CommandTarget<EvaluationState | null> {
  const stream = evaluationStream(evaluationId);
  return {
    stream,
    async load() {
      const events = await store.readStream(stream);
      return {
        state: events.reduce<EvaluationState | null>(evolveEvaluation, null),
        revision: events.length - 1,
      };
    },
    evolve: (state: EvaluationState | null, event: AppendedEvent) => evolveEvaluation(state, event),
  };
}

/** A run's stream as a command target that knows which evaluations already scored it. */
function scoredRunTarget(
  store: EventStore,
  runId: string,
  evaluationId: string,
): CommandTarget<RunScore[] | null> {
  return {
    stream: runStream(runId),
    async load() {
      const events = await store.readStream(runStream(runId));
      return { state: recordedScores(events, evaluationId), revision: events.length - 1 };
    },
    evolve: (state, event) =>
      event.type === 'RunScored' ? ((event.data as { scores: RunScore[] }).scores ?? state) : state,
  };
}

export function createEvaluationDriver(deps: EvaluationDriverDeps) {
  const { store, commands, runs, providers, logger } = deps;

  /** The run's events once it ended (it is started first when it does not exist yet). */
  async function runToEnd(state: EvaluationState, item: EvaluationItem, actor: Actor, signal: AbortSignal) {
    let events = await store.readStream(runStream(item.runId));
    if (events.length === 0) {
      try {
        await runs.start(
          {
            agentId: state.agentId,
            agentVersion: state.agentVersion,
            inputs: { goal: item.goal },
            runId: item.runId,
          },
          actor,
        );
      } catch (error) {
        // Another driver (or this one before a crash) started it: follow that run.
        if (!(error instanceof ConflictError)) throw error;
      }
      events = await store.readStream(runStream(item.runId));
    }
    if (events.some((event) => ENDING_TYPES.has(event.type))) return events;
    const last = events.at(-1)?.revision ?? -1;
    for await (const event of store.subscribeToStream(runStream(item.runId), {
      afterRevision: last,
      signal,
    })) {
      if (ENDING_TYPES.has(event.type)) break;
    }
    signal.throwIfAborted();
    return store.readStream(runStream(item.runId));
  }

  async function score(
    scorers: readonly CompiledScorer[],
    item: EvaluationItem,
    facts: RunFacts,
    signal: AbortSignal,
  ): Promise<RunScore[]> {
    const scores: RunScore[] = [];
    for (const scorer of scorers) {
      if (!scorer.judge) {
        scores.push(scorer.score(facts, item));
        continue;
      }
      const { spec } = scorer;
      try {
        const provider = providers.get(spec.provider, spec.endpoint);
        const answer = await provider.reason(judgeRequest(spec, item, facts), { signal });
        scores.push(judgeVerdict(spec, answer));
      } catch (error) {
        signal.throwIfAborted();
        const message = error instanceof Error ? error.message : String(error);
        scores.push({
          scorer: spec.name,
          kind: spec.kind,
          score: 0,
          passed: false,
          reason: `the judge failed: ${message}`.slice(0, 2000),
        });
      }
    }
    return scores;
  }

  async function scoreItem(
    state: EvaluationState,
    scorers: readonly CompiledScorer[],
    item: EvaluationItem,
    signal: AbortSignal,
  ): Promise<void> {
    const actor: Actor = { id: state.by, correlationId: state.evaluationId };
    const events: RecordedEvent[] = await runToEnd(state, item, actor, signal);
    let scores = recordedScores(events, state.evaluationId);
    if (scores === null) {
      const facts = runFacts(events) as RunFacts;
      const fresh = await score(scorers, item, facts, signal);
      const data = { evaluationId: state.evaluationId, itemId: item.itemId, scores: fresh, by: state.by };
      const result = await commands.execute(
        scoredRunTarget(store, item.runId, state.evaluationId),
        (already) => (already === null ? { events: [{ type: 'RunScored', data }] } : { events: [] }),
        actor,
      );
      scores = result.state ?? fresh;
    }
    const itemScore = meanScore(scores.map((s) => s.score));
    await commands.execute(
      evaluationTarget(store, state.evaluationId),
      (current) => {
        if (current === null || item.itemId in current.scored) return { events: [] };
        const scored = [
          {
            type: 'EvaluationItemScored',
            data: { itemId: item.itemId, runId: item.runId, score: itemScore },
          },
        ];
        const all = { ...current.scored, [item.itemId]: itemScore };
        const done = current.items.every((i) => i.itemId in all);
        const total = meanScore(Object.values(all));
        const completed = {
          type: 'EvaluationCompleted',
          data: { evaluationId: current.evaluationId, score: total },
        };
        return { events: done ? [...scored, completed] : scored };
      },
      actor,
    );
  }

  /**
   * Drives the evaluation until every item is scored, or `signal` aborts (a later drive resumes it).
   * A run that waits for an approval holds its slot until someone decides.
   */
  async function drive(evaluationId: string, signal: AbortSignal): Promise<void> {
    const { state } = await evaluationTarget(store, evaluationId).load();
    if (state === null || state.completed) return;
    const scorers = compileScorers(state.scorers, state.items);
    const pending = state.items.filter((item) => !(item.itemId in state.scored));
    let next = 0;
    const worker = async () => {
      while (!signal.aborted && next < pending.length) {
        const item = pending[next++] as EvaluationItem;
        await scoreItem(state, scorers, item, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(state.concurrency, pending.length) }, worker));
  }

  const active = new Map<string, Promise<void>>();
  const stop = new AbortController();
  let timer: NodeJS.Timeout | null = null;

  return {
    drive,
    /** Drives the evaluation in the background (once per process at a time); errors are logged. */
    start(evaluationId: string): void {
      if (active.has(evaluationId) || stop.signal.aborted) return;
      const running = drive(evaluationId, stop.signal)
        .catch((error: unknown) => {
          if (!stop.signal.aborted)
            logger.error('evaluation driver failed', { evaluationId, error: String(error) });
        })
        .finally(() => active.delete(evaluationId));
      active.set(evaluationId, running);
    },
    /** Resumes every evaluation of the log that has not completed (after a restart). */
    async resumeAll(): Promise<string[]> {
      const filter = {
        streamPrefixes: ['evaluation-'],
        eventTypes: ['EvaluationStarted', 'EvaluationCompleted'],
      };
      const open = new Set<string>();
      for (let after: string | null = null; ; ) {
        const page = await store.readAll({ after, maxCount: 1000, filter });
        for (const event of page) {
          const id = (event.data as { evaluationId: string }).evaluationId;
          if (event.type === 'EvaluationStarted') open.add(id);
          else open.delete(id);
        }
        if (page.length < 1000) break;
        after = page.at(-1)?.position ?? null;
      }
      for (const id of open) this.start(id);
      return [...open];
    },
    /**
     * Resumes open evaluations now and every `everyMs` (evaluations recorded by an API-only process,
     * or left by a worker that stopped).
     */
    watch(everyMs: number): void {
      const resume = () => {
        this.resumeAll().catch((error: unknown) => {
          if (!stop.signal.aborted) logger.error('resuming evaluations failed', { error: String(error) });
        });
      };
      resume();
      timer = setInterval(resume, everyMs);
      timer.unref();
    },
    /** Stops every drive of this process (their evaluations resume on the next start). */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      stop.abort();
      await Promise.allSettled(active.values());
    },
  };
}

export type EvaluationDriver = ReturnType<typeof createEvaluationDriver>;
