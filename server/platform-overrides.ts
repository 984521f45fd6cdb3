import { eventCatalogue } from '../schema/events/index.ts';
import type { Embedder } from './activities/memory/embedder.ts';
import type { ProviderRegistry } from './activities/providers/create-provider.ts';
import type { ReasoningProvider } from './activities/providers/provider.ts';
import type { AnyToolDefinition } from './activities/tools/tool.ts';
import type { McpServerStatusView } from './application/integrations.ts';
import { createChainedEventStore } from './audit-chain/chained-event-store.ts';
import type { LoginThrottlePolicy } from './auth/login-throttle.ts';
import type { Config } from './config.ts';
import type { SqlDatabase } from './db/sql-database.ts';
import type { EventStore } from './eventstore/port.ts';
import { createPostgresEventStore } from './eventstore/postgres/postgres-event-store.ts';
import type { ApiLimits } from './graphql/api.ts';
import type { Logger } from './logger.ts';
import type { RetryPolicy } from './notifications/retry-policy.ts';
import type { ApprovalDeadlineConfig } from './safety/approval-deadline.ts';
import { openStorage, type Storage } from './storage.ts';

/**
 * What tests and benches change about a platform built from configuration; everything else is built
 * exactly as `npm start` builds it. One object, so no test re-wires services by hand.
 */
export interface PlatformOverrides {
  /** Default: JSON lines on stderr at `config.logLevel`. */
  logger?: Logger;
  /** Read models (and events, unless `store` is given) on this database; the caller closes it. */
  db?: SqlDatabase;
  /** Events in this store (e.g. the memory store) instead; needs `db`; the caller closes it. */
  store?: EventStore;
  /** Answers every agent's reasoning, whatever its configured provider (a scripted fake model). */
  reasoning?: ReasoningProvider;
  /** The reasoning providers (default: built from the configuration's keys). */
  providers?: ProviderRegistry;
  /** These tools instead of the built-in ones and MCP_SERVERS. */
  tools?: AnyToolDefinition[];
  /** What the integrations page reports as MCP servers when `tools` replaces them (default none). */
  mcpServers?: McpServerStatusView[];
  /** Default: OpenAI embeddings with OPENAI_API_KEY, else the local hashing embedder. */
  embedder?: Embedder;
  /** The engine's clock. */
  now?: () => Date;
  /** The engine's back-off sleep (tests retry failed LLM calls at once). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  approvals?: ApprovalDeadlineConfig;
  /** false: runs are not driven in this process (the scheduler never starts). Default true. */
  worker?: boolean;
  /** Scheduler tuning (defaults: 16 runs at once, look for work every 500 ms). */
  scheduler?: { concurrency?: number; pollMs?: number };
  /** How often a worker looks for evaluations to resume (default 10 s). */
  evaluations?: { pollMs?: number };
  /**
   * Projection runner: batch tuning (default up to 50 ms), and `run: false` when another process
   * keeps the read models (a worker-only process; the engine benches, which measure the engine alone).
   */
  projections?: { maxBatchMs?: number; run?: boolean };
  /**
   * Notification delivery tuning: retry policy, how often due retries are looked for, the lease of
   * a claimed delivery; `run: false` keeps this process from delivering (default: it delivers
   * wherever projections run).
   */
  notifications?: {
    run?: boolean;
    retry?: Partial<RetryPolicy>;
    pollMs?: number;
    leaseMs?: number;
  };
  /** Seed the demo agent (default: when neither OPENAI_API_KEY nor ANTHROPIC_API_KEY is set and `tools` is not overridden). */
  seedDemo?: boolean;
  /** API limits (body size, rate, subscriber buffer, query depth and cost). */
  limits?: ApiLimits;
  /** How failed logins slow down guessing (default `DEFAULT_LOGIN_THROTTLE`: 3 free, then 1 s doubling). */
  loginThrottle?: LoginThrottlePolicy;
  /** Told about every run that has work (after the scheduler is), e.g. to record it in a test. */
  onRunnable?(runId: string): void;
}

/** A provider registry that answers every agent with one provider (the `reasoning` override). */
export function singleProviderRegistry(
  provider: ReasoningProvider,
  base: ProviderRegistry,
): ProviderRegistry {
  return { get: () => provider, status: () => base.status() };
}

/**
 * The storage of the platform: from the configuration (PGlite in DATA_DIR, locked, or the PostgreSQL
 * server), or the database and store a test passes, which the test keeps and closes.
 */
export async function openPlatformStorage(
  config: Config,
  overrides: PlatformOverrides,
  logger: Logger,
): Promise<Storage> {
  const { db } = overrides;
  if (!db) {
    if (overrides.store) throw new Error('createPlatform: the `store` override needs a `db` override too');
    return openStorage(config, logger);
  }
  const ownStore = overrides.store
    ? null
    : await createPostgresEventStore({
        db,
        catalogue: eventCatalogue,
        logger: logger.child({ component: 'eventstore' }),
      });
  const store = createChainedEventStore(overrides.store ?? (ownStore as EventStore), {
    catalogue: eventCatalogue,
  });
  return {
    db,
    store,
    mode: `${store.name}, read models on a database given by the caller`,
    async close() {
      await ownStore?.close();
    },
  };
}
