import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/agent.ts';
import './types/annotation.ts';
import './types/audit.ts';
import './types/audit-chain.ts';
import './types/backtest.ts';
import './types/enums.ts';
import './types/evaluation.ts';
import './types/hitl-request.ts';
import './types/integrations.ts';
import './types/memory.ts';
import './types/metrics.ts';
import './types/notifications.ts';
import './types/observability.ts';
import './types/outbox.ts';
import './types/policy.ts';
import './types/replay.ts';
import './types/run.ts';
import './types/run-commands.ts';
import './types/run-event.ts';
import './types/run-step.ts';
import './types/subscriptions.ts';
import './types/users.ts';
import './types/viewer.ts';

let schema: GraphQLSchema | null = null;

/** The API's schema, built once per process (it is static; services come with each request's context). */
export function apiSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}

/** The schema as committed in schema/schema.graphql: sorted, printed, with a final newline. */
export function printApiSchema(): string {
  return `${printSchema(lexicographicSortSchema(apiSchema()))}\n`;
}
