/** One email the platform sent or kept, as the console shows it. */
export interface OutboxMessage {
  id: string;
  runId: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  /** ISO-8601. */
  sentAt: string;
  /** `smtp`: handed to the SMTP server; `outbox`: kept by the platform only (no SMTP configured). */
  transport: 'smtp' | 'outbox';
  /** RFC 5322 Message-ID, e.g. `<uuid@example.com>`. */
  messageId: string;
}

/** Filter for {@link EmailOutbox.list}. */
export interface OutboxQuery {
  runId?: string;
  /** Default 50. */
  limit?: number;
}

/**
 * Where send_email records every message, whichever transport delivered it. The durable
 * implementation lives with the read models; {@link createMemoryOutbox} serves tests.
 */
export interface EmailOutbox {
  /** @throws when the message cannot be stored (send_email then reports OUTBOX_FAILED). */
  record(message: OutboxMessage): Promise<void>;
  /** Newest first. */
  list(query?: OutboxQuery): Promise<OutboxMessage[]>;
}

/** An in-memory outbox (tests, demos): keeps copies, so callers cannot mutate what was recorded. */
export function createMemoryOutbox(): EmailOutbox & { readonly messages: readonly OutboxMessage[] } {
  const messages: OutboxMessage[] = [];
  return {
    get messages() {
      return messages.map((message) => structuredClone(message));
    },
    async record(message) {
      messages.push(structuredClone(message));
    },
    async list(query = {}) {
      return messages
        .filter((message) => query.runId === undefined || message.runId === query.runId)
        .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
        .slice(0, query.limit ?? 50)
        .map((message) => structuredClone(message));
    },
  };
}
