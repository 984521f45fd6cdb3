import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';

/** A notification channel as the read model holds it (never its secret). */
export interface ChannelRow {
  id: string;
  kind: 'webhook' | 'slack' | 'email';
  name: string;
  url: string | null;
  to: string[];
  events: string[];
  secretSet: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  channel_id: string;
  kind: ChannelRow['kind'];
  name: string;
  url: string | null;
  recipients: string[];
  events: string[];
  secret_set: boolean;
  enabled: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const toView = (row: Row): ChannelRow => ({
  id: row.channel_id,
  kind: row.kind,
  name: row.name,
  url: row.url,
  to: row.recipients,
  events: row.events,
  secretSet: row.secret_set,
  enabled: row.enabled,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Every channel not deleted, oldest first. */
export async function listChannels(db: SqlQueryable): Promise<ChannelRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM ${readTable('notification_channels', LIVE_TABLES)} WHERE NOT deleted ORDER BY created_at, channel_id`,
  );
  return rows.map(toView);
}

/** One channel not deleted, or null. */
export async function findChannel(db: SqlQueryable, id: string): Promise<ChannelRow | null> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM ${readTable('notification_channels', LIVE_TABLES)} WHERE channel_id = $1 AND NOT deleted`,
    [id],
  );
  return rows[0] ? toView(rows[0]) : null;
}
