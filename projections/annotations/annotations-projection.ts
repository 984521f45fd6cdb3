import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapAnnotationEvents } from './mapping.ts';
import { annotationsMigration } from './migration.ts';
import { writeAnnotations } from './writer.ts';

/** `read.step_annotations`: feedback on runs' steps (`annotateStep`), for the trace and the runs filter. */
export const annotationsProjection: Projection = {
  name: 'annotations',
  tables: ['step_annotations'],
  migrate: (db, tables) => runMigration(db, annotationsMigration(tables)),
  apply: (tx, events, tables) => writeAnnotations(tx, mapAnnotationEvents(events), tables),
};
