import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type AnyToolDefinition, type RiskLevel, ToolError } from '../tool.ts';

/** One configured MCP server: a child process over stdio, or a streamable HTTP endpoint. */
export type McpServerConfig =
  | {
      name: string;
      transport: 'stdio';
      command: string;
      args: string[];
      env?: Record<string, string>;
      cwd?: string;
    }
  | { name: string; transport: 'http'; url: string; headers?: Record<string, string> };

/** Timeouts for {@link connectMcpServers}. */
export interface ConnectMcpOptions {
  /** Per tool call; default 60 s. */
  callTimeoutMs?: number;
  /** Connect plus tools/list per server; default 30 s. */
  connectTimeoutMs?: number;
}

/** A listed MCP tool, as the SDK returns it. */
interface McpTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
}

type McpContent = { type: string; text?: string; mimeType?: string; uri?: string; data?: string };

/** One open connection to an MCP server and the tools it offers. */
export interface McpConnection {
  tools: AnyToolDefinition[];
  /** Closes the connection (once; later calls return the same promise). */
  close(): Promise<void>;
}

/**
 * Connects to one server and lists its tools as tool definitions named `mcp__<server>__<tool>`
 * (see {@link connectMcpServers}). `onClose` runs when the connection ends by any means other than
 * `close()` (the child process exited, the transport failed).
 * @throws an Error naming the server when it cannot be reached or listed (nothing is left open).
 */
export async function connectMcpServer(
  config: McpServerConfig,
  options: ConnectMcpOptions = {},
  hooks: { onClose?: () => void } = {},
): Promise<McpConnection> {
  const client = new Client({ name: 'spark-ops', version: '0.1.0' });
  const timeout = options.connectTimeoutMs ?? 30_000;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= client.close();
    return closing;
  };
  try {
    await client.connect(createTransport(config), { timeout });
    const listed = await listAllTools(client, timeout);
    client.onclose = () => {
      if (closing === null) hooks.onClose?.();
    };
    return {
      tools: listed.map((tool) => toToolDefinition(config.name, tool, client, close, options)),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw new Error(`MCP server "${config.name}" could not be reached: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/**
 * Connects to every server, lists its tools and returns them as tool definitions named
 * `mcp__<server>__<tool>` (sanitised to `[A-Za-z0-9_-]`, at most 64 characters). Arguments are
 * validated against the server's JSON Schema (converted with `z.fromJSONSchema`; a schema it
 * cannot convert falls back to "any object" and the server validates). MEDIUM risk; idempotent
 * only when the tool is annotated `readOnlyHint` or `idempotentHint`. Each tool's `close()` closes
 * its server's connection (once).
 * @throws when a server cannot be reached or listed: configured servers are dependencies, and
 * connections opened so far are closed first.
 */
export async function connectMcpServers(
  configs: readonly McpServerConfig[],
  options: ConnectMcpOptions = {},
): Promise<AnyToolDefinition[]> {
  const connected: McpConnection[] = [];
  try {
    for (const config of configs) {
      const connection = await connectMcpServer(config, options);
      // No tool would ever close a connection without tools, so do not keep it.
      if (connection.tools.length === 0) await connection.close();
      else connected.push(connection);
    }
    return connected.flatMap((connection) => connection.tools);
  } catch (error) {
    await Promise.allSettled(connected.map((connection) => connection.close()));
    throw error;
  }
}

/** `TypeError: fetch failed (connect ECONNREFUSED 127.0.0.1:1)`: the cause says what actually failed. */
function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${String(error)}${cause}`;
}

function createTransport(config: McpServerConfig): Transport {
  if (config.transport === 'stdio') {
    return new StdioClientTransport({
      command: config.command,
      args: config.args,
      ...(config.env ? { env: config.env } : {}),
      ...(config.cwd ? { cwd: config.cwd } : {}),
      stderr: 'inherit',
    });
  }
  return new StreamableHTTPClientTransport(new URL(config.url), {
    requestInit: { headers: config.headers ?? {} },
  });
}

async function listAllTools(client: Client, timeout: number): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {}, { timeout });
    tools.push(...(page.tools as McpTool[]));
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/** `mcp__<server>__<tool>`, within the 64 characters LLM APIs allow (long names get a hash suffix). */
export function mcpToolName(server: string, tool: string): string {
  const clean = (part: string): string => part.replace(/[^A-Za-z0-9_-]/g, '_');
  const full = `mcp__${clean(server)}__${clean(tool)}`;
  if (full.length <= 64) return full;
  const hash = createHash('sha256').update(`${server}\u0000${tool}`).digest('hex').slice(0, 8);
  return `${full.slice(0, 55)}_${hash}`;
}

/**
 * An MCP tool's default risk from its annotations, failing closed: only a tool that says it is
 * read-only (and not destructive) is MEDIUM; `destructiveHint: true`, no annotations, or anything
 * else is HIGH, so it needs an approval unless a policy names it. Annotations are the server's
 * hints, never a proof; policies can still raise or lower any MCP tool by name.
 */
export function mcpDefaultRisk(annotations: McpTool['annotations']): RiskLevel {
  if (annotations?.readOnlyHint === true && annotations.destructiveHint !== true) return 'MEDIUM';
  return 'HIGH';
}

function toSchema(jsonSchema: Record<string, unknown>): z.ZodType<Record<string, unknown>> {
  try {
    return z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]) as z.ZodType<
      Record<string, unknown>
    >;
  } catch {
    return z.record(z.string(), z.unknown());
  }
}

