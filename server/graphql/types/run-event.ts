import type { RecordedEvent } from '../../eventstore/port.ts';
import { builder } from '../builder.ts';

/** `RunEvent`: one event of a run as stored, with the position and revision a client resumes from. */
export const RunEvent = builder.objectRef<RecordedEvent>('RunEvent').implement({
  description: 'One event of a run. Pass the last `position` you saw as `runEvents(after:)` to resume.',
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeString('position'),
    revision: t.exposeInt('revision'),
    type: t.exposeString('type'),
    data: t.expose('data', { type: 'JSON' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});
