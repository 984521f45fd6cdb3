import type { EmailOutbox } from './activities/tools/email-outbox.ts';
import { createExecutePythonTool } from './activities/tools/execute-python.ts';
import { createHttpRequestTool } from './activities/tools/http-request.ts';
import { createLiveToolRegistry } from './activities/tools/mcp/live-tool-registry.ts';
import { createMcpConnections, type McpConnections } from './activities/tools/mcp/mcp-connections.ts';
import type { ToolRegistry } from './activities/tools/registry.ts';
import { createRunSqlTool } from './activities/tools/run-sql.ts';
import { createSendEmailTool } from './activities/tools/send-email.ts';
import type { AnyToolDefinition } from './activities/tools/tool.ts';
import {
  createWebSearchTool,
  describeWebSearchBackend,
  type WebSearchToolOptions,
} from './activities/tools/web-search.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

/** The sender of the agents' email (send_email). */
export const AGENT_EMAIL_FROM = 'Spark-Ops agents <agents@spark-ops.local>';

/** What each configured built-in tool works with, for the integrations page (no secrets). */
export function builtinToolDetails(config: Config): Record<string, string> {
  const webSearchBackend = describeWebSearchBackend(webSearchOptions(config));
  return {
    ...(webSearchBackend ? { web_search: webSearchBackend } : {}),
    http_request: 'public addresses only (private, loopback and metadata addresses are blocked)',
    run_sql: config.runSqlDatabaseUrl
      ? 'read-only transactions on RUN_SQL_DATABASE_URL'
      : 'read-only transactions on the built-in demo dataset of support tickets',
    execute_python: 'Pyodide in a worker: no host files, no network',
    send_email: config.smtpUrl
      ? 'SMTP (SMTP_URL), recorded in the outbox'
      : 'the platform outbox only (no SMTP_URL)',
  };
}

/**
 * web_search's backend from WEB_SEARCH_URL, BRAVE_API_KEY and TAVILY_API_KEY (and the API base
 * URL overrides); the tool picks the first configured in that order.
 */
export function webSearchOptions(config: Config): WebSearchToolOptions {
  const options: WebSearchToolOptions = {};
  if (config.webSearchUrl) options.searxngUrl = config.webSearchUrl;
  if (config.braveApiKey) options.braveApiKey = config.braveApiKey;
  if (config.braveApiBaseUrl) options.braveBaseUrl = config.braveApiBaseUrl;
  if (config.tavilyApiKey) options.tavilyApiKey = config.tavilyApiKey;
  if (config.tavilyApiBaseUrl) options.tavilyBaseUrl = config.tavilyApiBaseUrl;
  return options;
}

/** The tools of this deployment and the MCP connections some of them come from. */
export interface PlatformTools {
  registry: ToolRegistry;
  /** MCP_SERVERS, kept connected in the background; `status()` feeds the integrations page. */
  mcp: McpConnections;
}

/** MCP servers get this long to connect and list their tools at start before they are retried later. */
const MCP_CONNECT_TIMEOUT_MS = 15_000;

/**
 * The tools of this deployment, configured from the environment (ARCHITECTURE.md §5). Connects the
 * MCP servers in parallel; one that fails is logged, reported by `mcp.status()` and retried with
 * back-off, and never stops the start. `registry.close()` closes the MCP connections too.
 */
export async function createPlatformTools(
  config: Config,
  outbox: EmailOutbox,
  logger: Logger,
): Promise<PlatformTools> {
  const builtIn: AnyToolDefinition[] = [
    createWebSearchTool(webSearchOptions(config)) as AnyToolDefinition,
    createHttpRequestTool({}) as AnyToolDefinition,
    createRunSqlTool({
      database: config.runSqlDatabaseUrl ? { connectionString: config.runSqlDatabaseUrl } : 'demo',
      logger: logger.child({ component: 'run_sql' }),
    }) as AnyToolDefinition,
    createExecutePythonTool({}) as AnyToolDefinition,
    createSendEmailTool({
      outbox,
      from: AGENT_EMAIL_FROM,
      ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    }) as AnyToolDefinition,
  ];
  const mcpLogger = logger.child({ component: 'mcp' });
  // Each retry reports its state; the same failure again is not worth another line.
  const lastLogged = new Map<string, string | null>();
  const mcp = createMcpConnections({
    servers: config.mcpServers,
    connect: { connectTimeoutMs: MCP_CONNECT_TIMEOUT_MS },
    // The state carries no header or env values, and its error is scrubbed of them.
    onChange: (state, retryInMs) => {
      if (lastLogged.has(state.name) && lastLogged.get(state.name) === state.error) return;
      lastLogged.set(state.name, state.error);
      if (state.connected)
        mcpLogger.info(`MCP server ${state.name} connected`, { target: state.target, tools: state.tools });
      else
        mcpLogger.warn(`MCP server ${state.name} is not connected; retrying in the background`, {
          target: state.target,
          error: state.error,
          retryInMs,
        });
    },
  });
  const registry = createLiveToolRegistry({ builtIn, mcp });
  await mcp.start();
  for (const info of registry.describe()) {
    if (!info.configured) logger.warn(`tool ${info.name} is not configured`, { reason: info.reason });
  }
  return { registry, mcp };
}
