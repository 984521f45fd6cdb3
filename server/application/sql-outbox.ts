import type { EmailOutbox, OutboxMessage } from '../activities/tools/email-outbox.ts';
import { migrateApp } from '../db/app-migration.ts';
import type { SqlDatabase } from '../db/sql-database.ts';

interface OutboxRow {
  id: string;
  run_id: string;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  body: string;
  sent_at: Date;
  transport: 'smtp' | 'outbox';
  message_id: string;
}

/**
 * The platform's outbox in `app.outbox`: every email send_email delivered, over SMTP or kept here
 * when no SMTP server is configured. It is the mail sink itself, not a projection of events (the
 * run's ToolCallSucceeded records the send; this records the message).
 */
export async function createSqlOutbox(db: SqlDatabase): Promise<EmailOutbox> {
  await migrateApp(
    db,
    `
    CREATE TABLE IF NOT EXISTS app.outbox (
      id text PRIMARY KEY, run_id text NOT NULL, to_addresses text[] NOT NULL, cc_addresses text[] NOT NULL,
      subject text NOT NULL, body text NOT NULL, sent_at timestamptz NOT NULL, transport text NOT NULL,
      message_id text NOT NULL);
    CREATE INDEX IF NOT EXISTS outbox_run_idx ON app.outbox (run_id, sent_at DESC);
    CREATE INDEX IF NOT EXISTS outbox_sent_idx ON app.outbox (sent_at DESC)`,
  );
  return {
    async record(message: OutboxMessage) {
      await db.query(
        `INSERT INTO app.outbox (id, run_id, to_addresses, cc_addresses, subject, body, sent_at, transport, message_id)
         VALUES ($1, $2, $3::text[], $4::text[], $5, $6, $7::timestamptz, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [
          message.id,
          message.runId,
          message.to,
          message.cc,
          message.subject,
          message.body,
          message.sentAt,
          message.transport,
          message.messageId,
        ],
      );
    },
    async list(query = {}) {
      const params: unknown[] = [Math.min(500, query.limit ?? 50)];
      const where = query.runId ? `WHERE run_id = $${params.push(query.runId)}` : '';
      const { rows } = await db.query<OutboxRow>(
        `SELECT id, run_id, to_addresses, cc_addresses, subject, body, sent_at, transport, message_id
           FROM app.outbox ${where} ORDER BY sent_at DESC, id LIMIT $1`,
        params,
      );
      return rows.map((row) => ({
        id: row.id,
        runId: row.run_id,
        to: row.to_addresses,
        cc: row.cc_addresses,
        subject: row.subject,
        body: row.body,
        sentAt: new Date(row.sent_at).toISOString(),
        transport: row.transport,
        messageId: row.message_id,
      }));
    },
  };
}
