import { REDACTED, redactSecrets } from '../redact-secrets.ts';
import type { AnyToolDefinition } from '../tool.ts';
import {
  type ConnectMcpOptions,
  connectMcpServer,
  type McpConnection,
  type McpServerConfig,
} from './connect-mcp-servers.ts';

/** What connecting to one configured server gave, safe to show: no header or env values. */
export interface McpServerState {
  name: string;
  transport: 'stdio' | 'http';
  /** The command line (stdio, without env) or the URL without credentials, query or fragment (http). */
  target: string;
  connected: boolean;
  /** The platform's names of its tools; while reconnecting, the ones it had. */
  tools: string[];
  /** Why it is not connected (secrets scrubbed); null when connected. */
  error: string | null;
}

export interface McpConnectionsOptions {
  servers: readonly McpServerConfig[];
  connect?: ConnectMcpOptions;
  /** Back-off between reconnection attempts: doubles from `initialDelayMs` up to `maxDelayMs`. */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Called after a server's state changed (connected, failed, dropped), with its new state. */
  onChange?: (state: McpServerState, retryInMs: number | null) => void;
}

/** The configured MCP servers, kept connected in the background. */
export interface McpConnections {
  /**
   * Connects every server in parallel, each bounded by the connect timeout. Never rejects: a
   * server that fails is reported in {@link status} and retried with back-off until it connects.
   */
  start(): Promise<void>;
  /** The tools of every connected server (and of dropped ones until they reconnect). */
  tools(): AnyToolDefinition[];
  status(): McpServerState[];
  /** Stops retrying and closes every connection. */
  close(): Promise<void>;
}

/**
 * Keeps the configured MCP servers connected. A server that fails to connect, or whose connection
 * drops (its process exits), is retried with exponential back-off; when it is back its tools are
 * replaced by the fresh ones. Tools of a dropped server stay listed meanwhile: their calls fail as
 * retryable `MCP_UNAVAILABLE`, which the engine retries, rather than `UNKNOWN_TOOL`, which it does not.
 */
export function createMcpConnections(options: McpConnectionsOptions): McpConnections {
  const initialDelayMs = options.retry?.initialDelayMs ?? 1000;
  const maxDelayMs = options.retry?.maxDelayMs ?? 60_000;
  let closed = false;
  const servers = options.servers.map((config) => ({
    config,
    state: {
      name: config.name,
      transport: config.transport,
      target: mcpTarget(config),
      connected: false,
      tools: [],
      error: 'not connected yet',
    } as McpServerState,
    tools: [] as AnyToolDefinition[],
    connection: null as McpConnection | null,
    failures: 0,
    timer: null as NodeJS.Timeout | null,
  }));
  type Server = (typeof servers)[number];

  const update = (server: Server, state: Partial<McpServerState>, retryInMs: number | null): void => {
    server.state = { ...server.state, ...state };
    options.onChange?.({ ...server.state, tools: [...server.state.tools] }, retryInMs);
  };

  const scheduleRetry = (server: Server, error: string): void => {
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(server.failures, 30));
    server.failures++;
    server.timer = setTimeout(() => {
      server.timer = null;
      void attempt(server);
    }, delay);
    // A pending retry must not keep the process alive on its own.
    server.timer.unref();
    update(server, { connected: false, error }, delay);
  };

  const attempt = async (server: Server): Promise<void> => {
    if (closed) return;
    let connection: McpConnection;
    try {
      connection = await connectMcpServer(server.config, options.connect, {
        onClose: () => {
          if (closed || server.connection !== connection) return;
          server.connection = null;
          scheduleRetry(server, `MCP server "${server.config.name}" closed the connection`);
        },
      });
    } catch (error) {
      if (!closed) scheduleRetry(server, scrubSecrets(server.config, errorMessage(error)));
      return;
    }
    if (closed) {
      await connection.close().catch(() => undefined);
      return;
    }
    const names = connection.tools.map((tool) => tool.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) {
      await connection.close().catch(() => undefined);
      scheduleRetry(server, `MCP server "${server.config.name}" offers two tools named ${duplicate}`);
      return;
    }
    const previous = server.connection;
    server.connection = connection;
    server.tools = connection.tools;
    server.failures = 0;
    await previous?.close().catch(() => undefined);
    update(server, { connected: true, tools: names, error: null }, null);
  };

  return {
    async start() {
      await Promise.all(servers.map((server) => attempt(server)));
    },
    tools: () => servers.flatMap((server) => server.tools),
    status: () => servers.map((server) => ({ ...server.state, tools: [...server.state.tools] })),
    async close() {
      closed = true;
      for (const server of servers) if (server.timer) clearTimeout(server.timer);
      await Promise.allSettled(servers.map((server) => server.connection?.close()));
    },
  };
}

/** The command line of a stdio server (without env), or its URL without credentials, query and hash. */
export function mcpTarget(config: McpServerConfig): string {
  if (config.transport === 'stdio') {
    return [config.command, ...config.args]
      .map((part) => (/\s/.test(part) ? JSON.stringify(part) : part))
      .join(' ');
  }
  const url = new URL(config.url);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `text` with every configured header and env value replaced, and other secret-looking text redacted. */
function scrubSecrets(config: McpServerConfig, text: string): string {
  const secrets = Object.values((config.transport === 'stdio' ? config.env : config.headers) ?? {});
  let out = text;
  // Longest first, so a value that contains another is replaced whole.
  for (const secret of secrets.sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return redactSecrets(out);
}
