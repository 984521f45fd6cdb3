import { z } from 'zod';
import type { ToolSpec } from '../../engine/conversation.ts';
import { redactSecrets } from './redact-secrets.ts';
import { type AnyToolDefinition, type RiskLevel, type ToolContext, ToolError } from './tool.ts';

/** Results whose JSON is larger than this are replaced by a truncated preview. */
export const MAX_RESULT_BYTES = 64 * 1024;

/** Tool names the LLM APIs accept (OpenAI: `^[a-zA-Z0-9_-]{1,64}$`). */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A tool as the console and the safety layer see it: the model's spec plus operational facts. */
export interface ToolInfo extends ToolSpec {
  defaultRisk: RiskLevel;
  timeoutMs: number;
  idempotent: boolean;
  configured: boolean;
  /** Why the tool is not configured (only when `configured` is false). */
  reason?: string;
}

/** The outcome of one call. Tool failures are values, never exceptions. */
export type ToolExecution =
  | { ok: true; result: unknown; durationMs: number; truncated?: { originalBytes: number } }
  | { ok: false; error: { message: string; code: string }; retryable: boolean; durationMs: number };

/** Looks tools up by name, validates parameters and runs calls with a time limit. */
export interface ToolRegistry {
  /** Every tool as offered to the model (JSON Schema from the zod schema, `io: 'input'`). */
  list(): ToolSpec[];
  /** Every tool with risk, timeout, idempotency and whether it is configured. */
  describe(): ToolInfo[];
  get(name: string): AnyToolDefinition | undefined;
  /** `null` when `params` fit the tool's schema; otherwise a message naming the field(s). */
  validate(name: string, params: unknown): string | null;
  /** Whether re-running this exact call is safe; false for unknown tools and invalid params. */
  isIdempotent(name: string, params: unknown): boolean;
  /**
   * Validates, runs with `timeoutMs` (aborting `ctx.signal` passed to the tool), redacts secrets in
   * the result and error message, truncates results over {@link MAX_RESULT_BYTES}. Never throws
   * for a tool failure: unknown tool, invalid params, timeout, cancellation and errors become
   * `{ ok: false }` with a code (`UNKNOWN_TOOL`, `INVALID_PARAMS`, `NOT_CONFIGURED`, `TIMEOUT`,
   * `ABORTED`, the tool's own `ToolError` code, or `TOOL_FAILED` for unclassified errors).
   */
  execute(name: string, params: unknown, ctx: ToolContext): Promise<ToolExecution>;
  /** Closes every tool that holds resources. */
  close(): Promise<void>;
}

/**
 * A registry over `tools`.
 * @throws at construction when two tools share a name, a name is not a valid LLM tool name, or a
 * schema cannot be turned into JSON Schema (a configuration bug: crash at start).
 */
