import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { ChannelChange } from './mapping.ts';

/** Writes a batch's channel changes: one insert for new channels, one update for the rest. */
export async function writeChannelChanges(
  tx: SqlQueryable,
  changes: readonly ChannelChange[],
  tables: TableSet,
): Promise<void> {
  if (changes.length === 0) return;
  const table = readTable('notification_channels', tables);
  const created = changes.flatMap((change) => (change.created ? [change.created] : []));
  if (created.length > 0) {
    await tx.query(
      `INSERT INTO ${table} (channel_id, kind, name, url, recipients, events, secret_set, enabled, deleted,
                             created_by, created_at, updated_at, position)
       SELECT c."channelId", c.kind, c.name, c.url, c.recipients, c.events, c."secretSet", true, false,
              c."createdBy", c."createdAt", c."createdAt", ''
         FROM jsonb_to_recordset($1::jsonb) AS c("channelId" text, kind text, name text, url text,
              recipients text[], events text[], "secretSet" boolean, "createdBy" text, "createdAt" timestamptz)
       ON CONFLICT (channel_id) DO NOTHING`,
      [JSON.stringify(created)],
    );
  }
  await tx.query(
    `UPDATE ${table} AS t
        SET enabled = coalesce(c.enabled, t.enabled), deleted = t.deleted OR c.deleted,
            updated_at = c."updatedAt", position = c.position
       FROM jsonb_to_recordset($1::jsonb) AS c("channelId" text, enabled boolean, deleted boolean,
            "updatedAt" timestamptz, position text)
      WHERE t.channel_id = c."channelId" AND t.position < c.position`,
    [JSON.stringify(changes.map(({ created: _created, ...rest }) => rest))],
  );
}
