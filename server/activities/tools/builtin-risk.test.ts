import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlParse } from '../../safety/classify-sql.ts';
import { defaultPolicy } from '../../safety/default-policy.ts';
import { evaluateRisk } from '../../safety/evaluate-risk.ts';
import { BUILTIN_TOOL_RISK } from '../../safety/tool-risks.ts';
import { loadPgParser } from '../sql/pg-parser.ts';
import { createMemoryOutbox } from './email-outbox.ts';
import { createExecutePythonTool } from './execute-python.ts';
import { createHttpRequestTool } from './http-request.ts';
import { createToolRegistry } from './registry.ts';
import { createRunSqlTool } from './run-sql.ts';
import { createSendEmailTool } from './send-email.ts';
import type { AnyToolDefinition } from './tool.ts';
import { createWebSearchTool } from './web-search.ts';

/** Params no parameter-specific rule of the built-in policy raises (a plain read, a GET…). */
const BENIGN_PARAMS: Record<string, Record<string, unknown>> = {
  web_search: { query: 'refund policy' },
  http_request: { url: 'https://example.com', method: 'GET' },
  run_sql: { sql: 'SELECT count(*) FROM tickets' },
  execute_python: { code: 'print(1)' },
  send_email: { to: 'a@example.com', subject: 's', body: 'b' },
};

describe('one default risk per built-in tool', () => {
  const registry = createToolRegistry([
    createWebSearchTool({}),
    createHttpRequestTool({}),
    createRunSqlTool({ database: 'demo' }),
    createExecutePythonTool({}),
    createSendEmailTool({ outbox: createMemoryOutbox(), from: 'agent@example.com' }),
  ] as AnyToolDefinition[]);
  let parseSql: SqlParse;
  beforeAll(async () => {
    parseSql = await loadPgParser();
  });
  afterAll(() => registry.close());

  it('the registry (agent form, integrations) and the built-in policy (trace) agree on every tool', () => {
    const described = Object.fromEntries(registry.describe().map((info) => [info.name, info.defaultRisk]));
    assert.deepEqual(described, BUILTIN_TOOL_RISK);
    for (const [tool, risk] of Object.entries(BUILTIN_TOOL_RISK)) {
      const verdict = evaluateRisk({
        tool,
        params: BENIGN_PARAMS[tool] ?? {},
        agentId: 'agent-1',
        totals: { steps: 1, inputTokens: 0, outputTokens: 0, costUsd: 0 },
        policies: [defaultPolicy],
        toolDefaults: {},
        parseSql,
      });
      assert.equal(verdict.risk, risk, `${tool}: the policy says ${verdict.risk}, the tool ${risk}`);
    }
    assert.equal(described.run_sql, 'MEDIUM');
  });
});