export function createToolRegistry(tools: readonly AnyToolDefinition[]): ToolRegistry {
  const byName = new Map<string, AnyToolDefinition>();
  const infos: ToolInfo[] = [];
  for (const tool of tools) {
    if (!TOOL_NAME.test(tool.name)) throw new Error(`Invalid tool name "${tool.name}"`);
    if (byName.has(tool.name)) throw new Error(`Duplicate tool name "${tool.name}"`);
    byName.set(tool.name, tool);
    infos.push({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters ?? toJsonSchema(tool.inputSchema),
      defaultRisk: tool.defaultRisk,
      timeoutMs: tool.timeoutMs,
      idempotent: tool.idempotent,
      configured: tool.unavailableReason === undefined,
      ...(tool.unavailableReason === undefined ? {} : { reason: tool.unavailableReason }),
    });
  }

  return {
    list: () => infos.map(({ name, description, parameters }) => ({ name, description, parameters })),
    describe: () => infos.map((info) => ({ ...info })),
    get: (name) => byName.get(name),
    validate(name, params) {
      const tool = byName.get(name);
      if (!tool) return `Unknown tool "${name}"`;
      const parsed = tool.inputSchema.safeParse(params);
      return parsed.success ? null : describeIssues(parsed.error);
    },
    isIdempotent(name, params) {
      const tool = byName.get(name);
      const parsed = tool?.inputSchema.safeParse(params);
      if (!tool || !parsed?.success) return false;
      return tool.idempotentFor ? tool.idempotentFor(parsed.data) : tool.idempotent;
    },
    async execute(name, params, ctx) {
      const started = performance.now();
      const elapsed = (): number => Math.round(performance.now() - started);
      const fail = (error: ToolError): ToolExecution => ({
        ok: false,
        error: { message: redactSecrets(error.message), code: error.code },
        retryable: error.retryable,
        durationMs: elapsed(),
      });
      const tool = byName.get(name);
      if (!tool) return fail(new ToolError('UNKNOWN_TOOL', `Unknown tool "${name}"`, { retryable: false }));
      const parsed = tool.inputSchema.safeParse(params);
      if (!parsed.success) {
        const message = `Invalid parameters for ${name}: ${describeIssues(parsed.error)}`;
        return fail(new ToolError('INVALID_PARAMS', message, { retryable: false }));
      }
      if (tool.unavailableReason !== undefined) {
        return fail(new ToolError('NOT_CONFIGURED', tool.unavailableReason, { retryable: false }));
      }
      try {
        const result = await runWithLimits(tool, parsed.data, ctx);
        return { ok: true, ...toJsonResult(result), durationMs: elapsed() };
      } catch (error) {
        return fail(classify(error));
      }
    },
    async close() {
      await Promise.allSettled(tools.map((tool) => tool.close?.()));
    },
  };
}

async function runWithLimits(tool: AnyToolDefinition, params: unknown, ctx: ToolContext): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const message = `${tool.name} timed out after ${tool.timeoutMs} ms`;
    controller.abort(new ToolError('TIMEOUT', message, { retryable: true }));
  }, tool.timeoutMs);
  const onCancel = (): void =>
    controller.abort(new ToolError('ABORTED', `${tool.name} was cancelled`, { retryable: true }));
  if (ctx.signal.aborted) onCancel();
  else ctx.signal.addEventListener('abort', onCancel, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    const rejectWithReason = (): void => reject(controller.signal.reason);
    if (controller.signal.aborted) rejectWithReason();
    else controller.signal.addEventListener('abort', rejectWithReason, { once: true });
  });
  try {
    const running = Promise.resolve().then(() => tool.run(params, { ...ctx, signal: controller.signal }));
    // A tool that ignores its signal may settle after the race is decided: keep that quiet.
    running.catch(() => undefined);
    return await Promise.race([running, aborted]);
  } catch (error) {
    // Once our signal fired, its reason (TIMEOUT/ABORTED) explains the failure better than
    // whatever AbortError the tool rethrew.
    throw controller.signal.aborted && !(error instanceof ToolError) ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onCancel);
  }
}

function classify(error: unknown): ToolError {
  if (error instanceof ToolError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ToolError('TOOL_FAILED', message, { retryable: false, cause: error });
}

/** The redacted result as plain JSON, replaced by a preview when it is too large. */
function toJsonResult(value: unknown): { result: unknown; truncated?: { originalBytes: number } } {
  const json =
    JSON.stringify(redactSecrets(value), (_key, item) =>
      typeof item === 'bigint' ? item.toString() : item,
    ) ?? 'null';
  const bytes = Buffer.from(json, 'utf8');
  if (bytes.length <= MAX_RESULT_BYTES) return { result: JSON.parse(json) };
  // Leave room for the wrapper so the truncated result itself stays under the limit.
  const preview = bytes
    .subarray(0, MAX_RESULT_BYTES - 1024)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return {
    result: {
      truncated: true,
      note: `The result was ${bytes.length} bytes of JSON; only the first ${Buffer.byteLength(preview)} bytes are shown.`,
      preview,
    },
    truncated: { originalBytes: bytes.length },
  };
}

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** `to.0: Invalid email address; subject: Too big` — at most three issues, each naming its field. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path === '' ? '(params)' : path}: ${issue.message}`;
  });
  if (error.issues.length > 3) parts.push(`and ${error.issues.length - 3} more`);
  return parts.join('; ');
}
