import { createToolRegistry, type ToolRegistry } from '../registry.ts';
import type { AnyToolDefinition } from '../tool.ts';
import type { McpConnections } from './mcp-connections.ts';

/**
 * A registry of the built-in tools plus whatever the MCP servers offer right now: when a server
 * connects late or reconnects, the next lookup sees its tools. Same contract as
 * {@link createToolRegistry}; `close()` closes the MCP connections and the built-in tools.
 * @throws at construction for the same configuration bugs as `createToolRegistry` (built-in tools).
 */
export function createLiveToolRegistry(options: {
  builtIn: readonly AnyToolDefinition[];
  mcp: McpConnections;
}): ToolRegistry {
  const { builtIn, mcp } = options;
  let mcpTools: readonly AnyToolDefinition[] = [];
  let current = createToolRegistry(builtIn);
  const registry = (): ToolRegistry => {
    const latest = mcp.tools();
    if (latest.length !== mcpTools.length || latest.some((tool, index) => tool !== mcpTools[index])) {
      current = createToolRegistry(firstOfEachName([...builtIn, ...latest]));
      mcpTools = latest;
    }
    return current;
  };
  return {
    list: () => registry().list(),
    describe: () => registry().describe(),
    get: (name) => registry().get(name),
    validate: (name, params) => registry().validate(name, params),
    isIdempotent: (name, params) => registry().isIdempotent(name, params),
    execute: (name, params, ctx) => registry().execute(name, params, ctx),
    async close() {
      await mcp.close();
      await Promise.allSettled(builtIn.map((tool) => tool.close?.()));
    },
  };
}

// Server names are unique, but sanitised names of two servers' tools can still meet (server `a`
// with tool `b__c`, server `a__b` with tool `c`): the first keeps the name rather than a late
// (re)connection crashing the registry.
function firstOfEachName(tools: readonly AnyToolDefinition[]): AnyToolDefinition[] {
  const seen = new Set<string>();
  return tools.filter((tool) => !seen.has(tool.name) && seen.add(tool.name));
}
