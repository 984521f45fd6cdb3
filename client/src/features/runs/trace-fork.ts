// A fork's events as its trace needs them. A fork's stream starts with its own RunStarted and goes
// on from the source's state at `atRevision`: the step it continues has its thought, action and
// tokens in the source's stream only. Folding the source's events up to the fork point right after
// the fork's RunStarted (as the engine's forked-run.ts does) gives that step back. Pure.
import { eventsUpTo } from './trace-events';
import type { TraceEvent } from './trace-types';

export function withInheritedEvents(
  own: readonly TraceEvent[],
  source: readonly TraceEvent[],
  atRevision: number,
): readonly TraceEvent[] {
  const [started, ...rest] = own;
  if (started?.type !== 'RunStarted') return own;
  const inherited = eventsUpTo(source, atRevision).filter((event) => event.type !== 'RunStarted');
  return [started, ...inherited, ...rest];
}
