import { agentStream } from '../../schema/events/index.ts';
import type { ToolRegistry } from '../activities/tools/registry.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';

/** The demo agent's fixed id, so seeding is idempotent and links can point at it. */
export const DEMO_AGENT_ID = '5eed0000-0000-4000-8000-00000000a901';

const DEMO_TOOLS = ['run_sql', 'execute_python', 'send_email'];

/**
 * Seeds "Support Ticket Analyzer" on the demo provider (scripted, no API key) on first start: it
 * queries the bundled support tickets, analyses them in Python, and emails a summary — which needs
 * an operator's approval. Returns the agent id; a second start finds it and writes nothing.
 */
export async function seedDemoAgent(store: EventStore, tools: ToolRegistry): Promise<string> {
  const available = new Set(tools.describe().map((tool) => tool.name));
  const missing = DEMO_TOOLS.filter((tool) => !available.has(tool));
  if (missing.length > 0) throw new Error(`The demo agent needs the tools ${missing.join(', ')}`);
  try {
    await store.append(
      agentStream(DEMO_AGENT_ID),
      [
        {
          id: newEventId(),
          type: 'AgentCreated',
          data: {
            agentId: DEMO_AGENT_ID,
            name: 'Support Ticket Analyzer',
            purpose:
              'Demo (scripted, no LLM): analyses the bundled support tickets and emails a summary to the support leads.',
            llm: { provider: 'demo', model: 'demo-scripted-v1', temperature: 0 },
            tools: DEMO_TOOLS,
            systemPrompt:
              'You analyse support tickets: query them with run_sql, compute statistics with execute_python, and email a short summary with send_email.',
            policyIds: [],
            budget: { maxSteps: 12 },
          },
          metadata: { actor: 'system:seed' },
        },
      ],
      { expected: 'no_stream' },
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  return DEMO_AGENT_ID;
}
