import type { Page, PageRequest } from '../../projections/pagination.ts';
import type { Embedder } from '../activities/memory/embedder.ts';
import type { ProviderRegistry } from '../activities/providers/create-provider.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import type { AnalysisService } from '../analysis/analysis-service.ts';
import type { EvaluationService } from '../analysis/evaluation/evaluation-service.ts';
import type { AgentService } from '../application/agent-service.ts';
import type { ForkService } from '../application/fork-service.ts';
import type { IntegrationsService } from '../application/integrations.ts';
import type { PolicyService } from '../application/policy-service.ts';
import type { RunService } from '../application/run-service.ts';
import type { AuditChainService } from '../audit-chain/audit-chain-service.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { Viewer } from '../auth/roles.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore } from '../eventstore/port.ts';
import type { Logger } from '../logger.ts';
import type { Notifications } from '../notifications/notifications.ts';
import type { ReadSide } from '../read/read-side.ts';
import type { EventHub } from './live/event-hub.ts';

/** A message the platform's outbox holds (the `send_email` tool's default destination). */
export interface OutboxMessageView {
  id: string;
  runId: string | null;
  to: string[];
  subject: string;
  body: string;
  createdAt: Date;
}

/** Reads the outbox read model, newest first. */
export type ListOutbox = (page: PageRequest) => Promise<Page<OutboxMessageView>>;

/** The projection runner as the API needs it: read-your-writes. */
export interface ProjectionWaiter {
  /** True once every read model has applied `position`; false after `timeoutMs`. Never rejects. */
  waitFor(position: string, timeoutMs: number): Promise<boolean>;
}

/** Everything resolvers reach; built once per process and shared by every request. */
export interface ApiServices {
  db: SqlDatabase;
  store: EventStore;
  agents: AgentService;
  runs: RunService;
  policies: PolicyService;
  forks: ForkService;
  /** Verified replay, run export, policy back-testing and run diff over recorded events (server/analysis). */
  analysis: AnalysisService;
  /** Datasets and evaluations: create, add items, start (runs and scores them). */
  evaluations: EvaluationService;
  projections: ProjectionWaiter;
  embedder: Embedder;
  tools: ToolRegistry;
  providers: ProviderRegistry;
  integrations: IntegrationsService;
  /** Notification channels: create, list, test, disable, delete, delivery logs. */
  notifications: Notifications;
  listOutbox: ListOutbox;
  auth: AuthService;
  hub: EventHub;
  /** Every view the API shows and the live streams (server/read): resolvers only map its results. */
  read: ReadSide;
  /** The tamper-evident log: verification and its last result. */
  auditChain: AuditChainService;
  logger: Logger;
}

/** The context of one GraphQL operation. */
export interface ApiContext {
  viewer: Viewer | null;
  services: ApiServices;
  /** From `x-wait-for-projections`: how long a mutation may wait for the read models (0: not at all). */
  waitForMs: number;
  /** Positions this operation appended; the last one is returned as `extensions.position`. */
  writes: string[];
  /** The caller's address (socket peer, or X-Forwarded-For from a trusted proxy): login throttling. */
  clientAddress: string;
  /** The request's User-Agent (the HTTP request's, or the WebSocket upgrade's): the audit trail. */
  userAgent: string | null;
  /** Closes the client's connection (graphql-ws), e.g. for a subscriber that fell too far behind. */
  closeConnection: ((code: number, reason: string) => void) | null;
}
