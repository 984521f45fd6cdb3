import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { defaultPolicy } from '../../../safety/default-policy.ts';
import { evaluateRisk } from '../../../safety/evaluate-risk.ts';
import { toolContext } from '../../../testkit/tool-context.ts';
import { createToolRegistry, type ToolRegistry } from '../registry.ts';
import { type AnyToolDefinition, ToolError } from '../tool.ts';
import { connectMcpServers, mcpToolName } from './connect-mcp-servers.ts';
import { startTestMcpHttpServer } from './test-server.ts';

const ctx = () => toolContext();
const testServerPath = fileURLToPath(new URL('./test-server.ts', import.meta.url));

function byName(tools: AnyToolDefinition[], name: string): AnyToolDefinition {
  const tool = tools.find((candidate) => candidate.name === name);
  assert.ok(tool, `missing ${name} in ${tools.map((t) => t.name).join(', ')}`);
  return tool;
}

describe('MCP tools over stdio', () => {
  let tools: AnyToolDefinition[];
  let registry: ToolRegistry;

  beforeAll(async () => {
    tools = await connectMcpServers(
      [
        {
          name: 'local',
          transport: 'stdio',
          command: process.execPath,
          args: ['--import', 'tsx', testServerPath],
          env: { MCP_TEST_GREETING: 'hello from env' },
        },
      ],
      { callTimeoutMs: 1500 },
    );
    registry = createToolRegistry(tools);
  });
  afterAll(() => registry.close());

  it('lists the server tools as mcp__<server>__<tool> with the server JSON Schema', () => {
    assert.deepEqual(
      registry
        .list()
        .map((spec) => spec.name)
        .sort(),
      [
        'mcp__local__add',
        'mcp__local__delete_widget',
        'mcp__local__echo',
        'mcp__local__fail',
        'mcp__local__greet',
        'mcp__local__peek',
        'mcp__local__sleep',
      ],
    );
    const add = registry.list().find((spec) => spec.name === 'mcp__local__add');
    assert.equal(add?.description, '[MCP local] Add two numbers');
    assert.deepEqual((add?.parameters as { required?: string[] } | undefined)?.required, ['a', 'b']);
  });

  it('is idempotent only where annotated read-only or idempotent', () => {
    assert.equal(byName(tools, 'mcp__local__add').idempotent, true);
    assert.equal(byName(tools, 'mcp__local__echo').idempotent, false);
  });

  describe('hostile: MCP tools that may do anything', () => {
    it('takes its default risk from the annotations, failing closed', () => {
      const risks = Object.fromEntries(tools.map((tool) => [tool.name, tool.defaultRisk]));
      assert.deepEqual(risks, {
        mcp__local__add: 'MEDIUM', // readOnlyHint
        mcp__local__echo: 'HIGH', // no annotations
        mcp__local__greet: 'HIGH',
        mcp__local__fail: 'HIGH',
        mcp__local__delete_widget: 'HIGH', // destructiveHint
        mcp__local__peek: 'HIGH', // read-only and destructive: the destructive hint wins
        mcp__local__sleep: 'HIGH',
      });
    });

    it('a destructive MCP tool needs an approval under the built-in policy; a policy may still name it', () => {
      const toolDefaults = Object.fromEntries(
        registry.describe().map((info) => [info.name, info.defaultRisk]),
      );
      const call = { agentId: 'agent-1', totals: { steps: 1, inputTokens: 0, outputTokens: 0, costUsd: 0 } };
      const destructive = evaluateRisk({
        ...call,
        tool: 'mcp__local__delete_widget',
        params: { id: 'w1' },
        policies: [defaultPolicy],
        toolDefaults,
      });
      assert.equal(destructive.risk, 'HIGH');
      assert.equal(destructive.decision, 'require_approval');
      const reads = evaluateRisk({
        ...call,
        tool: 'mcp__local__add',
        params: {},
        policies: [defaultPolicy],
        toolDefaults,
      });
      assert.equal(reads.decision, 'allow');
      const trusted = {
        policyId: 'p-1',
        name: 'Widgets',
        version: 1,
        archived: false,
        rules: [
          {
            id: 'widgets',
            description: 'agent-1 may delete widgets',
            match: { tool: 'mcp__local__delete_widget', agentIds: ['agent-1'] },
            risk: 'LOW' as const,
            reason: 'Widget cleanup is this agent’s job.',
          },
        ],
      };
      const named = evaluateRisk({
        ...call,
        tool: 'mcp__local__delete_widget',
        params: { id: 'w1' },
        policies: [defaultPolicy, trusted],
        toolDefaults,
      });
      assert.equal(named.risk, 'LOW');
    });
  });

  it('calls tools and returns text and structured content', async () => {
    const outcome = await registry.execute('mcp__local__add', { a: 2, b: 3 }, ctx());
    assert.deepEqual(outcome.ok && outcome.result, { text: '5', structuredContent: { sum: 5 } });
    const greet = await byName(tools, 'mcp__local__greet').run({}, ctx());
    assert.deepEqual(greet, { text: 'hello from env' });
  });

  it('validates arguments against the server schema before calling', () => {
    assert.match(registry.validate('mcp__local__echo', { text: 3 }) ?? '', /^text: /);
    assert.match(registry.validate('mcp__local__echo', { text: 'x', times: 9 }) ?? '', /^times: /);
    assert.equal(registry.validate('mcp__local__echo', { text: 'x', times: 2 }), null);
  });

  it('turns isError results into MCP_TOOL_ERROR and slow calls into TIMEOUT', async () => {
    await assert.rejects(byName(tools, 'mcp__local__fail').run({}, ctx()), (error: unknown) => {
      assert.ok(error instanceof ToolError);
      assert.equal(error.code, 'MCP_TOOL_ERROR');
      assert.match(error.message, /the widget is broken/);
      return true;
    });
    await assert.rejects(byName(tools, 'mcp__local__sleep').run({ ms: 5000 }, ctx()), { code: 'TIMEOUT' });
    const after = await registry.execute('mcp__local__echo', { text: 'still', times: 2 }, ctx());
    assert.deepEqual(after.ok && after.result, { text: 'still still' });
  });
});

