// The model's thought while it is generated: pushed by `runThoughtDelta`, never stored. Shown above
// the trace for the step being reasoned; once the step's row has its recorded thought
// (ReasoningCompleted), the row is the record and this disappears.
import { useState } from 'react';
import { useSubscriptionCallback } from '../../api/use-live';
import { graphql } from '../../gql';
import type { RunStepNode } from './step-rows';

const RunThoughtLive = graphql(`
  subscription RunThoughtLive($runId: ID!) {
    runThoughtDelta(runId: $runId) {
      step
      attempt
      text
    }
  }
`);

/** The live thought of one step: the whole text so far of the provider's current attempt. */
export interface LiveThoughtState {
  step: number;
  attempt: number;
  text: string;
}

/**
 * Whether the live text of `live` is still worth showing: not once the step's row holds what was
 * recorded (a thought, or any status past reasoning).
 */
export function isThoughtStillLive(live: LiveThoughtState, steps: readonly RunStepNode[]): boolean {
  const row = steps.find((node) => node.step === live.step);
  if (steps.some((node) => node.step > live.step)) return false;
  return !row || (row.status === 'REASONING' && row.thought === '');
}

/** The latest live thought of the run (null before any). `pause` stops listening (replay, ended run). */
export function useLiveThought(runId: string, pause: boolean): LiveThoughtState | null {
  const [live, setLive] = useState<LiveThoughtState | null>(null);
  useSubscriptionCallback(
    RunThoughtLive,
    { runId },
    (data) => {
      const { step, attempt, text } = data.runThoughtDelta;
      setLive({ step, attempt, text });
    },
    { pause },
  );
  return pause ? null : live;
}

export function LiveThought({
  runId,
  steps,
  paused,
}: {
  runId: string;
  steps: readonly RunStepNode[];
  paused: boolean;
}) {
  const live = useLiveThought(runId, paused);
  if (!live || !isThoughtStillLive(live, steps)) return null;
  return (
    <section className="live-thought" aria-label={`Step ${live.step}: the model is thinking`}>
      <p className="live-thought-label">
        Step {live.step} · thinking
        {live.attempt > 1 ? ` · retry ${live.attempt - 1} (the connection broke, starting over)` : ''}
      </p>
      <p className="live-thought-text" aria-live="polite">
        {live.text}
        <span className="live-thought-caret" aria-hidden="true" />
      </p>
    </section>
  );
}
