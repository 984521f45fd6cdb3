import type { z } from 'zod';

/** Risk levels, lowest first (ARCHITECTURE.md §5, Safety). */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** Risk a tool carries before any policy looks at its parameters. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What a tool run knows about the call it serves. `signal` aborts on timeout or cancellation. */
export interface ToolContext {
  signal: AbortSignal;
  runId: string;
  step: number;
  callId: string;
}

/**
 * One tool the agents can call. `run` receives parameters already parsed by `inputSchema` and
 * returns a JSON value `R`; it throws a {@link ToolError} for failures it can classify.
 *
 * `run` and `idempotentFor` are methods (not function properties) on purpose: method parameters
 * are bivariant, so every `ToolDefinition<P>` fits in a `ToolDefinition<unknown>` list.
 */
export interface ToolDefinition<P, R = unknown> {
  name: string;
  description: string;
  inputSchema: z.ZodType<P>;
  /** JSON Schema offered to the model; derived from `inputSchema` when absent (MCP passes the server's). */
  parameters?: Record<string, unknown>;
  defaultRisk: RiskLevel;
  /** Upper bound for one call, enforced by the registry through `ctx.signal`. */
  timeoutMs: number;
  /** Safe to re-run after a crash left the outcome unknown. The conservative answer for any params. */
  idempotent: boolean;
  /** Refines `idempotent` for given params (http_request: true for GET/HEAD only). */
  idempotentFor?(params: P): boolean;
  /** Set when the tool exists but cannot work in this deployment; `run` then fails with this reason. */
  unavailableReason?: string;
  run(params: P, ctx: ToolContext): Promise<R>;
  /** Releases workers, pools and connections. Safe to call more than once. */
  close?(): Promise<void>;
}

/** A tool of any parameter type, as held in lists and registries. */
export type AnyToolDefinition = ToolDefinition<unknown>;

/**
 * A classified tool failure: `code` is stable (e.g. `TIMEOUT`, `ADDRESS_BLOCKED`), `retryable`
 * says whether the same call may succeed later. Decided where the failure is understood.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable;
  }
}

/** Identity helper that lets TypeScript infer `P` from the schema. */
export function defineTool<P, R>(definition: ToolDefinition<P, R>): ToolDefinition<P, R> {
  return definition;
}
