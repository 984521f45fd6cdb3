import { type ChildProcess, spawn } from 'node:child_process';

/** The real server (`server/main.ts`) as a child process, for crash tests. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves once /health answers. */
  ready: Promise<void>;
  /** SIGKILL: no shutdown hook runs, exactly like a crash. */
  kill(): Promise<void>;
  output(): string;
}

export function startServerProcess(env: Record<string, string>, port: number): ServerProcess {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log = (log + chunk).slice(-200_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    const started = Date.now();
    while (Date.now() - started < 150_000) {
      if (child.exitCode !== null)
        throw new Error(`server exited with ${child.exitCode}:\n${log.slice(-4000)}`);
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server did not start:\n${log.slice(-4000)}`);
  })();
  return {
    url,
    child,
    ready,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    output: () => log,
  };
}

/** The server started with `env` on `port` that is expected to refuse to start: its exit code and output. */
export async function startServerExpectingExit(
  env: Record<string, string>,
  port: number,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, stdout, stderr };
}
