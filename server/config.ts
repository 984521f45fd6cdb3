import { z } from 'zod';
import type { OpenAiCompatibleEndpoint } from './activities/providers/create-provider.ts';
import type { McpServerConfig } from './activities/tools/mcp/connect-mcp-servers.ts';
import { parseTrustedProxies } from './auth/client-address.ts';
import type { ApprovalDeadlineConfig } from './safety/approval-deadline.ts';

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

const OtlpProtocol = z.enum(['http/json', 'http/protobuf'], {
  error: 'must be http/json or http/protobuf (OTLP over gRPC is not supported)',
});

/** How runs are exported as traces (OpenTelemetry), or null when they are not. */
export interface OtelTraceExportConfig {
  /** OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL; default http/json. */
  protocol: 'http/json' | 'http/protobuf';
}
const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90m`, `24h`, `2d`, `3600s`: a positive duration up to 30 days, in milliseconds. */
const Duration = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
    const ms = match ? Number(match[1]) * DURATION_MS[match[2] as keyof typeof DURATION_MS] : Number.NaN;
    if (!(ms > 0 && ms <= 30 * DURATION_MS.d)) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration like 90m, 24h or 2d (at most 30 days)' });
      return z.NEVER;
    }
    return ms;
  });

/** `role:admin`, `role:operator`, or comma-separated emails. */
const EscalateTo = z
  .string()
  .trim()
  .transform((text, ctx): NonNullable<ApprovalDeadlineConfig['escalateTo']> => {
    if (text === 'role:admin' || text === 'role:operator')
      return { role: text.slice(5) as 'admin' | 'operator' };
    const users = text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (
      users.length === 0 ||
      users.length > 20 ||
      !users.every((user) => z.email().safeParse(user).success)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be role:admin, role:operator or up to 20 comma-separated emails',
      });
      return z.NEVER;
    }
    return { users };
  });

/** What a process does (SPARK_ROLES); `npm start` without it does all three. */
export const ROLES = ['api', 'worker', 'projections'] as const;
export type Role = (typeof ROLES)[number];

const ROLES_HINT = `must be any of ${ROLES.join(', ')}, comma-separated (e.g. api,worker)`;

/** `api,worker`: a non-empty list of known roles, duplicates ignored, in the order of ROLES. */
const Roles = z
  .string()
  .trim()
  .transform((text, ctx): Role[] => {
    const items = text.split(',').map((item) => item.trim());
    const unknown = [...new Set(items.filter((item) => !(ROLES as readonly string[]).includes(item)))];
    if (unknown.length > 0) {
      const named = unknown.map((item) => (item === '' ? 'an empty item' : `"${item}"`)).join(', ');
      const verb = unknown.length === 1 ? 'is not a role' : 'are not roles';
      ctx.addIssue({ code: 'custom', message: `${ROLES_HINT}; ${named} ${verb}` });
      return z.NEVER;
    }
    return ROLES.filter((role) => items.includes(role));
  });

/** A lease duration: long enough to renew (at a third of it) without flapping, short for fast takeover. */
const LeaseDuration = Duration.refine((ms) => ms >= 1000 && ms <= 600_000, {
  message: 'must be a duration from 1s to 10m (e.g. 5s)',
});

const EnvSchema = z.object({
  SPARK_ROLES: Roles.default([...ROLES]),
  RUN_LEASE: LeaseDuration.default(30_000),
  PROJECTION_LEASE: LeaseDuration.default(5000),
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
  BRAVE_API_KEY: z.string().trim().min(1).optional(),
  BRAVE_API_BASE_URL: optionalUrl(['http://', 'https://'], 'https://api.search.brave.com'),
  TAVILY_API_KEY: z.string().trim().min(1).optional(),
  TAVILY_API_BASE_URL: optionalUrl(['http://', 'https://'], 'https://api.tavily.com'),
  MCP_SERVERS: McpServers.default([]),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  // Unset is not development: a server started without NODE_ENV is locked down.
  NODE_ENV: z.string().optional(),
  GRAPHQL_INTROSPECTION: flag,
  METRICS_PUBLIC: flag,
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUSTED_PROXIES: TrustedProxiesList.default(''),
  // OpenTelemetry: these decide whether runs are exported; the exporter reads the rest of the
  // standard OTEL_* variables itself (headers, timeout, compression, certificates, resource).
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(['http://', 'https://'], 'http://localhost:4318'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl(['http://', 'https://'], 'http://localhost:4318/v1/traces'),
  OTEL_EXPORTER_OTLP_PROTOCOL: OtlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: OtlpProtocol.optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { error: 'must be otlp or none' }).default('otlp'),
  OTEL_SDK_DISABLED: flag,
  PUBLIC_URL: optionalUrl(['http://', 'https://'], 'https://spark-ops.example.com'),
  NOTIFICATION_ALLOW_HOSTS: z.string().default(''),
  APPROVAL_TIMEOUT: Duration.optional(),
  APPROVAL_ON_EXPIRY: z.enum(['reject', 'approve', 'escalate']).optional(),
  APPROVAL_ESCALATE_TO: EscalateTo.optional(),
  AUDIT_ANCHOR_INTERVAL: Duration.default(5 * DURATION_MS.m),
});

/** The validated configuration; read once at start by the composition root. */
export interface Config {
  /**
   * SPARK_ROLES: what this process does (default all): `api` serves HTTP, GraphQL and websockets,
   * `worker` drives runs (claimed by run lease), `projections` keeps the read models (one active
   * runner per projection, by projection lease) and runs the reactors (notification delivery, OTel export).
   */
  roles: readonly Role[];
  /** RUN_LEASE: how long a worker's claim on a run lasts without renewal (default 30s; renewed at a third). */
  runLeaseMs: number;
  /**
   * PROJECTION_LEASE: how long a projections process keeps a projection without a heartbeat (default
   * 5s; renewed at a third): a standby takes over at most this long (plus its 1 s poll) after a holder dies.
   */
  projectionLeaseMs: number;
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
  /** OPENAI_COMPATIBLE_<NAME>_BASE_URL/_API_KEY/_MODELS: named endpoints an agent can pick (keys are secrets). */
  openaiCompatible: OpenAiCompatibleEndpoint[];
  smtpUrl: string | undefined;
  runSqlDatabaseUrl: string | undefined;
  webSearchUrl: string | undefined;
  /** BRAVE_API_KEY: web_search over the Brave Search API (a secret, never logged). */
  braveApiKey: string | undefined;
  /** BRAVE_API_BASE_URL: another place for the Brave API (a proxy; tests). */
  braveApiBaseUrl: string | undefined;
  /** TAVILY_API_KEY: web_search over the Tavily API (a secret, never logged). */
  tavilyApiKey: string | undefined;
  /** TAVILY_API_BASE_URL: another place for the Tavily API (a proxy; tests). */
  tavilyApiBaseUrl: string | undefined;
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
  /**
   * Run traces over OTLP/HTTP: on when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
   * is set, unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
   */
  otelTraceExport: OtelTraceExportConfig | null;
  /** PUBLIC_URL: where people open the console (links in notifications); no trailing slash. */
  publicUrl: string | undefined;
  /**
   * NOTIFICATION_ALLOW_HOSTS: host names or IP literals (comma-separated) a notification may reach
   * although they are private or loopback addresses (on-premise receivers; 127.0.0.1 in tests).
   */
  notificationAllowHosts: string[];
  /**
   * The approval defaults (APPROVAL_TIMEOUT, default 24h; APPROVAL_ON_EXPIRY, default reject;
   * APPROVAL_ESCALATE_TO, default nobody); a policy rule's and an agent's `approval` override them.
   */
  approvals: ApprovalDeadlineConfig;
  /** AUDIT_ANCHOR_INTERVAL (default 5m): how often the audit chain anchors the changed streams' heads. */
  auditAnchorIntervalMs: number;
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
  const endpoints = parseOpenAiCompatibleEndpoints(cleaned);
  if (endpoints.problems.length > 0) throw new ConfigError(endpoints.problems);
  return {
    roles: e.SPARK_ROLES,
    runLeaseMs: e.RUN_LEASE,
    projectionLeaseMs: e.PROJECTION_LEASE,
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
    openaiCompatible: endpoints.endpoints,
    smtpUrl: e.SMTP_URL,
    runSqlDatabaseUrl: e.RUN_SQL_DATABASE_URL,
    webSearchUrl: e.WEB_SEARCH_URL,
    braveApiKey: e.BRAVE_API_KEY,
    braveApiBaseUrl: e.BRAVE_API_BASE_URL,
    tavilyApiKey: e.TAVILY_API_KEY,
    tavilyApiBaseUrl: e.TAVILY_API_BASE_URL,
    mcpServers: e.MCP_SERVERS,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    graphqlIntrospection: e.NODE_ENV === 'development' || e.GRAPHQL_INTROSPECTION,
    metricsPublic: e.METRICS_PUBLIC,
    metricsToken: e.METRICS_TOKEN,
    trustedProxies: e.TRUSTED_PROXIES,
    otelTraceExport:
      (e.OTEL_EXPORTER_OTLP_ENDPOINT || e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) &&
      !e.OTEL_SDK_DISABLED &&
      e.OTEL_TRACES_EXPORTER === 'otlp'
        ? { protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/json' }
        : null,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    notificationAllowHosts: e.NOTIFICATION_ALLOW_HOSTS.split(',')
      .map((host) => host.trim())
      .filter(Boolean),
    approvals: {
      ...(e.APPROVAL_TIMEOUT !== undefined ? { timeoutMs: e.APPROVAL_TIMEOUT } : {}),
      ...(e.APPROVAL_ON_EXPIRY !== undefined ? { onExpiry: e.APPROVAL_ON_EXPIRY } : {}),
      ...(e.APPROVAL_ESCALATE_TO !== undefined ? { escalateTo: e.APPROVAL_ESCALATE_TO } : {}),
    },
    auditAnchorIntervalMs: e.AUDIT_ANCHOR_INTERVAL,
  };
}

const ENDPOINT_VARIABLE = /^OPENAI_COMPATIBLE_([A-Z0-9_]+?)_(BASE_URL|API_KEY|MODELS)$/;
const RESERVED_ENDPOINTS = new Set(['openai', 'anthropic', 'demo']);

/**
 * Named OpenAI-compatible endpoints from `OPENAI_COMPATIBLE_<NAME>_BASE_URL` (required),
 * `_API_KEY` (optional) and `_MODELS` (optional, comma-separated, the first is the default). The
 * name is `<NAME>` in lower case with `_` as `-` (`LOCAL_LLM` → `local-llm`); `OPENAI`,
 * `ANTHROPIC` and `DEMO` are taken by the built-in providers. Variables, not one JSON value, so each
 * key stays in its own variable (and secret store) and a compose file sets them one per line.
 */
export function parseOpenAiCompatibleEndpoints(env: Record<string, string | undefined>): {
  endpoints: OpenAiCompatibleEndpoint[];
  problems: string[];
} {
  const found = new Map<string, Partial<Record<'BASE_URL' | 'API_KEY' | 'MODELS', string>>>();
  for (const [key, raw] of Object.entries(env)) {
    const match = ENDPOINT_VARIABLE.exec(key);
    const value = raw?.trim();
    if (!match || !value) continue;
    const [, upper, suffix] = match as unknown as [string, string, 'BASE_URL' | 'API_KEY' | 'MODELS'];
    const name = upper.toLowerCase().replaceAll('_', '-');
    found.set(name, { ...found.get(name), [suffix]: value });
  }
  const endpoints: OpenAiCompatibleEndpoint[] = [];
  const problems: string[] = [];
  for (const [name, values] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    const prefix = `OPENAI_COMPATIBLE_${name.toUpperCase().replaceAll('-', '_')}`;
    if (RESERVED_ENDPOINTS.has(name)) {
      problems.push(
        `${prefix}_*: "${name}" is a built-in provider; use OPENAI_API_KEY / OPENAI_BASE_URL for it, or choose another name`,
      );
      continue;
    }
    if (!/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/.test(name)) {
      problems.push(`${prefix}_*: the name must be 1 to 32 letters and digits, "_" between them`);
      continue;
    }
    if (!values.BASE_URL) {
      problems.push(`${prefix}_BASE_URL: is required when ${prefix}_API_KEY or _MODELS is set`);
      continue;
    }
    if (!isPlainHttpUrl(values.BASE_URL)) {
      problems.push(
        `${prefix}_BASE_URL: must be an http:// or https:// URL without user or password (e.g. http://localhost:11434/v1)`,
      );
      continue;
    }
    const models = (values.MODELS ?? '')
      .split(',')
      .map((model) => model.trim())
      .filter((model) => model !== '');
    endpoints.push({
      name,
      baseUrl: values.BASE_URL,
      ...(values.API_KEY ? { apiKey: values.API_KEY } : {}),
      models: [...new Set(models)],
    });
  }
  return { endpoints, problems };
}
