// Pure: agent events → one row change per agent. No I/O; the writer turns the changes into SQL.
import type { AgentEventDataByType, ApprovalPolicy, Budget, LlmConfig } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

export const AgentStatus = { Active: 'active', Archived: 'archived' } as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

/**
 * What one batch does to one agent's row. Merging it into an existing row (the writer) follows fixed
 * rules, so that applying two batches one after the other equals applying them as one:
 * - config fields: null means unchanged, otherwise the batch's latest value replaces the row's
 *   (`llm` as a whole: a new llm without a temperature clears the old temperature);
 * - `version`: the highest; `status`: archived once archived (no event un-archives an agent);
 * - `createdAt` (the agent's first event, its AgentCreated) and `archivedAt`: the first value wins;
 * - `updatedAt`, `lastRevision`, `lastPosition` are the batch's last event of the agent.
 */
export interface AgentRowChange {
  id: string;
  name: string | null;
  purpose: string | null;
  llm: LlmConfig | null;
  tools: string[] | null;
  systemPrompt: string | null;
  policyIds: string[] | null;
  budget: Budget | null;
  /** The agent's approval override as last set (`{}` once cleared). */
  approval: ApprovalPolicy | null;
  version: number | null;
  status: AgentStatus | null;
  createdAt: Date;
  archivedAt: Date | null;
  updatedAt: Date;
  lastRevision: number;
  lastPosition: string;
}

type ConfigData = Partial<Omit<AgentEventDataByType['AgentCreated'], 'agentId'>>;

function applyConfig(change: AgentRowChange, data: ConfigData): void {
  if (data.name !== undefined) change.name = data.name;
  if (data.purpose !== undefined) change.purpose = data.purpose;
  if (data.llm !== undefined) change.llm = data.llm;
  if (data.tools !== undefined) change.tools = [...data.tools];
  if (data.systemPrompt !== undefined) change.systemPrompt = data.systemPrompt;
  if (data.policyIds !== undefined) change.policyIds = [...data.policyIds];
  if (data.budget !== undefined) change.budget = data.budget;
  if (data.approval !== undefined) change.approval = data.approval;
}

function applyEvent(change: AgentRowChange, event: RecordedEvent): void {
  change.updatedAt = event.recordedAt;
  change.lastRevision = event.revision;
  change.lastPosition = event.position;
  switch (event.type) {
    case 'AgentCreated': {
      const { agentId: _, ...config } = event.data as unknown as AgentEventDataByType['AgentCreated'];
      applyConfig(change, config);
      change.version = Math.max(change.version ?? 0, 1);
      change.status ??= AgentStatus.Active;
      break;
    }
    case 'AgentUpdated': {
      const {
        agentId: _,
        version,
        ...config
      } = event.data as unknown as AgentEventDataByType['AgentUpdated'];
      applyConfig(change, config);
      change.version = Math.max(change.version ?? 0, version);
      break;
    }
    case 'AgentArchived':
      change.status = AgentStatus.Archived;
      change.archivedAt ??= event.recordedAt;
      break;
  }
}

/** Folds a batch of events (any streams, log order) into one change per agent it touches. */
export function mapAgentEvents(events: readonly RecordedEvent[]): AgentRowChange[] {
  const changes = new Map<string, AgentRowChange>();
  for (const event of events) {
    if (!event.stream.startsWith('agent-')) continue;
    const id = parseStream(event.stream).id;
    let change = changes.get(id);
    if (!change) {
      change = {
        id,
        name: null,
        purpose: null,
        llm: null,
        tools: null,
        systemPrompt: null,
        policyIds: null,
        budget: null,
        approval: null,
        version: null,
        status: null,
        createdAt: event.recordedAt,
        archivedAt: null,
        updatedAt: event.recordedAt,
        lastRevision: event.revision,
        lastPosition: event.position,
      };
      changes.set(id, change);
    }
    applyEvent(change, event);
  }
  return [...changes.values()];
}
