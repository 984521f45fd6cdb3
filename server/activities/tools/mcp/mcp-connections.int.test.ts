import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import { toolContext } from '../../../testkit/tool-context.ts';
import { createLiveToolRegistry } from './live-tool-registry.ts';
import {
  createMcpConnections,
  type McpConnections,
  type McpServerState,
  mcpTarget,
} from './mcp-connections.ts';
import { startTestMcpHttpServer } from './test-server.ts';

const testServerPath = fileURLToPath(new URL('./test-server.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const stateOf = (mcp: McpConnections, name: string): McpServerState => {
  const state = mcp.status().find((server) => server.name === name);
  assert.ok(state, `no state for ${name}`);
  return state;
};

describe('MCP connections', () => {
  const toClose: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of toClose.reverse()) await close();
  });

  it('reports a server that is down with its error (no secrets), and adds its tools when it comes up', async () => {
    const port = await freePort();
    const changes: McpServerState[] = [];
    const mcp = createMcpConnections({
      servers: [
        {
          name: 'remote',
          transport: 'http',
          url: `http://127.0.0.1:${port}/mcp?key=in-query`,
          headers: { authorization: 'Bearer test-token' },
        },
      ],
      connect: { connectTimeoutMs: 2000 },
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      onChange: (state) => changes.push(state),
    });
    const registry = createLiveToolRegistry({ builtIn: [], mcp });
    toClose.push(() => registry.close());
    await mcp.start();

    const down = stateOf(mcp, 'remote');
    assert.equal(down.connected, false);
    assert.equal(down.target, `http://127.0.0.1:${port}/mcp`);
    assert.match(down.error ?? '', /MCP server "remote" could not be reached/);
    assert.deepEqual(registry.list(), []);

    const http = await startTestMcpHttpServer({ port });
    toClose.push(() => http.close());
    await waitFor('the server to connect', () => stateOf(mcp, 'remote').connected);
    assert.deepEqual(stateOf(mcp, 'remote').error, null);
    assert.ok(stateOf(mcp, 'remote').tools.includes('mcp__remote__echo'));
    const echo = await registry.execute('mcp__remote__echo', { text: 'back', times: 2 }, toolContext());
    assert.deepEqual(echo.ok && echo.result, { text: 'back back' });
    assert.doesNotMatch(JSON.stringify(changes), /test-token|in-query/);
  });

  it('reconnects a stdio server whose process exits, with fresh tools', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spark-mcp-'));
    toClose.push(async () => rmSync(dir, { recursive: true, force: true }));
    const mcp = createMcpConnections({
      servers: [
        {
          name: 'local',
          transport: 'stdio',
          command: process.execPath,
          args: ['--import', 'tsx', testServerPath],
          env: { MCP_TEST_EXIT_ONCE_FLAG: join(dir, 'exited') },
        },
      ],
      retry: { initialDelayMs: 50 },
    });
    const registry = createLiveToolRegistry({ builtIn: [], mcp });
    toClose.push(() => registry.close());
    await mcp.start();
    assert.equal(stateOf(mcp, 'local').connected, true);
    const first = registry.get('mcp__local__add');

    await waitFor('the drop to be noticed', () => !stateOf(mcp, 'local').connected);
    assert.match(stateOf(mcp, 'local').error ?? '', /closed the connection/);
    // Still listed while reconnecting: calls fail as retryable, not as unknown tools.
    const during = await registry.execute('mcp__local__add', { a: 1, b: 1 }, toolContext());
    assert.equal(during.ok, false);
    assert.equal(!during.ok && during.retryable, true, JSON.stringify(during));

    await waitFor('the reconnection', () => stateOf(mcp, 'local').connected);
    assert.notEqual(registry.get('mcp__local__add'), first);
    const added = await registry.execute('mcp__local__add', { a: 2, b: 3 }, toolContext());
    assert.deepEqual(added.ok && added.result, { text: '5', structuredContent: { sum: 5 } });
  });

  it('scrubs configured env values from errors and stops retrying on close', async () => {
    let attempts = 0;
    const mcp = createMcpConnections({
      servers: [
        {
          name: 'broken',
          transport: 'stdio',
          command: '/nonexistent/mcp-s3cret-value',
          args: [],
          env: { TOKEN: 's3cret-value' },
        },
      ],
      retry: { initialDelayMs: 20, maxDelayMs: 20 },
      onChange: () => attempts++,
    });
    await mcp.start();
    assert.match(stateOf(mcp, 'broken').error ?? '', /could not be reached/);
    assert.doesNotMatch(stateOf(mcp, 'broken').error ?? '', /s3cret-value/);
    await waitFor('a retry', () => attempts >= 3);
    await mcp.close();
    const closedAt = attempts;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(attempts, closedAt);
  });
});

describe('mcpTarget', () => {
  it('is the command line without env, or the URL without credentials, query or fragment', () => {
    assert.equal(
      mcpTarget({
        name: 'f',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'pkg', '/my data'],
        env: { K: 'v' },
      }),
      'npx -y pkg "/my data"',
    );
    assert.equal(
      mcpTarget({
        name: 's',
        transport: 'http',
        url: 'https://h.example:8443/mcp?token=x#y',
        headers: { a: 'b' },
      }),
      'https://h.example:8443/mcp',
    );
  });
});
