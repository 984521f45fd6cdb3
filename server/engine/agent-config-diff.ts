import type { AgentConfig } from '../../schema/events/index.ts';

/** One field that differs between two agent configs; `before`/`after` are undefined when absent. */
export interface AgentConfigChange {
  /** Dotted path: `systemPrompt`, `llm.model`, `budget.maxSteps`, `approval.escalateTo`. */
  field: string;
  before: unknown;
  after: unknown;
}

// Objects whose fields are compared one by one; every other value (lists, the escalation target) is
// compared whole, since its parts mean nothing alone.
const NESTED: ReadonlySet<string> = new Set(['llm', 'budget', 'approval']);

function leaves(config: AgentConfig): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (NESTED.has(key) && typeof value === 'object' && value !== null) {
      for (const [inner, item] of Object.entries(value)) {
        if (item !== undefined) result.set(`${key}.${inner}`, item);
      }
    } else {
      result.set(key, value);
    }
  }
  return result;
}

/** A canonical JSON encoding (sorted keys) so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fields that differ from `from` to `to`, in a stable order (by path). An absent optional field
 * and an empty override are the same thing (`approval: {}` overrides nothing), so neither is a change.
 */
export function diffAgentConfigs(from: AgentConfig, to: AgentConfig): AgentConfigChange[] {
  const before = leaves(from);
  const after = leaves(to);
  const fields = [...new Set([...before.keys(), ...after.keys()])].sort();
  return fields
    .filter((field) => canonical(before.get(field)) !== canonical(after.get(field)))
    .map((field) => ({ field, before: before.get(field), after: after.get(field) }));
}
