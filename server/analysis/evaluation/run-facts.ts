// What scorers read of a finished run, folded from its events (the write path never reads a read model).
import type { EventDataByType, RunScore } from '../../../schema/events/index.ts';
import type { RecordedEvent } from '../../eventstore/port.ts';
import type { RunFacts } from './scorers.ts';

const ENDINGS = { RunCompleted: 'COMPLETED', RunFailed: 'FAILED', RunCancelled: 'CANCELLED' } as const;

/** The run's facts once it ended; null while it has not. */
export function runFacts(events: readonly RecordedEvent[]): RunFacts | null {
  const facts: RunFacts = { status: 'FAILED', output: undefined, tools: [], steps: 0, tokens: 0, costUsd: 0 };
  let ended = false;
  for (const event of events) {
    if (event.type === 'ToolCallStarted') {
      facts.tools.push((event.data as EventDataByType['ToolCallStarted']).tool);
    } else if (event.type === 'ReasoningCompleted' || event.type === 'ModelOutputRejected') {
      const data = event.data as EventDataByType['ReasoningCompleted'];
      facts.steps = Math.max(facts.steps, data.step);
      facts.tokens += data.usage.inputTokens + data.usage.outputTokens;
      facts.costUsd += data.costUsd;
    } else if (event.type in ENDINGS && !ended) {
      ended = true;
      facts.status = ENDINGS[event.type as keyof typeof ENDINGS];
      if (event.type === 'RunCompleted')
        facts.output = (event.data as EventDataByType['RunCompleted']).output;
    }
  }
  return ended ? facts : null;
}

/** The scores this evaluation already recorded on the run, or null. */
export function recordedScores(events: readonly RecordedEvent[], evaluationId: string): RunScore[] | null {
  for (const event of events) {
    if (event.type !== 'RunScored') continue;
    const data = event.data as EventDataByType['RunScored'];
    if (data.evaluationId === evaluationId) return data.scores;
  }
  return null;
}
