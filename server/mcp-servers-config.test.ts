import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

/** The problems loadConfig reports for this MCP_SERVERS value. */
function problems(value: string): string[] {
  try {
    loadConfig({ MCP_SERVERS: value });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
  assert.fail(`MCP_SERVERS=${value} was accepted`);
}

describe('loadConfig: MCP_SERVERS', () => {
  it('is an empty list when unset', () => {
    assert.deepEqual(loadConfig({}).mcpServers, []);
  });

  it('reads a stdio server: command, args (default none), env', () => {
    const config = loadConfig({
      MCP_SERVERS: JSON.stringify([
        {
          name: 'files',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'],
          env: { FILES_TOKEN: 'abc' },
        },
        { name: 'clock_2', command: '/usr/local/bin/clock' },
      ]),
    });
    assert.deepEqual(config.mcpServers, [
      {
        name: 'files',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/data'],
        env: { FILES_TOKEN: 'abc' },
      },
      { name: 'clock_2', transport: 'stdio', command: '/usr/local/bin/clock', args: [] },
    ]);
  });

  it('reads a streamable HTTP server: url and headers', () => {
    const config = loadConfig({
      MCP_SERVERS: '[{"name":"search","url":"https://host/mcp","headers":{"authorization":"Bearer t"}}]',
    });
    assert.deepEqual(config.mcpServers, [
      { name: 'search', transport: 'http', url: 'https://host/mcp', headers: { authorization: 'Bearer t' } },
    ]);
  });

  it('refuses text that is not JSON without quoting it (it may hold secrets)', () => {
    const [problem, ...rest] = problems('[{"name":"x","command":"a","env":{"K":"s3cret"},}]');
    assert.deepEqual(rest, []);
    assert.match(
      problem ?? '',
      /^MCP_SERVERS: is not valid JSON \(at position \d+\): expected an array like \[/,
    );
    assert.doesNotMatch(problem ?? '', /s3cret/);
    assert.match(problems('files=npx s3cret')[0] ?? '', /^MCP_SERVERS: is not valid JSON/);
    assert.doesNotMatch(problems('files=npx s3cret')[0] ?? '', /s3cret/);
  });

  it('wants an array of objects', () => {
    assert.match(problems('{"name":"files","command":"npx"}')[0] ?? '', /^MCP_SERVERS: must be a JSON array/);
    assert.deepEqual(problems('["npx"]'), [
      'MCP_SERVERS.0: must be an object with "name" and "command" or "url"',
    ]);
  });

  it('refuses duplicate names, naming the later one', () => {
    assert.deepEqual(problems('[{"name":"a","command":"x"},{"name":"a","url":"http://h/mcp"}]'), [
      'MCP_SERVERS.1.name: "a" is used by another server: names must be unique',
    ]);
  });

  it('needs a name of [a-z0-9_-] and a command or a url, not both', () => {
    assert.deepEqual(
      problems(
        '[{"command":"x"},{"name":"Files!","command":"x"},{"name":"b"},{"name":"c","command":"x","url":"http://h"}]',
      ),
      [
        'MCP_SERVERS.0.name: is required: a name of lowercase letters, digits, "_" or "-"',
        'MCP_SERVERS.1.name: must be 1 to 32 lowercase letters, digits, "_" or "-"',
        'MCP_SERVERS.2: needs "command" (a stdio server) or "url" (a streamable HTTP server)',
        'MCP_SERVERS.3: has both "command" and "url": give "command" for a stdio server or "url" for streamable HTTP',
      ],
    );
  });

  it('checks each field, never echoing header or env values', () => {
    const reported = problems(
      JSON.stringify([
        { name: 'a', command: '', args: 'x', env: { K: 42 } },
        { name: 'b', url: 'ftp://host/mcp' },
        { name: 'c', url: 'https://user:s3cret@host/mcp', header: { authorization: 's3cret' } },
      ]),
    );
    assert.deepEqual(reported, [
      'MCP_SERVERS.0.command: must not be empty',
      'MCP_SERVERS.0.args: must be an array of strings',
      'MCP_SERVERS.0.env.K: must be a string',
      'MCP_SERVERS.1.url: must be an http:// or https:// URL without user or password (put credentials in "headers")',
      'MCP_SERVERS.2.url: must be an http:// or https:// URL without user or password (put credentials in "headers")',
      'MCP_SERVERS.2: unknown "header": a streamable HTTP server takes name, url, headers',
    ]);
  });

  it('is reported together with the other bad variables', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', MCP_SERVERS: '[{"name":"a"}]' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2,
    );
  });
});
