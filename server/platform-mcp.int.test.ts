import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createPlatform, type Platform } from './platform.ts';
import { createCapturingLogger } from './testkit/capturing-logger.ts';
import { freshDataDir } from './testkit/fresh-data-dir.ts';
import { toolContext } from './testkit/tool-context.ts';

const testServerPath = fileURLToPath(new URL('./activities/tools/mcp/test-server.ts', import.meta.url));

describe('the platform with MCP_SERVERS: one stdio server up, one HTTP server unreachable', () => {
  let dataDir: string;
  let platform: Platform;
  const logger = createCapturingLogger();
  beforeAll(async () => {
    dataDir = await freshDataDir('spark-mcp-platform-');
    const MCP_SERVERS = JSON.stringify([
      {
        name: 'local',
        command: process.execPath,
        args: ['--import', 'tsx', testServerPath],
        env: { MCP_TEST_GREETING: 'greeting-env-secret' },
      },
      { name: 'gone', url: 'http://127.0.0.1:1/mcp', headers: { authorization: 'Bearer header-secret' } },
    ]);
    platform = await createPlatform(loadConfig({ DATA_DIR: dataDir, MCP_SERVERS }), {
      logger,
      worker: false,
    });
  });
  afterAll(async () => {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers the stdio server tools and calls them with the configured env', async () => {
    const names = platform.tools.list().map((tool) => tool.name);
    assert.ok(names.includes('mcp__local__add'), names.join(', '));
    assert.ok(names.includes('run_sql'), 'the built-in tools stay');
    const greet = await platform.tools.execute('mcp__local__greet', {}, toolContext());
    assert.deepEqual(greet.ok && greet.result, { text: 'greeting-env-secret' });
  });

  it('reports the stdio server as connected and the unreachable one with its error', () => {
    const view = platform.integrations.describe();
    const [local, gone] = view.mcpServers;
    assert.deepEqual(local, {
      name: 'local',
      transport: 'stdio',
      target: `${process.execPath} --import tsx ${testServerPath}`,
      connected: true,
      tools: [
        'mcp__local__add',
        'mcp__local__echo',
        'mcp__local__greet',
        'mcp__local__fail',
        'mcp__local__delete_widget',
        'mcp__local__peek',
        'mcp__local__sleep',
      ],
      error: null,
    });
    assert.equal(gone?.name, 'gone');
    assert.equal(gone?.transport, 'http');
    assert.equal(gone?.target, 'http://127.0.0.1:1/mcp');
    assert.equal(gone?.connected, false);
    assert.deepEqual(gone?.tools, []);
    assert.match(gone?.error ?? '', /MCP server "gone" could not be reached/);
    assert.equal(view.tools.find((tool) => tool.name === 'mcp__local__add')?.source, 'mcp:local');
    assert.equal(view.tools.find((tool) => tool.name === 'run_sql')?.source, 'builtin');
  });

  it('never shows or logs header and env values', () => {
    const shown = JSON.stringify(platform.integrations.describe());
    const logged = JSON.stringify(logger.lines);
    for (const text of [shown, logged]) assert.doesNotMatch(text, /header-secret|greeting-env-secret/);
    assert.ok(
      logger.lines.some(
        (line) => line.level === 'warn' && line.message.startsWith('MCP server gone is not connected'),
      ),
      'the failure is logged',
    );
  });
});
