// Forking, the pure part: is revision N of a run a fork point, and do a fork's agent overrides widen
// what the agent may do. The application reads the source's history and the caller's role.
import type { AgentConfig, Budget } from '../../schema/events/index.ts';
import { foldForkedRun, forkPointRefusal } from './forked-run.ts';
import type { Refusal } from './refusal.ts';
import type { RunEvent, RunState } from './run-state.ts';

/** Forks of forks nest at most this deep; loading a run reads one stream per level. */
export const MAX_FORK_DEPTH = 16;

/** A run's history as `readRunHistory` gives it. */
export interface ForkSource {
  runId: string;
  own: readonly RunEvent[];
  inherited: readonly RunEvent[];
  forkDepth: number;
}

/**
 * The source's state at `atRevision` when a fork may start there; otherwise why not (the message
 * names the nearest revisions that can be forked). Never throws.
 */
export function checkForkPoint(
  source: ForkSource,
  atRevision: number,
): { state: RunState } | { refusal: Refusal } {
  const { runId } = source;
  if (!Number.isInteger(atRevision) || atRevision < 0) {
    const message = 'atRevision must be a revision of the source run (0 or more)';
    return { refusal: { code: 'BAD_USER_INPUT', field: 'atRevision', message } };
  }
  if (source.own[0]?.type !== 'RunStarted')
    return { refusal: { code: 'NOT_FOUND', message: `Run ${runId} does not exist` } };
  if (source.forkDepth >= MAX_FORK_DEPTH) {
    const message = `Run ${runId} is a fork ${source.forkDepth} levels deep; forks nest at most ${MAX_FORK_DEPTH} deep`;
    return { refusal: { code: 'BAD_USER_INPUT', field: 'runId', message } };
  }
  const problem = forkPointRefusal(source, atRevision);
  if (problem !== null) {
    const message = `Run ${runId} cannot be forked at revision ${atRevision}: ${problem}`;
    return { refusal: { code: 'BAD_USER_INPUT', field: 'atRevision', message } };
  }
  const upTo = source.own.filter((event) => event.revision <= atRevision);
  return { state: foldForkedRun(upTo, source.inherited) };
}

const BUDGET_LIMITS = ['maxSteps', 'maxTokens', 'maxCostUsd', 'maxWallTimeMs'] as const;

function loosenedLimits(agent: Budget, fork: Budget): string[] {
  return BUDGET_LIMITS.filter((limit) => {
    const was = agent[limit];
    const now = fork[limit];
    return was !== undefined && (now === undefined || now > was);
  });
}

/**
 * What a fork's agent config lets the agent do that the source's did not: tools it did not have,
 * policies it drops, budget limits it raises or removes, another LLM provider, another system
 * prompt (the agent's instructions are its editors' to change). Changing the model within the same
 * provider, narrowing tools, adding policies and tightening budgets widen nothing. Empty when the
 * fork widens nothing.
 */
export function forkWidening(agent: AgentConfig, fork: AgentConfig): string[] {
  const widened: string[] = [];
  const added = fork.tools.filter((tool) => !agent.tools.includes(tool));
  if (added.length > 0) widened.push(`adds tools ${added.join(', ')}`);
  const dropped = agent.policyIds.filter((id) => !fork.policyIds.includes(id));
  if (dropped.length > 0) widened.push(`drops policies ${dropped.join(', ')}`);
  const loosened = loosenedLimits(agent.budget, fork.budget);
  if (loosened.length > 0) widened.push(`raises budget limits ${loosened.join(', ')}`);
  if (fork.llm.provider !== agent.llm.provider)
    widened.push(`changes the LLM provider to ${fork.llm.provider}`);
  if (fork.systemPrompt !== agent.systemPrompt) widened.push('changes the system prompt');
  return widened;
}