describe('MCP tools over streamable HTTP', () => {
  let http: Awaited<ReturnType<typeof startTestMcpHttpServer>>;
  beforeAll(async () => {
    http = await startTestMcpHttpServer();
  });
  afterAll(() => http.close());

  it('connects with the configured headers and calls tools', async () => {
    const tools = await connectMcpServers([
      { name: 'remote', transport: 'http', url: http.url, headers: { authorization: 'Bearer test-token' } },
    ]);
    try {
      const echo = await byName(tools, 'mcp__remote__echo').run({ text: 'hi', times: 3 }, ctx());
      assert.deepEqual(echo, { text: 'hi hi hi' });
      assert.ok(http.requests() >= 3);
    } finally {
      await Promise.all(tools.map((tool) => tool.close?.()));
    }
  });

  it('fails at start, naming the server, when it cannot connect', async () => {
    await assert.rejects(
      connectMcpServers([
        { name: 'remote', transport: 'http', url: http.url, headers: { authorization: 'Bearer wrong' } },
      ]),
      /MCP server "remote" could not be reached/,
    );
    await assert.rejects(
      connectMcpServers([{ name: 'gone', transport: 'http', url: 'http://127.0.0.1:1/mcp' }], {
        connectTimeoutMs: 2000,
      }),
      /MCP server "gone" could not be reached/,
    );
  });
});

describe('mcpToolName', () => {
  it('sanitises and keeps names within 64 characters, distinct for distinct tools', () => {
    assert.equal(mcpToolName('git hub', 'create.issue'), 'mcp__git_hub__create_issue');
    const a = mcpToolName('server', 'x'.repeat(80));
    const b = mcpToolName('server', `${'x'.repeat(79)}y`);
    assert.equal(a.length, 64);
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9_-]+$/);
  });
});
