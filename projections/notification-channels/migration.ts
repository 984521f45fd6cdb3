import { readTable, type TableSet } from '../projection.ts';

/**
 * The `notification-channels` read model: one row per channel, without its secret (only whether
 * one is set). Deleted channels keep their row (`deleted`), so their delivery log still has a name.
 */
export function notificationChannelsMigration(tables: TableSet): string {
  const channels = readTable('notification_channels', tables);
  const s = tables.suffix;
  return `
CREATE TABLE IF NOT EXISTS ${channels} (
  channel_id  text        NOT NULL PRIMARY KEY,
  kind        text        NOT NULL,
  name        text        NOT NULL,
  url         text,
  recipients  text[]      NOT NULL,
  events      text[]      NOT NULL,
  secret_set  boolean     NOT NULL,
  enabled     boolean     NOT NULL,
  deleted     boolean     NOT NULL,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  position    text        COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS notification_channels${s}_created_idx ON ${channels} (created_at, channel_id);
`;
}
