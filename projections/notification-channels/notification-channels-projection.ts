import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapChannelEvents } from './mapping.ts';
import { notificationChannelsMigration } from './migration.ts';
import { writeChannelChanges } from './writer.ts';

/** `read.notification_channels`: the channels the integrations page lists. */
export const notificationChannelsProjection: Projection = {
  name: 'notification-channels',
  tables: ['notification_channels'],
  migrate: (db, tables) => runMigration(db, notificationChannelsMigration(tables)),
  apply: (tx, events, tables) => writeChannelChanges(tx, mapChannelEvents(events), tables),
};
