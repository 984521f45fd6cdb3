// A topology on one machine: on one PostgreSQL database, nginx balancing HTTP and websockets over the
// `api` processes, and the `worker` and `projections` processes (SPARK_ROLES). `npm run cluster` runs
// it (scripts/cluster-main.ts); the chaos tests and the soak start it with `startCluster`.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { nginxConfig } from './cluster-nginx.ts';

export type ClusterRole = 'api' | 'worker' | 'projections';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface ClusterOptions {
  /** The database every process uses; default: DATABASE_URL, else a fresh one on `serverUrl`. */
  databaseUrl?: string;
  /** Where a fresh database is created (default TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres). */
  serverUrl?: string;
  /** Drop the fresh database on stop (tests); a given database is never dropped. */
  dropDatabase?: boolean;
  /** How many processes of each role (default 2 of each). */
  apis?: number;
  workers?: number;
  projections?: number;
  /** nginx's port (default a free one). */
  port?: number;
  /** Added to every process's environment (a model endpoint, LOG_LEVEL...). */
  env?: Record<string, string>;
  /** Runs a process under another command, e.g. `['ip', 'netns', 'exec', 'cut']` for one worker. */
  wrap?: (name: string) => readonly string[] | undefined;
  /** One process's own variables on top of the shared ones (another DATABASE_URL, HOST, LOG_LEVEL...). */
  envFor?: (name: string, shared: Readonly<NodeJS.ProcessEnv>) => Record<string, string> | undefined;
  /** Processes left stopped at start (`process(name).start()` later), e.g. a worker that comes second. */
  deferred?: readonly string[];
  /** Every line a process prints, prefixed with its name (default: kept, not printed). */
  onLine?: (name: string, line: string) => void;
}

export interface ClusterProcess {
  name: string;
  role: ClusterRole;
  port: number;
  /** http://<HOST>:<port> (127.0.0.1 unless `envFor` says otherwise): its own /health and /ready. */
  url: string;
  pid(): number | undefined;
  running(): boolean;
  /** The last 200 kB it printed (every start). */
  output(): string;
  /** Sends `signal` and waits for the exit (SIGKILL is a crash: no shutdown hook runs). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and environment; resolves once /health answers. */
  start(): Promise<void>;
}