function toToolDefinition(
  server: string,
  tool: McpTool,
  client: Client,
  close: () => Promise<void>,
  options: ConnectMcpOptions,
): AnyToolDefinition {
  const timeoutMs = options.callTimeoutMs ?? 60_000;
  const description = tool.description ?? tool.title ?? tool.name;
  return {
    name: mcpToolName(server, tool.name),
    description: `[MCP ${server}] ${description}`,
    inputSchema: toSchema(tool.inputSchema) as z.ZodType<unknown>,
    parameters: tool.inputSchema,
    defaultRisk: mcpDefaultRisk(tool.annotations),
    timeoutMs: timeoutMs + 1000,
    idempotent: tool.annotations?.readOnlyHint === true || tool.annotations?.idempotentHint === true,
    async run(params, ctx) {
      let result: { content?: unknown; structuredContent?: unknown; isError?: boolean };
      try {
        result = (await client.callTool(
          { name: tool.name, arguments: (params ?? {}) as Record<string, unknown> },
          undefined,
          { signal: ctx.signal, timeout: timeoutMs },
        )) as typeof result;
      } catch (error) {
        throw mcpError(server, tool.name, error);
      }
      const content = Array.isArray(result.content) ? (result.content as McpContent[]) : [];
      const text = content
        .filter((item) => item.type === 'text' && typeof item.text === 'string')
        .map((item) => item.text)
        .join('\n');
      if (result.isError) {
        throw new ToolError('MCP_TOOL_ERROR', `${server}/${tool.name} failed: ${text || 'no details'}`, {
          retryable: false,
        });
      }
      const attachments = content
        .filter((item) => item.type !== 'text')
        .map(({ type, mimeType, uri, data }) => ({
          type,
          mimeType,
          uri,
          ...(data ? { bytes: Math.floor((data.length * 3) / 4) } : {}),
        }));
      return {
        text,
        ...(result.structuredContent === undefined ? {} : { structuredContent: result.structuredContent }),
        ...(attachments.length > 0 ? { attachments } : {}),
      };
    },
    close,
  };
}

function mcpError(server: string, tool: string, error: unknown): ToolError {
  const message = `${server}/${tool}: ${error instanceof Error ? error.message : String(error)}`;
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout)
      return new ToolError('TIMEOUT', message, { retryable: true, cause: error });
    if (error.code === ErrorCode.InvalidParams)
      return new ToolError('INVALID_PARAMS', message, { retryable: false, cause: error });
    if (error.code === ErrorCode.ConnectionClosed)
      return new ToolError('MCP_UNAVAILABLE', message, { retryable: true, cause: error });
    return new ToolError('MCP_ERROR', message, { retryable: false, cause: error });
  }
  return new ToolError('MCP_UNAVAILABLE', message, { retryable: true, cause: error });
}
