// Pure: StepAnnotated events → annotation rows. No I/O.
import type { RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

/** One annotation as stored. */
export interface AnnotationRow {
  annotationId: string;
  runId: string;
  step: number;
  label: string;
  score: number;
  comment: string | null;
  /** The actor's id (the API shows it as an email). */
  by: string;
  createdAt: Date;
  position: string;
}

/** Maps a batch of events (any streams, log order) to the annotations they record. */
export function mapAnnotationEvents(events: readonly RecordedEvent[]): AnnotationRow[] {
  const rows: AnnotationRow[] = [];
  for (const event of events) {
    if (event.type !== 'StepAnnotated') continue;
    const data = event.data as unknown as RunEventDataByType['StepAnnotated'];
    rows.push({
      annotationId: data.annotationId,
      runId: parseStream(event.stream).id,
      step: data.step,
      label: data.label,
      score: data.score,
      comment: data.comment ?? null,
      by: data.by,
      createdAt: event.recordedAt,
      position: event.position,
    });
  }
  return rows;
}
