import { requestHash } from '../activities/providers/request-hash.ts';
import type { ToolSpec } from '../engine/conversation.ts';
import { buildConversation, FINISH_TOOL_SPEC } from '../engine/conversation-builder.ts';
import type { RunState } from '../engine/run-state.ts';

/**
 * What the agent asks the model at this point of the run, as a hash: the request the run driver
 * builds (agent's model and settings, system prompt, conversation, offered tools), without the
 * memories recalled into the system prompt. Those come from the agent's other runs, which a
 * fixture does not carry; everything else the agent asks is compared. `toolSpecs` are the tools
 * the deployment knows, in its order; the agent's are offered, then `finish`.
 */
export function questionHash(state: RunState, toolSpecs: readonly ToolSpec[]): string {
  const agent = state.agent;
  if (agent === null) return '';
  const conversation = buildConversation(state, []);
  const offered = toolSpecs.filter((spec) => agent.tools.includes(spec.name));
  return requestHash({
    provider: agent.llm.provider,
    model: agent.llm.model,
    temperature: agent.llm.temperature ?? 0,
    maxTokens: agent.llm.maxTokens ?? 1024,
    system: conversation.system,
    messages: conversation.messages,
    tools: [...offered, FINISH_TOOL_SPEC],
  });
}
