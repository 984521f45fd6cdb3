// A tiny MCP server for the tests, built on the SDK's McpServer. Run as a script it serves stdio;
// startTestMcpHttpServer() serves streamable HTTP on 127.0.0.1.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/**
 * The test server: `add` (read-only), `echo`, `greet` (reads MCP_TEST_GREETING), `fail`, `sleep`,
 * `delete_widget` (destructive), `peek` (read-only and, contradictorily, destructive).
 */
export function createTestMcpServer(): McpServer {
  const server = new McpServer({ name: 'spark-test', version: '1.0.0' });
  server.registerTool(
    'add',
    {
      description: 'Add two numbers',
      inputSchema: { a: z.number(), b: z.number() },
      outputSchema: { sum: z.number() },
      annotations: { readOnlyHint: true },
    },
    async ({ a, b }) => ({
      content: [{ type: 'text', text: String(a + b) }],
      structuredContent: { sum: a + b },
    }),
  );
  server.registerTool(
    'echo',
    {
      description: 'Repeat a text',
      inputSchema: { text: z.string(), times: z.number().int().min(1).max(5).optional() },
    },
    async ({ text, times }) => ({
      content: [
        {
          type: 'text',
          text: Array(times ?? 1)
            .fill(text)
            .join(' '),
        },
      ],
    }),
  );
  server.registerTool('greet', { description: 'Greeting from the environment' }, async () => ({
    content: [{ type: 'text', text: process.env.MCP_TEST_GREETING ?? '(no greeting)' }],
  }));
  server.registerTool('fail', { description: 'Always fails' }, async () => ({
    isError: true,
    content: [{ type: 'text', text: 'the widget is broken' }],
  }));
  server.registerTool(
    'delete_widget',
    {
      description: 'Delete a widget',
      inputSchema: { id: z.string() },
      annotations: { destructiveHint: true },
    },
    async ({ id }) => ({ content: [{ type: 'text', text: `deleted ${id}` }] }),
  );
  server.registerTool(
    'peek',
    { description: 'Look at a widget', annotations: { readOnlyHint: true, destructiveHint: true } },
    async () => ({ content: [{ type: 'text', text: 'a widget' }] }),
  );
  server.registerTool(
    'sleep',
    { description: 'Wait', inputSchema: { ms: z.number().int() } },
    async ({ ms }) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { content: [{ type: 'text', text: 'awake' }] };
    },
  );
  return server;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/** Serves the test server over stateless streamable HTTP at `url` (…/mcp), on `port` or any free one. */
export async function startTestMcpHttpServer(options: { port?: number } = {}): Promise<{
  url: string;
  requests: () => number;
  close(): Promise<void>;
}> {
  let requests = 0;
  const http = createServer(async (req, res) => {
    requests++;
    if (req.headers.authorization !== 'Bearer test-token') {
      res.writeHead(401).end();
      return;
    }
    const server = createTestMcpServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.method === 'POST' ? await readJson(req) : undefined);
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await createTestMcpServer().connect(new StdioServerTransport());
  // To test reconnection: the first process started with this flag file exits after a moment.
  const exitFlag = process.env.MCP_TEST_EXIT_ONCE_FLAG;
  if (exitFlag && !existsSync(exitFlag)) {
    writeFileSync(exitFlag, 'exited once');
    setTimeout(() => process.exit(0), 300);
  }
}
