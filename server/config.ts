import { z } from 'zod';
import type { McpServerConfig } from './activities/tools/mcp/connect-mcp-servers.ts';
import { parseTrustedProxies } from './auth/client-address.ts';

const optionalUrl = (protocols: readonly string[], example: string) =>
  z
    .string()
    .trim()
    .min(1)
    .optional()
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(p)), {
      message: `must be a URL starting with ${protocols.join(' or ')} (e.g. ${example})`,
    });

const MCP_EXAMPLE =
  '[{"name":"files","command":"npx","args":["-y","@modelcontextprotocol/server-filesystem","/data"]}]';

const required = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : 'must be a string') });
const stringMap = z.record(z.string(), z.string('must be a string'), 'must be an object of strings');
const mcpName = required('a name of lowercase letters, digits, "_" or "-"').regex(
  /^[a-z0-9_-]{1,32}$/,
  'must be 1 to 32 lowercase letters, digits, "_" or "-"',
);

const McpStdioServer = z
  .strictObject({
    name: mcpName,
    command: required('the program to run').min(1, 'must not be empty'),
    args: z.array(z.string('must be a string'), 'must be an array of strings').default([]),
    env: stringMap.optional(),
    cwd: z.string('must be a string').min(1).optional(),
  })
  .transform((server): McpServerConfig => ({ ...server, transport: 'stdio' }));

const McpHttpServer = z
  .strictObject({
    name: mcpName,
    url: required('the streamable HTTP endpoint').refine(isPlainHttpUrl, {
      message: 'must be an http:// or https:// URL without user or password (put credentials in "headers")',
    }),
    headers: stringMap.optional(),
  })
  .transform((server): McpServerConfig => ({ ...server, transport: 'http' }));

function isPlainHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** One entry: `command` makes it a stdio server, `url` a streamable HTTP one. */
const McpServer = z.unknown().transform((value, ctx): McpServerConfig => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an object with "name" and "command" or "url"' });
    return z.NEVER;
  }
  const hasCommand = 'command' in value;
  if (hasCommand === 'url' in value) {
    const message = hasCommand
      ? 'has both "command" and "url": give "command" for a stdio server or "url" for streamable HTTP'
      : 'needs "command" (a stdio server) or "url" (a streamable HTTP server)';
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  const parsed = (hasCommand ? McpStdioServer : McpHttpServer).safeParse(value);
  if (parsed.success) return parsed.data;
  const keys = hasCommand ? 'name, command, args, env, cwd' : 'name, url, headers';
  for (const issue of parsed.error.issues) {
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown ${issue.keys.map((key) => `"${key}"`).join(', ')}: a ${hasCommand ? 'stdio' : 'streamable HTTP'} server takes ${keys}`
        : issue.message;
    ctx.addIssue({ code: 'custom', path: issue.path, message });
  }
  return z.NEVER;
});

// JSON.parse's own message quotes the input, which may hold header or env secrets: only its position is kept.
const McpServers = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      const position = /at position (\d+)/.exec(String(error))?.[1];
      ctx.addIssue({
        code: 'custom',
        message: `is not valid JSON${position ? ` (at position ${position})` : ''}: expected an array like ${MCP_EXAMPLE}`,
      });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(McpServer, `must be a JSON array of servers like ${MCP_EXAMPLE}`).superRefine((servers, ctx) => {
      servers.forEach((server, index) => {
        if (servers.findIndex((other) => other.name === server.name) !== index)
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `"${server.name}" is used by another server: names must be unique`,
          });
      });
    }),
  );

/** `true` or `false` (also 1/0, yes/no); anything else is a bad value. */
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes')
  .default(false);

const TrustedProxiesList = z.string().superRefine((list, ctx) => {
  try {
    parseTrustedProxies(list);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  // No default here: it depends on DATABASE_URL (see loadConfig).
  HOST: z.string().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://'], 'postgres://user@host:5432/db'),
  EVENT_STORE: z.enum(['postgres', 'kurrentdb']).default('postgres'),
  KURRENTDB_URL: optionalUrl(
    ['kurrentdb://', 'kurrentdb+discover://', 'esdb://'],
    'kurrentdb://host:2113?tls=false',
  ),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl(['http://', 'https://'], 'http://localhost:11434/v1'),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: optionalUrl(['http://', 'https://'], 'https://api.anthropic.com'),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://'], 'smtp://user:pass@mail.example.com:587'),
  RUN_SQL_DATABASE_URL: optionalUrl(['postgres://', 'postgresql://'], 'postgres://reader@host/db'),
  WEB_SEARCH_URL: optionalUrl(['http://', 'https://'], 'http://localhost:8888'),
  MCP_SERVERS: McpServers.default([]),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  // Unset is not development: a server started without NODE_ENV is locked down.
  NODE_ENV: z.string().optional(),
  GRAPHQL_INTROSPECTION: flag,
  METRICS_PUBLIC: flag,
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUSTED_PROXIES: TrustedProxiesList.default(''),
});

/** The validated configuration; read once at start by the composition root. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentDbUrl: string | undefined;
  jwtSecret: string | undefined;
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  anthropicApiKey: string | undefined;
  anthropicBaseUrl: string | undefined;
  smtpUrl: string | undefined;
  runSqlDatabaseUrl: string | undefined;
  webSearchUrl: string | undefined;
  /** MCP_SERVERS: header and env values are secrets, never logged or shown. */
  mcpServers: McpServerConfig[];
  logLevel: 'info' | 'warn' | 'error' | 'silent';
  production: boolean;
  /** Introspection, field suggestions and GraphiQL: NODE_ENV=development or GRAPHQL_INTROSPECTION=true. */
  graphqlIntrospection: boolean;
  /** METRICS_PUBLIC=true: /metrics without a token; otherwise an admin token or METRICS_TOKEN. */
  metricsPublic: boolean;
  /** METRICS_TOKEN: a bearer token that may read /metrics only (a secret, never logged). */
  metricsToken: string | undefined;
  /** TRUSTED_PROXIES: addresses/CIDRs whose X-Forwarded-For is believed (comma-separated). */
  trustedProxies: string;
}

/** Every bad setting at once, one line each, so a user fixes them in one go. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Parses the environment (ARCHITECTURE.md §9). Empty strings count as unset.
 * @throws ConfigError naming every variable with a bad value.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  if (e.EVENT_STORE === 'kurrentdb' && !e.KURRENTDB_URL) {
    throw new ConfigError(['KURRENTDB_URL: required when EVENT_STORE=kurrentdb']);
  }
  return {
    port: e.PORT,
    // Embedded mode (PGlite, no DATABASE_URL) is a laptop install: loopback unless asked otherwise.
    host: e.HOST ?? (e.DATABASE_URL ? '0.0.0.0' : '127.0.0.1'),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    eventStore: e.EVENT_STORE,
    kurrentDbUrl: e.KURRENTDB_URL,
    jwtSecret: e.JWT_SECRET,
    openaiApiKey: e.OPENAI_API_KEY,
    openaiBaseUrl: e.OPENAI_BASE_URL,
    anthropicApiKey: e.ANTHROPIC_API_KEY,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
    smtpUrl: e.SMTP_URL,
    runSqlDatabaseUrl: e.RUN_SQL_DATABASE_URL,
    webSearchUrl: e.WEB_SEARCH_URL,
    mcpServers: e.MCP_SERVERS,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    graphqlIntrospection: e.NODE_ENV === 'development' || e.GRAPHQL_INTROSPECTION,
    metricsPublic: e.METRICS_PUBLIC,
    metricsToken: e.METRICS_TOKEN,
    trustedProxies: e.TRUSTED_PROXIES,
  };
}