export interface Cluster {
  /** nginx: the one URL clients use (console, GraphQL, graphql-ws). */
  url: string;
  databaseUrl: string;
  /** The shared JWT secret (every api process accepts every other's tokens). */
  jwtSecret: string;
  /** The one-time admin login link the first start printed, relative to `url`; null on a used database. */
  loginLink: string | null;
  /** The admin link's token, for API clients (`loginWithLink`). */
  linkToken: string | null;
  processes: ClusterProcess[];
  process(name: string): ClusterProcess;
  nginxDir: string;
  /** SIGTERM to every process and nginx, then the temp dir (and a fresh database when asked). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHttp(url: string, isUp: () => boolean, output: () => string, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (!isUp()) throw new Error(`${url} exited before answering:\n${output().slice(-4000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output().slice(-4000)}`);
}

function spawnLogged(
  name: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  log: { append(text: string): void; onLine?: ((name: string, line: string) => void) | undefined },
): ChildProcess {
  const child = spawn(command, [...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let partial = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    log.append(text);
    if (!log.onLine) return;
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) log.onLine(name, line);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return child;
}

function serverProcess(
  name: string,
  role: ClusterRole,
  port: number,
  env: NodeJS.ProcessEnv,
  options: ClusterOptions,
): ClusterProcess {
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let log = '';
  // A process in a network namespace listens on its own address there (HOST in `envFor`).
  const url = `http://${env.HOST ?? '127.0.0.1'}:${port}`;
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const proc: ClusterProcess = {
    name,
    role,
    port,
    url,
    pid: () => child?.pid,
    running,
    output: () => log,
    async kill(signal = 'SIGTERM') {
      if (!running()) return;
      child?.kill(signal);
      // A shutdown that hangs is ended: stopping the cluster must not wait for ever.
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    async start() {
      if (running()) throw new Error(`${name} is already running`);
      const wrap = options.wrap?.(name) ?? [];
      const node = [process.execPath, '--import', 'tsx', 'server/main.ts'];
      const [command, ...args] = [...wrap, ...node] as [string, ...string[]];
      const started = spawnLogged(
        name,
        command,
        args,
        { ...env, PORT: String(port) },
        {
          append: (text) => {
            log = (log + text).slice(-200_000);
          },
          onLine: options.onLine,
        },
      );
      child = started;
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      await waitForHttp(`${url}/health`, running, () => log, 300_000);
    },
  };
  return proc;
}

/** Creates `spark_cluster_<time>_<random>` on the server and returns its URL. */
async function createDatabase(serverUrl: string): Promise<{ url: string; name: string }> {
  const name = `spark_cluster_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Starts the topology: the first api process alone (it migrates the fresh database and creates the
 * first admin), then the others, then nginx. Resolves once nginx answers /health.
 * @throws when nginx is missing or a process does not come up (everything started is stopped again).
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  if (!existsSync(NGINX_PATH))
    throw new Error(`nginx not found at ${NGINX_PATH}: apt-get install nginx, or set NGINX_PATH`);
  const serverUrl =
    options.serverUrl ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const given = options.databaseUrl ?? process.env.DATABASE_URL;
  const fresh = given ? null : await createDatabase(serverUrl);
  const databaseUrl = given ?? (fresh as { url: string }).url;
  const jwtSecret =
    options.env?.JWT_SECRET ?? process.env.JWT_SECRET ?? randomBytes(32).toString('base64url');
  const nginxDir = await mkdtemp(join(tmpdir(), 'spark-cluster-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...options.env,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret,
    // nginx is the proxy: the clients' own addresses come from its X-Forwarded-For.
    TRUSTED_PROXIES: '127.0.0.1',
  };
  const counts: [ClusterRole, number][] = [
    ['api', options.apis ?? 2],
    ['worker', options.workers ?? 2],
    ['projections', options.projections ?? 2],
  ];
  const processes: ClusterProcess[] = [];
  for (const [role, count] of counts)
    for (let i = 1; i <= count; i++)
      processes.push(
        serverProcess(
          `${role}-${i}`,
          role,
          await freePort(),
          { ...env, SPARK_ROLES: role, ...options.envFor?.(`${role}-${i}`, env) },
          options,
        ),
      );
  const apis = processes.filter((p) => p.role === 'api');
  if (apis.length === 0) throw new Error('startCluster: at least one api process is needed');
  let nginx: ChildProcess | null = null;
  let nginxLog = '';
  const stop = async () => {
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const done = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await done;
    }
    await rm(nginxDir, { recursive: true, force: true });
    if (fresh && options.dropDatabase) await dropDatabase(serverUrl, fresh.name);
  };
  try {
    const first = apis[0] as ClusterProcess;
    await first.start();
    const deferred = new Set(options.deferred ?? []);
    await Promise.all(processes.filter((p) => p !== first && !deferred.has(p.name)).map((p) => p.start()));
    const port = options.port ?? (await freePort());
    const confPath = join(nginxDir, 'nginx.conf');
    await writeFile(
      confPath,
      nginxConfig({
        dir: nginxDir,
        port,
        upstreamPorts: apis.map((p) => p.port),
        asRoot: process.getuid?.() === 0,
      }),
    );
    const started = spawnLogged(
      'nginx',
      NGINX_PATH,
      ['-p', nginxDir, '-c', confPath, '-g', 'daemon off;'],
      process.env,
      {
        append: (text) => {
          nginxLog = (nginxLog + text).slice(-20_000);
        },
        onLine: options.onLine,
      },
    );
    nginx = started;
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(
      `${url}/health`,
      () => started.exitCode === null && started.signalCode === null,
      () => nginxLog,
      30_000,
    );
    const link = /\/maestro\/login#link=([^\s]+)/.exec(first.output());
    return {
      url,
      databaseUrl,
      jwtSecret,
      loginLink: link ? link[0] : null,
      linkToken: link?.[1] ? decodeURIComponent(link[1]) : null,
      processes,
      process(name) {
        const found = processes.find((p) => p.name === name);
        if (!found) throw new Error(`no process ${name} (have ${processes.map((p) => p.name).join(', ')})`);
        return found;
      },
      nginxDir,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
