import type { RunThoughtDelta as RunThoughtDeltaShape } from '../../read/live/run-thoughts.ts';
import { builder } from '../builder.ts';

/** `RunThoughtDelta`: the model's thought while it is generated; a live view, never stored. */
export const RunThoughtDelta = builder.objectRef<RunThoughtDeltaShape>('RunThoughtDelta').implement({
  description:
    'The model’s thought for a step while the answer streams: a live view, not stored. The step’s `ReasoningCompleted` event is the record and replaces it.',
  fields: (t) => ({
    runId: t.exposeID('runId'),
    step: t.exposeInt('step'),
    attempt: t.exposeInt('attempt', {
      description:
        'The provider attempt (1-based). A retry (the stream broke) starts a new attempt with empty `text`.',
    }),
    delta: t.exposeString('delta', { description: 'Text since this subscriber’s previous update.' }),
    text: t.exposeString('text', { description: 'The whole thought so far in this attempt: show this.' }),
  }),
});
