// Pure: run events → what each batch adds to a run's search document and facets. No I/O.
import { RiskLevel } from '../../schema/events/common.ts';
import type { RunEventDataByType } from '../../schema/events/index.ts';
import { parseStream } from '../../schema/events/streams.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';

/**
 * How many characters of a run's text (goal, thoughts, final output) are indexed. A run of a
 * thousand steps would otherwise grow one row without bound; the start of a run (its goal, its
 * first thoughts) and what it is about rarely change after this much text.
 */
export const MAX_INDEXED_CHARS = 32_000;

/** Risk levels in order: the read model keeps the rank of the highest one a run reached (0: none). */
export const RISK_RANKS: Record<RiskLevel, number> = {
  [RiskLevel.Low]: 1,
  [RiskLevel.Medium]: 2,
  [RiskLevel.High]: 3,
  [RiskLevel.Critical]: 4,
};

/**
 * What one batch adds to one run's `run_search` row. Merging follows fixed rules, so that two
 * batches applied one after the other equal the two applied as one:
 * - `text` is the run's pieces of text in log order, each followed by a newline, cut at
 *   MAX_INDEXED_CHARS code points of the run's text in total (`textChars` counts them); the writer
 *   cuts again against what the row already holds;
 * - `tools` is a set (union); `riskRank` the highest.
 */
export interface RunSearchChange {
  runId: string;
  text: string;
  textChars: number;
  tools: string[];
  riskRank: number;
  lastRevision: number;
}

/** Every string inside a JSON value, in document order: what a final output says, without its syntax. */
export function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) jsonStrings(item, out);
  return out;
}

/** The searchable text an event adds, or null. */
function textOf(event: RecordedEvent): string | null {
  switch (event.type) {
    case 'RunStarted':
      return (event.data as unknown as RunEventDataByType['RunStarted']).inputs.goal;
    case 'ReasoningCompleted':
      return (event.data as unknown as RunEventDataByType['ReasoningCompleted']).thought;
    case 'RunCompleted':
      return jsonStrings((event.data as unknown as RunEventDataByType['RunCompleted']).output).join('\n');
    default:
      return null;
  }
}

function append(change: RunSearchChange, piece: string): void {
  if (piece === '' || change.textChars >= MAX_INDEXED_CHARS) return;
  // Code points, as PostgreSQL's length() and left() count them.
  const points = Array.from(`${piece}\n`);
  const room = MAX_INDEXED_CHARS - change.textChars;
  const kept = points.length > room ? points.slice(0, room) : points;
  change.text += kept.join('');
  change.textChars += kept.length;
}

/** Folds a batch of events (any streams, log order) into one change per run it touches. */
export function mapRunSearchEvents(events: readonly RecordedEvent[]): RunSearchChange[] {
  const changes = new Map<string, RunSearchChange>();
  for (const event of events) {
    if (!event.stream.startsWith('run-')) continue;
    const runId = parseStream(event.stream).id;
    let change = changes.get(runId);
    if (!change) {
      change = {
        runId,
        text: '',
        textChars: 0,
        tools: [],
        riskRank: 0,
        lastRevision: event.revision,
      };
      changes.set(runId, change);
    }
    change.lastRevision = event.revision;
    const text = textOf(event);
    if (text !== null) append(change, text);
    if (event.type === 'SafetyEvaluated') {
      const data = event.data as unknown as RunEventDataByType['SafetyEvaluated'];
      if (!change.tools.includes(data.tool)) change.tools.push(data.tool);
      change.riskRank = Math.max(change.riskRank, RISK_RANKS[data.risk]);
    }
  }
  return [...changes.values()];
}
