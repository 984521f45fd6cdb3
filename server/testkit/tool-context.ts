import type { ToolContext } from '../activities/tools/tool.ts';

/** A context for calling a tool directly in tests: a fresh never-aborted signal unless given one. */
export function toolContext(overrides: Partial<ToolContext> = {}): ToolContext {
  return { signal: new AbortController().signal, runId: 'run-1', step: 1, callId: 'call-1', ...overrides };
}
